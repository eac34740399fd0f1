import type { TaxonomyFile } from '../taxonomyFile';
import type { TaxonomyWorkspace } from '../workspace';
import { contributedDefinitions } from '../index/detached';
import { qualifiedId } from '../index/keys';
import type { Range } from '../types';
import { idAt } from './lookup';

/** One place of the current file that names the id under the cursor. */
export interface HighlightEntry {
  range: Range;
  /** `write` where the id is defined (`id: x`), `read` where it is referred to. */
  kind: 'read' | 'write';
}

/**
 * Every occurrence, in this file, of the id under the cursor: its definitions as writes and its
 * references as reads. Read from what the file gave the index (its own definitions and
 * references), so it costs the size of this file's contribution, never the workspace's.
 */
export function documentHighlights(workspace: TaxonomyWorkspace, file: TaxonomyFile, offset: number): HighlightEntry[] {
  const target = idAt(workspace, file, offset);
  if (!target) return [];
  const contribution = workspace.index.contribution(file.uri);
  if (!contribution) return [];
  const out: HighlightEntry[] = [];
  for (const d of contributedDefinitions(contribution)) {
    if (d.kind === target.kind && qualifiedId(d.kind, d.id, d.container) === target.qualifiedId)
      out.push({ range: d.range, kind: 'write' });
  }
  const refs = contribution.references;
  for (let i = 0; i < refs.length; i++) {
    if (refs.kind(i) === target.kind && refs.id(i) === target.qualifiedId)
      out.push({ range: refs.at(i).range, kind: 'read' });
  }
  return out.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

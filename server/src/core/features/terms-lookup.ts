import type { Term } from '../model';
import type { TaxonomyFile } from '../taxonomyFile';
import type { TaxonomyWorkspace } from '../workspace';
import type { Definition } from '../index/entries';
import type { Range } from '../types';
import { termAtInFile } from '../terms/prose';
import { workspaceGlossary, type LabelRole } from '../terms/glossary';

/** How a word in the text names a glossary term. */
type TermLabelKind = 'term' | 'alias' | 'avoid';

/** A glossary term found in free text or a Markdown doc under the cursor. */
export interface TermAtCursor {
  definition: Definition & { entity: Term };
  /** The words in the text that name it, as written. */
  text: string;
  range: Range;
  /** Whether the words are the preferred label, an accepted alias or a label to avoid. */
  via: TermLabelKind;
  /** The glossary label that matched. */
  label: string;
}

/** One label of a glossary term, lower-cased for matching. */
export interface TermLabel {
  label: string;
  lower: string;
  via: TermLabelKind;
  definition: Definition & { entity: Term };
}

/**
 * Every label of every glossary term in the workspace: preferred terms, aliases and labels to
 * avoid, with their definitions: what completion offers in free text.
 */
export function termLabels(workspace: TaxonomyWorkspace): TermLabel[] {
  const out: TermLabel[] = [];
  for (const id of workspace.index.ids('term')) {
    const d = workspace.index.definitions('term', id)[0];
    const term = d?.entity;
    if (!term) continue;
    if (term.kind !== 'term') continue;
    const def = d as Definition & { entity: Term };
    const add = (label: string | undefined, via: TermLabelKind) => {
      const l = label?.trim();
      if (l) out.push({ label: l, lower: normalise(l), via, definition: def });
    };
    add(term.label?.value, 'term');
    for (const a of term.aliases) add(a.value, 'alias');
    for (const a of term.avoid) add(a.value, 'avoid');
  }
  return out;
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ');
}

const ROLE_RANK: Record<LabelRole, number> = { preferred: 0, alias: 1, avoid: 2 };
const VIA: Record<LabelRole, TermLabelKind> = { preferred: 'term', alias: 'alias', avoid: 'avoid' };

/**
 * The glossary term named by the word or phrase under the cursor, found by the workspace's term
 * matcher (compiled once per glossary change): case- and plural-insensitive, whole words, the
 * longest label winning, across line breaks. In taxonomy files only free text (names,
 * descriptions, definitions, ...) is searched; in Markdown, the prose outside code and URLs.
 */
export function findTermAt(workspace: TaxonomyWorkspace, file: TaxonomyFile, offset: number): TermAtCursor | undefined {
  if (file.kind === 'config' || file.unreadable) return undefined;
  const match = termAtInFile(file, offset, workspaceGlossary(workspace).matcher);
  if (!match) return undefined;
  const labels = [...match.labels].sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role]);
  for (const label of labels) {
    const def = workspace.index.definitions('term', label.termId).find((d) => d.entity.kind === 'term');
    if (!def) continue;
    return {
      definition: def as Definition & { entity: Term },
      text: match.text,
      range: file.lines.range(match.start, match.end),
      via: VIA[label.role],
      label: label.label,
    };
  }
  return undefined;
}

import type { DocModel, Entity } from '../model';
import type { TaxonomyFile } from '../taxonomyFile';
import type { TaxonomyWorkspace } from '../workspace';
import type { EntityKind, Location, Range } from '../types';
import { KIND_NOUN } from './cards';
import { rangeContains } from './lookup';

/** What a document symbol stands for: an entity, or the list of teams / the glossary holding them. */
export type SymbolNodeKind = EntityKind | 'teams' | 'glossary';

/** One entry of a file's outline. */
export interface DocumentSymbolNode {
  name: string;
  detail?: string;
  kind: SymbolNodeKind;
  range: Range;
  /** The range to select when the entry is picked: the id, else the name. Inside `range`. */
  selectionRange: Range;
  deprecated?: boolean;
  children: DocumentSymbolNode[];
}

/** One entry of the workspace-wide symbol search. */
export interface WorkspaceSymbolEntry {
  /** The id: what other files write to refer to it. */
  name: string;
  kind: EntityKind;
  /** The entity's name and, for stages and touchpoints, their journey. */
  containerName?: string;
  location: Location;
  deprecated?: boolean;
}

function displayName(e: Entity): string {
  const label = e.kind === 'term' ? e.label?.value : undefined;
  const name = (label ?? e.name?.value ?? e.id?.value ?? '').trim();
  return name || `(${KIND_NOUN[e.kind].toLowerCase()} without id)`;
}

function contains(outer: Range, inner: Range): boolean {
  return rangeContains(outer, inner.start) && rangeContains(outer, inner.end);
}

function node(e: Entity, children: DocumentSymbolNode[] = []): DocumentSymbolNode {
  const pick = e.id?.range ?? e.name?.range;
  const selectionRange = pick && contains(e.range, pick) ? pick : { start: e.range.start, end: e.range.start };
  return {
    name: displayName(e),
    detail: e.id?.value,
    kind: e.kind,
    range: e.range,
    selectionRange,
    deprecated: e.status?.value === 'deprecated' || undefined,
    children,
  };
}

/**
 * A file's outline: a journey with its stages and their touchpoints, a glossary with its terms,
 * the teams of a teams file, or the one persona, segment or KPI.
 */
export function documentSymbols(file: TaxonomyFile): DocumentSymbolNode[] {
  const out: DocumentSymbolNode[] = [];
  for (const model of file.models) {
    const reader = file.readers[model.docIndex];
    if (!reader) continue;
    switch (file.kind) {
      case 'teams':
      case 'glossary': {
        const list = file.kind === 'teams' ? '/teams' : '/terms';
        const children = model.entities.map((e) => node(e));
        if (!reader.has(list)) {
          out.push(...children);
          break;
        }
        const range = docRange(file, model);
        const keyRange = reader.keyRange(list);
        const title = file.kind === 'teams' ? 'Teams' : (reader.string('/name')?.value ?? reader.string('/id')?.value ?? 'Glossary');
        const idRange = reader.has('/id') ? reader.valueRange('/id') : keyRange;
        out.push({
          name: title.trim() || 'Glossary',
          detail: file.kind === 'glossary' ? reader.string('/vocabulary')?.value : `${children.length} team${children.length === 1 ? '' : 's'}`,
          kind: file.kind,
          range,
          selectionRange: contains(range, idRange) ? idRange : { start: range.start, end: range.start },
          children,
        });
        break;
      }
      default:
        for (const e of model.entities) {
          if (e.kind === 'journey') out.push(node(e, e.stages.map((s) => node(s, s.touchpoints.map((t) => node(t))))));
          else out.push(node(e));
        }
    }
  }
  return out;
}

function docRange(file: TaxonomyFile, model: DocModel): Range {
  const doc = file.readers[model.docIndex].doc;
  return file.lines.range(doc.start, doc.end);
}

/** True when every character of the query appears in order in the text (case-insensitive). */
export function fuzzyMatches(query: string, text: string): boolean {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const t = text.toLowerCase();
  let i = 0;
  for (let j = 0; j < t.length && i < q.length; j++) if (t[j] === q[i]) i++;
  return i === q.length;
}

/** Every definition whose id or name matches the query, for "go to symbol in workspace". */
export function workspaceSymbols(workspace: TaxonomyWorkspace, query: string, limit = 1000): WorkspaceSymbolEntry[] {
  const out: WorkspaceSymbolEntry[] = [];
  for (const d of workspace.index.allDefinitions()) {
    if (out.length >= limit) break;
    const name = displayName(d.entity);
    if (query && !fuzzyMatches(query, d.id) && !fuzzyMatches(query, name)) continue;
    const container = d.container ? `${name} · ${KIND_NOUN[d.kind].toLowerCase()} in ${d.container}` : `${name} · ${KIND_NOUN[d.kind].toLowerCase()}`;
    out.push({ name: d.id, kind: d.kind, containerName: container, location: { uri: d.uri, range: d.range }, deprecated: d.entity.status?.value === 'deprecated' || undefined });
  }
  return out;
}

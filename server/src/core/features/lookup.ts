import type { DocReader } from '../model';
import { pointerSegments } from '../yaml';
import { readersOf } from './schemaDocs';
import type { TaxonomyFile } from '../taxonomyFile';
import type { TaxonomyWorkspace } from '../workspace';
import type { Definition } from '../index/entries';
import { contributedDefinitions } from '../index/detached';
import { qualifiedId } from '../index/keys';
import type { EntityKind, Position, Range } from '../types';

/** An entity id under the cursor: where it is written and what it names. */
export interface IdAtCursor {
  kind: EntityKind;
  /** The id as written. */
  id: string;
  /** The id qualified by its journey for stages and touchpoints (the index key). */
  qualifiedId: string;
  /** The range of the id scalar (quotes included when it is quoted). */
  range: Range;
  /** True when the cursor is on the definition itself (`id: x`), false on a reference. */
  isDefinition: boolean;
  /** The field a reference sits in (`owner`, `kpis`, ...); `id` for a definition. */
  field: string;
}

/** True when a position lies inside a range, its end included (the cursor right after a word). */
export function rangeContains(range: Range, pos: Position): boolean {
  const afterStart =
    pos.line > range.start.line || (pos.line === range.start.line && pos.character >= range.start.character);
  const beforeEnd = pos.line < range.end.line || (pos.line === range.end.line && pos.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** The id (definition or reference) at an offset of a file, from what the file gave the index. */
export function idAt(workspace: TaxonomyWorkspace, file: TaxonomyFile, offset: number): IdAtCursor | undefined {
  const contribution = workspace.index.contribution(file.uri);
  if (!contribution) return undefined;
  const pos = file.lines.positionAt(offset);
  for (const d of contributedDefinitions(contribution)) {
    if (rangeContains(d.range, pos)) {
      return {
        kind: d.kind,
        id: d.id,
        qualifiedId: qualifiedId(d.kind, d.id, d.container),
        range: d.range,
        isDefinition: true,
        field: 'id',
      };
    }
  }
  for (const r of contribution.references) {
    if (rangeContains(r.range, pos)) {
      return {
        kind: r.kind,
        id: r.id,
        qualifiedId: r.id,
        range: r.range,
        isDefinition: false,
        field: r.field,
      };
    }
  }
  return undefined;
}

/** The definitions an id resolves to (several when it is a duplicate). */
export function definitionsOf(
  workspace: TaxonomyWorkspace,
  target: Pick<IdAtCursor, 'kind' | 'qualifiedId'>,
): readonly Definition[] {
  return workspace.index.definitions(target.kind, target.qualifiedId);
}

/** The YAML node under an offset: the deepest span holding it, as a key or as a value. */
export interface NodeAtCursor {
  reader: DocReader;
  /** JSON pointer of the value (for a key, of the value the key names). */
  pointer: string;
  path: string[];
  onKey: boolean;
}

/** Finds the key or value under an offset in a parsed YAML file. */
export function nodeAt(file: TaxonomyFile, offset: number): NodeAtCursor | undefined {
  for (const reader of readersOf(file)) {
    const doc = reader.doc;
    if (offset < doc.start || offset > doc.end) continue;
    let best: { pointer: string; size: number; onKey: boolean } | undefined;
    for (const [pointer, span] of doc.spans) {
      if (
        span.keyStart !== undefined &&
        span.keyEnd !== undefined &&
        offset >= span.keyStart &&
        offset <= span.keyEnd
      ) {
        const size = span.keyEnd - span.keyStart;
        if (!best || size < best.size || (size === best.size && !best.onKey)) best = { pointer, size, onKey: true };
      }
      if (offset >= span.start && offset <= span.end && span.end > span.start) {
        const size = span.end - span.start;
        if (!best || size < best.size) best = { pointer, size, onKey: false };
      }
    }
    if (best) return { reader, pointer: best.pointer, path: pointerSegments(best.pointer), onKey: best.onKey };
  }
  return undefined;
}

import {
  entityNoun,
  FILE_ENTITY,
  FREE_TEXT_FIELDS,
  idFromFileName,
  SHARED_VOCABULARY,
  templateSnippet,
} from '../domain';
import { childPointer } from '../yaml';
import type { TaxonomyFile } from '../taxonomyFile';
import type { TaxonomyWorkspace } from '../workspace';
import type { Definition } from '../index/entries';
import type { EntityKind, Range } from '../types';
import { entityCard, entityDetail } from './cards';
import { retiredNote } from './cardLifecycle';
import { isRetired } from '../lifecycle';
import type { CompletionEntry } from './completionEntry';
import {
  enumAt,
  isObjectAt,
  propertiesAt,
  readersOf,
  schemaKindOf,
  valueDescriptions,
  type PropertyDoc,
  type SchemaKind,
} from './schemaDocs';
import { termCompletions } from './termCompletion';
import { markdownProse } from '../terms/prose';
import { yamlCursorAt, type PathSegment, type YamlCursor } from './yamlCursor';

export type { CompletionEntry } from './completionEntry';

/** Above this many candidates, items carry no documentation card (it would only slow the list). */
const MAX_DOCUMENTED = 300;

/** The entity kind a reference field names, by its key and where it sits. */
function referenceKindAt(fileKind: SchemaKind, path: readonly PathSegment[]): EntityKind | undefined {
  const keys = path.filter((s): s is string => typeof s === 'string');
  const field = keys[keys.length - 1];
  if (fileKind === 'config') return undefined;
  switch (field) {
    case 'owner':
    case 'lead':
    case 'handoff':
      return 'team';
    case 'persona':
    case 'personas':
      return 'persona';
    case 'segments':
      return 'segment';
    case 'kpis':
      return 'kpi';
    case 'kpi':
      return keys.includes('conflictsWith') ? 'kpi' : undefined;
    case 'equivalent':
    case 'broader':
    case 'related':
      return fileKind === 'glossary' ? 'term' : undefined;
    case 'replacedBy':
      // The replacement is of the entity's own kind (the file's entity, a team or a term; not a touchpoint).
      return keys.length === 1 || keys[0] === 'teams' || keys[0] === 'terms' ? FILE_ENTITY[fileKind] : undefined;
    default:
      return undefined;
  }
}

/**
 * Completion at an offset. In taxonomy files it offers, by what is being written: a skeleton for
 * an empty file; property keys with their schema docs; ids of the right kind in reference
 * fields (teams with their function, personas, segments, KPIs, terms), enum values, lifecycle
 * stages and channels; glossary terms in free text. In Markdown docs it offers glossary terms.
 * Works on incomplete YAML: the cursor's path is read from the text, not from the parse.
 */
export function complete(workspace: TaxonomyWorkspace, file: TaxonomyFile, offset: number): CompletionEntry[] {
  if (file.unreadable) return [];
  const range = (start: number, end: number) => file.lines.range(start, end);
  if (file.kind === 'markdown') {
    const lineStart = offset - file.lines.positionAt(offset).character;
    // The prose the term matcher reads: code, URLs and markup are blanked, so nothing is offered there.
    return termCompletions(workspace, file, lineStart, offset, markdownProse(file));
  }
  const kind = schemaKindOf(file);
  if (!kind) return [];
  if (kind !== 'config' && isBlank(file.text)) {
    return [
      {
        label: `${kind} file`,
        kind: 'skeleton',
        detail: `A new ${entityNoun(FILE_ENTITY[kind])} file with every field to fill in`,
        insertText: templateSnippet(kind, idFromFileName(file.relativePath)),
        snippet: true,
        range: range(0, file.text.length),
        preselect: true,
      },
    ];
  }
  const cursor = yamlCursorAt(file.text, offset);
  // `- word` is a list item when the list holds scalars, else the first key of a new mapping.
  if (cursor.role === 'key' && cursor.bareItem && !isObjectAt(kind, cursor.path)) {
    return valueCompletions(workspace, file, kind, { ...cursor, role: 'value' }, range);
  }
  if (cursor.role === 'key') return keyCompletions(file, kind, cursor, range);
  return valueCompletions(workspace, file, kind, cursor, range);
}

function isBlank(text: string): boolean {
  return text.split(/\r?\n/).every((l) => l.trim() === '' || l.trim().startsWith('#'));
}

function keyCompletions(
  file: TaxonomyFile,
  kind: SchemaKind,
  cursor: YamlCursor,
  range: (s: number, e: number) => Range,
): CompletionEntry[] {
  const props = propertiesAt(kind, cursor.path);
  const taken = new Set(cursor.siblingKeys);
  const rest = file.text.slice(
    cursor.replaceEnd,
    file.text.indexOf('\n', cursor.replaceEnd) < 0 ? undefined : file.text.indexOf('\n', cursor.replaceEnd),
  );
  const keyOnly = /^\s*:/.test(rest);
  const indent = ' '.repeat(cursor.keyColumn);
  return props
    .filter((p) => !taken.has(p.key) && !p.key.startsWith('$'))
    .map((p) => ({
      label: p.key,
      kind: 'property' as const,
      detail: p.required ? 'required' : typeSummary(p),
      documentation: p.description,
      insertText: keyOnly ? p.key : keySnippet(kind, cursor.path, p, indent),
      snippet: !keyOnly,
      retrigger: !keyOnly && valueHasCompletions(kind, [...cursor.path, p.key]),
      range: range(cursor.replaceStart, cursor.replaceEnd),
      sortText: `${p.required ? '0' : '1'}${p.key}`,
    }));
}

/** True when the value of the key at `path` is an id, an enum, a lifecycle stage or a channel. */
function valueHasCompletions(kind: SchemaKind, path: readonly PathSegment[]): boolean {
  const key = path[path.length - 1];
  if (referenceKindAt(kind, path) || referenceKindAt(kind, [...path, 0])) return true;
  if (key === 'lifecycleStage' || key === 'channel' || key === 'kind') return true;
  return enumAt(kind, path).length > 0 || enumAt(kind, [...path, 0]).length > 0;
}

function typeSummary(p: PropertyDoc): string | undefined {
  const n = p.node;
  if (!n) return undefined;
  if (n.type === 'array') return 'list';
  if (n.type === 'object') return 'mapping';
  if (n.enum) return n.enum.map(String).join(' | ');
  return typeof n.type === 'string' ? n.type : undefined;
}

/** The text inserted for a key, shaped by its schema: a list, a list of mappings, a mapping or a scalar. */
function keySnippet(kind: SchemaKind, path: readonly PathSegment[], p: PropertyDoc, indent: string): string {
  const n = p.node;
  const childPath = [...path, p.key];
  if (n?.type === 'array') {
    if (isObjectAt(kind, [...childPath, 0])) return `${p.key}:\n${indent}  - $0`;
    return `${p.key}: [$0]`;
  }
  if (n?.type === 'object' || (n?.properties && !n.anyOf)) return `${p.key}:\n${indent}  $0`;
  return `${p.key}: $0`;
}

function valueCompletions(
  workspace: TaxonomyWorkspace,
  file: TaxonomyFile,
  kind: SchemaKind,
  cursor: YamlCursor,
  range: (s: number, e: number) => Range,
): CompletionEntry[] {
  const keys = cursor.path.filter((s): s is string => typeof s === 'string');
  const field = keys[keys.length - 1];
  const r = range(cursor.replaceStart, cursor.replaceEnd);
  // Right after `key:` with no space, the value needs one.
  const lead = file.text[cursor.replaceStart - 1] === ':' ? ' ' : '';
  const taken = new Set(cursor.listValues);
  const refKind = referenceKindAt(kind, cursor.path);
  if (refKind) return referenceCompletions(workspace, file, cursor, refKind, r, lead, taken);
  const config = workspace.currentConfig;
  let values: string[];
  if (field === 'lifecycleStage') values = config.lifecycleStages;
  else if (field === 'channel') values = config.channels;
  else if (field === 'kind' && cursor.path.length === 1 && kind !== 'config') values = [kind];
  else values = enumAt(kind, cursor.path);
  if (values.length) {
    // What each value means, as the schema says (the same line hover shows).
    const meanings = valueDescriptions(kind, cursor.path);
    return values
      .filter((v) => !taken.has(v))
      .map((v, i) => ({
        label: v,
        kind: 'value' as const,
        documentation: meanings.get(v),
        insertText: lead + v,
        range: r,
        sortText: String(i).padStart(4, '0'),
        filterText: v,
      }));
  }
  if ((field !== undefined && FREE_TEXT_FIELDS.includes(field)) || cursor.inBlockText) {
    const offset = cursor.replaceStart + cursor.prefix.length;
    return termCompletions(workspace, file, Math.max(cursor.valueStart, offsetLineStart(file, offset)), offset);
  }
  return [];
}

function offsetLineStart(file: TaxonomyFile, offset: number): number {
  return offset - file.lines.positionAt(offset).character;
}

function referenceCompletions(
  workspace: TaxonomyWorkspace,
  file: TaxonomyFile,
  cursor: YamlCursor,
  kind: EntityKind,
  r: Range,
  lead: string,
  taken: Set<string>,
): CompletionEntry[] {
  // The ids of a kind come from the index's id set: no walk over every file.
  const seen = new Map<string, Definition>();
  for (const id of workspace.index.ids(kind)) {
    const d = workspace.index.definitions(kind, id)[0];
    if (d) seen.set(id, d);
  }
  const keys = cursor.path.filter((s): s is string => typeof s === 'string');
  const field = keys[keys.length - 1];
  const parent = parentPointer(cursor.path);
  const preferred = new Set<string>();
  if (field === 'lead')
    for (const t of siblingStrings(file, cursor.docIndex, childPointer(parent, 'owner'))) preferred.add(t);
  // `lead` names one of the teams in the sibling `owner` list: once there is one, only those fit.
  const onlyPreferred = field === 'lead' && preferred.size > 0;
  const ownVocabulary = kind === 'term' ? termVocabularyAt(file, cursor.docIndex, parent) : undefined;
  // Nothing replaces itself.
  if (field === 'replacedBy') {
    const own = readersOf(file)[cursor.docIndex]?.string(childPointer(parent, 'id'))?.value;
    if (own) taken.add(own);
  }
  const documented = seen.size <= MAX_DOCUMENTED;
  const today = workspace.currentConfig.today;
  const out: CompletionEntry[] = [];
  for (const [id, d] of seen) {
    if (taken.has(id) || (onlyPreferred && !preferred.has(id))) continue;
    // A term's `equivalent` is a word of another vocabulary.
    const otherVocabulary =
      ownVocabulary !== undefined && d.entity.kind === 'term' && d.entity.vocabulary !== ownVocabulary;
    const first = preferred.has(id) || (field === 'equivalent' && otherVocabulary);
    // Deprecated or past its sunset: still offered (existing uses stay valid), struck through and last.
    const retired = isRetired(d.entity, today);
    out.push({
      label: id,
      kind: 'reference',
      entityKind: kind,
      detail: entityDetail(d, retired ? retiredNote(workspace, d.entity) : undefined),
      documentation: documented ? entityCard(workspace, d, { brief: true }) : undefined,
      insertText: lead + id,
      filterText: id,
      range: r,
      sortText: `${retired ? '2' : first ? '0' : '1'}${id}`,
      preselect: preferred.has(id) && preferred.size === 1 && !retired ? true : undefined,
      deprecated: retired || undefined,
    });
  }
  return out;
}

function parentPointer(path: readonly PathSegment[]): string {
  // The mapping holding the field: drop the list index (if any) and the field itself.
  const p = [...path];
  if (typeof p[p.length - 1] === 'number') p.pop();
  p.pop();
  return p.reduce<string>((acc, seg) => childPointer(acc, seg), '');
}

function siblingStrings(file: TaxonomyFile, docIndex: number, pointer: string): string[] {
  const reader = readersOf(file)[docIndex];
  return reader ? reader.strings(pointer).map((s) => s.value) : [];
}

function termVocabularyAt(file: TaxonomyFile, docIndex: number, termPointer: string): string | undefined {
  const reader = readersOf(file)[docIndex];
  if (!reader) return undefined;
  return (
    reader.string(childPointer(termPointer, 'vocabulary'))?.value ??
    reader.string('/vocabulary')?.value ??
    SHARED_VOCABULARY
  );
}

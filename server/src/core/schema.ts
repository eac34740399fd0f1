import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import teamsSchema from '../../../schemas/teams.schema.json';
import glossarySchema from '../../../schemas/glossary.schema.json';
import personaSchema from '../../../schemas/persona.schema.json';
import segmentSchema from '../../../schemas/segment.schema.json';
import journeySchema from '../../../schemas/journey.schema.json';
import kpiSchema from '../../../schemas/kpi.schema.json';
import configSchema from '../../../schemas/config.schema.json';
import type { DocReader } from './model';
import { closest } from './suggest';
import { capitalise } from './text/shape';
import { childPointer, decodeSegment, pointerSegments } from './yaml';
import type { Range, TaxonomyKind } from './types';

type JsonScalar = string | number | boolean | null;

/** A JSON Schema object as far as the core reads it (descriptions for hover, enums for completion). */
export interface SchemaNode {
  description?: string;
  title?: string;
  type?: string | string[];
  // The schemas' enum values and constants are all scalars.
  enum?: JsonScalar[];
  const?: JsonScalar;
  examples?: unknown[];
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  required?: string[];
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  $ref?: string;
  $defs?: Record<string, SchemaNode>;
  default?: unknown;
  deprecated?: boolean;
}

/** The schema of each taxonomy kind: the published contract of the file format. */
export const SCHEMAS: Readonly<Record<TaxonomyKind | 'config', SchemaNode>> = {
  teams: teamsSchema as SchemaNode,
  glossary: glossarySchema as SchemaNode,
  persona: personaSchema as SchemaNode,
  segment: segmentSchema as SchemaNode,
  journey: journeySchema as SchemaNode,
  kpi: kpiSchema as SchemaNode,
  config: configSchema,
};

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/** The compiled validator of a kind; compiled on first use and kept for the process. */
function validatorFor(kind: TaxonomyKind | 'config'): ValidateFunction {
  let v = validators.get(kind);
  if (!v) {
    ajv ??= new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
    v = ajv.compile(SCHEMAS[kind]);
    validators.set(kind, v);
  }
  return v;
}

/** True when a document's value is valid against its kind's schema (what `validateDoc` checks first). */
export function validAgainstSchema(kind: TaxonomyKind, value: unknown): boolean {
  return validatorFor(kind)(value);
}

/**
 * Follows a local `$ref` (`#/$defs/x`) inside the schema it belongs to. A description written
 * beside the `$ref` is the more specific one (it says what this field means, not what the shared
 * type is), so it wins over the target's.
 */
export function deref(node: SchemaNode | undefined, root: SchemaNode): SchemaNode | undefined {
  let n = node;
  const own = node?.description;
  for (let i = 0; n?.$ref && i < 10; i++) {
    const m = /^#\/\$defs\/(.+)$/.exec(n.$ref);
    n = m ? root.$defs?.[m[1]] : undefined;
  }
  return n && own && n !== node ? { ...n, description: own } : n;
}

/** The sub-schema that describes the value at a JSON pointer path (segments already split). */
export function schemaAt(root: SchemaNode, path: readonly (string | number)[]): SchemaNode | undefined {
  let node = deref(root, root);
  for (const seg of path) {
    if (!node) return undefined;
    node = step(node, seg, root);
  }
  return node;
}

function step(node: SchemaNode, seg: string | number, root: SchemaNode): SchemaNode | undefined {
  const n = deref(node, root);
  if (!n) return undefined;
  if (typeof seg === 'number' || /^\d+$/.test(String(seg))) {
    if (n.items) return deref(n.items, root);
  }
  if (n.properties && typeof seg === 'string' && n.properties[seg]) return deref(n.properties[seg], root);
  for (const alt of [...(n.oneOf ?? []), ...(n.anyOf ?? [])]) {
    const r = step(alt, seg, root);
    if (r) return r;
  }
  return undefined;
}

/** A schema violation translated for an analyst. */
export interface SchemaProblem {
  message: string;
  range: Range;
}

/** What an entity at a pointer is called, for messages ("a touchpoint needs `name`"). */
function nounAt(kind: TaxonomyKind | 'config', pointer: string): string {
  const segs = pointer.split('/').filter((s) => s !== '' && !/^\d+$/.test(s));
  const last = segs[segs.length - 1];
  const nouns: Record<string, string> = {
    teams: 'team',
    terms: 'term',
    stages: 'stage',
    touchpoints: 'touchpoint',
    conflictsWith: 'conflict entry',
    rules: 'rules setting',
  };
  if (!last)
    return kind === 'teams'
      ? 'teams file'
      : kind === 'glossary'
        ? 'glossary'
        : kind === 'config'
          ? 'configuration'
          : kind.toUpperCase() === 'KPI'
            ? 'KPI'
            : kind;
  return nouns[last] ?? `\`${last}\``;
}

function article(noun: string): string {
  if (noun.startsWith('`')) return noun;
  return /^[aeiou]/i.test(noun) && noun !== 'KPI' ? `an ${noun}` : `a ${noun}`;
}

function fieldName(pointer: string): string {
  const segs = pointer.split('/').filter((s) => s !== '');
  const named = [...segs].reverse().find((s) => !/^\d+$/.test(s));
  return named ? decodeSegment(named) : 'value';
}

function describeType(t: unknown): string {
  const names: Record<string, string> = {
    string: 'text',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping of fields',
    null: 'empty',
  };
  const list = (Array.isArray(t) ? t : [t]).map((x) => names[String(x)] ?? String(x));
  return [...new Set(list)].join(' or ');
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `\`${v.length > 40 ? v.slice(0, 40) + '…' : v}\``;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `\`${v}\``;
  // Not reached from YAML, whose other values are handled above.
  return 'a value';
}

/**
 * Validates one document against its kind's schema and maps every ajv error onto the exact key
 * or value it is about. Errors that only restate another (the branches of a `oneOf`, the `kind`
 * constant that the kind-mismatch rule owns) are folded into one message.
 */
export function validateDoc(kind: TaxonomyKind | 'config', reader: DocReader): SchemaProblem[] {
  const validate = validatorFor(kind);
  if (validate(reader.doc.value)) return [];
  const errors = (validate.errors ?? []).filter((e) => !(e.instancePath === '/kind' && e.keyword === 'const'));
  const root = SCHEMAS[kind];
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  const push = (message: string, range: Range) => {
    const key = `${range.start.line}:${range.start.character}:${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ message, range });
    }
  };
  for (const [path, group] of byPath) {
    const hasAlternatives = group.some((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
    // When a deeper path has its own error, the union error at this level adds nothing.
    const deeper = hasAlternatives && [...byPath.keys()].some((p) => p.startsWith(path + '/'));
    if (hasAlternatives) {
      if (deeper) continue;
      const types = group.filter((e) => e.keyword === 'type').map((e) => (e.params as { type: unknown }).type);
      const value = reader.get(path);
      const sub = schemaAt(root, pointerSegments(path));
      const expected = types.length ? describeType(types.flat()) : 'a different form';
      const hint = sub?.description ? ` (${firstSentence(sub.description)})` : '';
      push(`\`${fieldName(path)}\` must be ${expected}, not ${describeValue(value)}${hint}.`, reader.valueRange(path));
      continue;
    }
    for (const e of group) {
      const m = describeError(kind, e, reader, root);
      if (m) push(m.message, m.range);
    }
  }
  return out;
}

function firstSentence(s: string): string {
  const m = /^(.*?[.!?])(\s|$)/.exec(s.trim());
  return (m ? m[1] : s.trim()).replace(/\.$/, '');
}

function describeError(
  kind: TaxonomyKind | 'config',
  e: ErrorObject,
  r: DocReader,
  root: SchemaNode,
): SchemaProblem | undefined {
  const path = e.instancePath;
  const field = `\`${fieldName(path)}\``;
  const value = r.get(path);
  switch (e.keyword) {
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      const noun = nounAt(kind, path);
      // Point at the entity's id when it has one, else at its key, so the squiggle is one line.
      const idPtr = `${path}/id`;
      const range = r.has(idPtr) ? r.valueRange(idPtr) : path === '' ? firstLine(r) : r.keyRange(path);
      return { message: `${capitalise(article(noun))} needs \`${missing}\`.`, range };
    }
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      const sub = schemaAt(root, pointerSegments(path));
      const known = Object.keys(sub?.properties ?? {});
      const guess = closest(extra, known);
      const noun = nounAt(kind, path);
      const tail = guess ? ` Did you mean \`${guess}\`?` : known.length ? ` Known fields: ${known.join(', ')}.` : '';
      return {
        message: `\`${extra}\` is not a field of ${article(noun)}.${tail}`,
        range: r.keyRange(childPointer(path, extra)),
      };
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const guess = typeof value === 'string' ? closest(value, allowed) : undefined;
      return {
        message: `${field} must be one of ${allowed.join(', ')}${value === undefined ? '' : `, not ${describeValue(value)}`}.${guess ? ` Did you mean \`${guess}\`?` : ''}`,
        range: r.valueRange(path),
      };
    }
    case 'const':
      return {
        message: `${field} must be \`${String((e.params as { allowedValue: unknown }).allowedValue)}\`.`,
        range: r.valueRange(path),
      };
    case 'type':
      return {
        message: `${field} must be ${describeType((e.params as { type: unknown }).type)}, not ${describeValue(value)}.`,
        range: r.valueRange(path),
      };
    case 'pattern': {
      if (fieldName(path) === 'id' || /^\/(segments|personas|kpis|owner)\b/.test(path) || typeof value === 'string') {
        return {
          message: `${describeValue(value)} is not a valid id: use lowercase letters and digits in words joined by hyphens, like \`${suggestId(String(value))}\`.`,
          range: r.valueRange(path),
        };
      }
      return { message: `${field} is not in the expected form.`, range: r.valueRange(path) };
    }
    case 'minItems':
      return {
        message: `${field} needs at least ${(e.params as { limit: number }).limit} item${(e.params as { limit: number }).limit === 1 ? '' : 's'}.`,
        range: r.valueRange(path),
      };
    case 'maxItems':
      return {
        message: `${field} holds at most ${(e.params as { limit: number }).limit} items.`,
        range: r.valueRange(path),
      };
    case 'minLength':
      return { message: `${field} cannot be empty.`, range: r.valueRange(path) };
    case 'maxLength':
      return {
        message: `${field} is longer than ${(e.params as { limit: number }).limit} characters.`,
        range: r.valueRange(path),
      };
    case 'uniqueItems': {
      const { j } = e.params as { i: number; j: number };
      const arr = Array.isArray(value) ? value : [];
      return {
        message: `${field} lists ${describeValue(arr[j])} more than once.`,
        range: r.valueRange(`${path}/${j}`),
      };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { message: `${field} ${e.message ?? 'is out of range'}.`, range: r.valueRange(path) };
    case 'oneOf':
    case 'anyOf':
    case 'if':
      return undefined;
    default:
      return { message: `${field} ${e.message ?? 'is not valid'}.`, range: r.valueRange(path) };
  }
}

function firstLine(r: DocReader): Range {
  const start = r.lines.positionAt(r.doc.start);
  return { start, end: { line: start.line, character: r.lines.lineText(start.line).length } };
}

/** Turns any label into a kebab-case id: "Small Business Owner" -> "small-business-owner". */
export function suggestId(text: string): string {
  const id = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || 'new-id';
}

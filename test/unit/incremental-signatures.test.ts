import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument, type Node } from 'yaml';
import {
  createTaxonomyWorkspace,
  fileKindOf,
  parseConfig,
  RULE_IDS,
  type TaxonomyConfig,
  type TaxonomyDiagnostic,
  type TaxonomyWorkspace,
} from '../../server/src/core';

/**
 * The guard for incremental correctness. An edit re-checks only the files that depend on an index
 * key whose entries changed, and whether an entity changed is decided by its signature
 * (core/index/signatures.ts). A field a rule of another file reads but the signature leaves out
 * would leave that file's diagnostics stale in the editor. So: for every field of every entity
 * kind, as the JSON Schemas list them (a field added later is covered without touching this
 * test), change the field in one file of the sample taxonomy through the incremental path, as the
 * language server does on an edit, and compare every file's diagnostics with a fresh check of the
 * final files; then change it back and compare with the first check.
 */

const ROOT = path.join(__dirname, '../..');
const SAMPLE_DIR = path.join(ROOT, 'samples/acme-telecom');
const SCHEMA_DIR = path.join(ROOT, 'schemas');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/**
 * Part of the sample taxonomy, relative path -> text, in path order: every kind, the links between
 * them (a journey's persona, segments, KPIs and teams; personas and segments naming each other;
 * KPI conflicts; equivalent terms across glossaries; prose using the terms), and small enough
 * that a fresh check after each of some hundred edits takes a few seconds.
 */
const SAMPLE: Record<string, string> = Object.fromEntries(
  walk(SAMPLE_DIR)
    .filter((p) => fileKindOf(p) !== undefined)
    .filter(
      (p) =>
        !/(fibre-install|mobile-switch|sme-setup|busy-family|remote-prof|small-business|fibre-upgr|family-bundles|sme-conn|arpu|churn|promoter|onboarding-compl|time-to-act|review)/.test(
          p,
        ),
    )
    .map((p) => [path.relative(SAMPLE_DIR, p).split(path.sep).join('/'), readFileSync(p, 'utf8')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
);
const CONFIG: TaxonomyConfig = parseConfig(SAMPLE['cx-taxonomy.config.yaml'] ?? '', RULE_IDS).config;

// ---------------------------------------------------------------------------------------------
// The fields, from the schemas

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $defs?: Record<string, JsonSchema>;
}

/** A path step: a property name, or ITEM for every item of a list. */
const ITEM = '[]';

interface Field {
  /** The taxonomy kind of the file (the schema's name). */
  kind: string;
  /** Property names and ITEM steps from the document root to the field. */
  path: string[];
  schema: JsonSchema;
}

function resolve(root: JsonSchema, s: JsonSchema): JsonSchema {
  let out = s;
  for (let i = 0; out.$ref && i < 10; i++) {
    const name = out.$ref.replace('#/$defs/', '');
    const target = root.$defs?.[name];
    if (!target) break;
    // The referring schema's own keywords (its description) win over the definition's.
    const own: JsonSchema = { ...out };
    delete own.$ref;
    out = { ...target, ...own };
  }
  return out;
}

/** The branches of a schema: itself, or each of its anyOf / oneOf branches. */
function branches(root: JsonSchema, s: JsonSchema): JsonSchema[] {
  const r = resolve(root, s);
  const alts = [...(r.anyOf ?? []), ...(r.oneOf ?? [])].filter((b): b is JsonSchema => typeof b === 'object');
  return [r, ...alts.map((b) => resolve(root, b))];
}

/** Every field of an object schema, nested ones (list items, objects) included. */
function fieldsOf(kind: string, root: JsonSchema, obj: JsonSchema, prefix: string[], out: Field[]): Field[] {
  for (const [name, prop] of Object.entries(obj.properties ?? {})) {
    if (name === '$schema') continue;
    const p = [...prefix, name];
    out.push({ kind, path: p, schema: resolve(root, prop) });
    for (const b of branches(root, prop)) {
      if (b.properties) fieldsOf(kind, root, b, p, out);
      if (b.items)
        for (const item of branches(root, b.items)) if (item.properties) fieldsOf(kind, root, item, [...p, ITEM], out);
    }
  }
  return out;
}

const FIELDS: Field[] = readdirSync(SCHEMA_DIR)
  .filter((n) => n.endsWith('.schema.json') && n !== 'config.schema.json')
  .sort()
  .flatMap((n) => {
    const root = JSON.parse(readFileSync(path.join(SCHEMA_DIR, n), 'utf8')) as JsonSchema;
    return fieldsOf(n.replace('.schema.json', ''), root, root, [], []);
  })
  // The same field reached twice (through two anyOf branches) is checked once.
  .filter((f, i, all) => all.findIndex((g) => g.kind === f.kind && g.path.join('.') === f.path.join('.')) === i);

// ---------------------------------------------------------------------------------------------
// Where each field is written in the sample, and the values to change it to

/** An object in a file that may hold the field: its concrete YAML path, and the field's value there. */
interface Holder {
  file: string;
  at: (string | number)[];
  has: boolean;
  value: unknown;
  /** The object itself. */
  object: Record<string, unknown>;
}

function holdersOf(field: Field): Holder[] {
  const out: Holder[] = [];
  for (const [file, text] of Object.entries(SAMPLE)) {
    if (fileKindOf(file) !== field.kind) continue;
    const visit = (v: unknown, at: (string | number)[], rest: string[]) => {
      if (rest.length === 1) {
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          const o = v as Record<string, unknown>;
          out.push({ file, at, has: rest[0] in o, value: o[rest[0]], object: o });
        }
        return;
      }
      const [step, ...tail] = rest;
      if (step === ITEM) {
        if (Array.isArray(v)) v.forEach((item, i) => visit(item, [...at, i], tail));
      } else if (v && typeof v === 'object' && !Array.isArray(v)) {
        visit((v as Record<string, unknown>)[step], [...at, step], tail);
      }
    };
    visit(parseDocument(text).toJS(), [], field.path);
  }
  return out;
}

/** Every `id` in a value, nested ones included. */
function idsIn(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) idsIn(x, out);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (k === 'id' && typeof x === 'string') out.push(x);
      else idsIn(x, out);
    }
  return out;
}

/**
 * Where to change the field: every object of one file that holds it (else, when the sample never
 * writes it, every object of one file that may), in the file other files name most, so that
 * rules of other files read the change (every team's function, every term of the glossary the
 * others link to). Changing all of a file's objects at once finds what changing one would, in one
 * edit instead of many.
 */
function targetOf(holders: Holder[]): Holder[] {
  const candidates = holders.some((h) => h.has) ? holders.filter((h) => h.has) : holders;
  const score = (h: Holder) => {
    const ids = idsIn(h.object);
    return Object.entries(SAMPLE).filter(
      ([file, text]) => file !== h.file && ids.some((id) => new RegExp(`\\b${id}\\b`).test(text)),
    ).length;
  };
  const byFile = new Map<string, { holders: Holder[]; score: number }>();
  for (const h of candidates) {
    const f = byFile.get(h.file) ?? { holders: [], score: 0 };
    byFile.set(h.file, f);
    f.holders.push(h);
    f.score += score(h);
  }
  let best: { holders: Holder[]; score: number } | undefined;
  for (const f of byFile.values()) if (!best || f.score > best.score) best = f;
  return best?.holders ?? [];
}

/** A value of the field's type that no file is likely to hold. */
function freshValue(schema: JsonSchema): unknown {
  const types = [schema.type, ...(schema.anyOf ?? []).map((b) => b.type)].flat().filter(Boolean);
  if (types[0] === 'number' || types[0] === 'integer') return 7;
  if (types[0] === 'array') return ['zz-changed'];
  if (types[0] === 'object') return { 'zz-changed': 'zz-changed' };
  return 'zz-changed';
}

/**
 * The changes tried for a field in one place: for a field with a list of allowed values, each of
 * them (`status: deprecated`, another team function); else another value the sample holds for the
 * field (a name or formula taken from a sibling, another entity's segments), or a value nobody
 * has; and taking the field out.
 */
function valuesFor(field: Field, targets: Holder[], holders: Holder[]): ({ value: unknown } | 'remove')[] {
  const file = targets[0].file;
  // A value is a change when some target holds another (all teams set to one function).
  const current = new Set(targets.map((t) => JSON.stringify(t.value)));
  const same = (k: string) => current.size === 1 && current.has(k);
  const offered = new Set<string>();
  const out: ({ value: unknown } | 'remove')[] = [];
  const offer = (value: unknown) => {
    const k = JSON.stringify(value);
    if (value === undefined || offered.has(k) || same(k)) return;
    offered.add(k);
    out.push({ value });
  };
  if (field.schema.enum) for (const v of field.schema.enum) offer(v);
  // Another entity's id would make two definitions of one id, and then which one a rule reads
  // first follows the order files were added (a fresh load and an edit differ): no signature
  // question, so ids only get a new value.
  else if (name(field) !== 'id') {
    const fromElsewhere = (h: Holder) => h.has && h.file !== file && !current.has(JSON.stringify(h.value));
    offer((holders.find(fromElsewhere) ?? holders.find((h) => h.has && !same(JSON.stringify(h.value))))?.value);
  }
  if (out.length === 0 && field.schema.const === undefined) offer(freshValue(field.schema));
  if (targets.some((t) => t.has)) out.push('remove');
  return out;
}

function name(field: Field): string {
  return field.path[field.path.length - 1];
}

/** The file's text with the field of each object at `ats` set to `value`, or taken out. */
function changed(
  text: string,
  ats: (string | number)[][],
  name: string,
  change: { value: unknown } | 'remove',
): string {
  const doc = parseDocument(text);
  const nodes = ats.map((at) => doc.getIn([...at, name], true) as Node | undefined);
  if (change !== 'remove' && nodes.every((n) => n?.range)) {
    // Replace each value where it is written (as edits in the editor would), in flow style.
    let out = text;
    for (const range of nodes.map((n) => n!.range!).sort((a, b) => b[0] - a[0]))
      out = out.slice(0, range[0]) + JSON.stringify(change.value) + out.slice(range[1]);
    return out;
  }
  for (const at of ats) {
    if (change === 'remove') doc.deleteIn([...at, name]);
    else doc.setIn([...at, name], doc.createNode(change.value));
  }
  return String(doc);
}

// ---------------------------------------------------------------------------------------------
// Comparing diagnostics

/**
 * A diagnostic as the test compares it. Locations in other files (related information, fix edits)
 * keep their file but not their range: positions alone are no change in substance (moving a
 * definition down a line does not re-check the files that name it), so a file that was rightly
 * left alone may point at where a definition used to be.
 */
function shown(uri: string, d: TaxonomyDiagnostic): unknown {
  const place = (u: string, r: unknown) => (u === uri ? { uri: u, range: r } : { uri: u });
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    range: d.range,
    unnecessary: d.unnecessary,
    deprecated: d.deprecated,
    related: d.related?.map((r) => ({ message: r.message, at: place(r.location.uri, r.location.range) })),
    fixes: d.fixes?.map((f) => ({
      title: f.title,
      edits: f.edits.map((e) => ({ newText: e.newText, at: place(e.uri, e.range) })),
    })),
  };
}

function snapshot(ws: TaxonomyWorkspace, files: Iterable<string>): Map<string, unknown[]> {
  return new Map([...files].map((f) => [f, ws.diagnostics(f).map((d) => shown(f, d))]));
}

function freshCheck(texts: Record<string, string>): Map<string, unknown[]> {
  const ws = createTaxonomyWorkspace(CONFIG, { trackDependencies: false });
  for (const [p, t] of Object.entries(texts)) ws.setFile(p, p, t);
  ws.flush();
  return snapshot(ws, Object.keys(texts));
}

/** The first file whose diagnostics differ, with both versions, or undefined. */
function firstDifference(a: Map<string, unknown[]>, b: Map<string, unknown[]>): string | undefined {
  for (const [file, diags] of b) {
    try {
      assert.deepStrictEqual(a.get(file), diags);
    } catch {
      return `${file}:\n  incremental: ${JSON.stringify(a.get(file))}\n  fresh:       ${JSON.stringify(diags)}`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

describe('incremental checks: every schema field', () => {
  it('finds the nested fields in the schemas (journey stages and touchpoints, KPI conflicts, glossary terms)', () => {
    const names = new Set(FIELDS.map((f) => `${f.kind}:${f.path.join('.')}`));
    for (const expected of [
      'journey:stages.[].touchpoints.[].channel',
      'journey:stages.[].lifecycleStage',
      'kpi:conflictsWith.[].kpi',
      'kpi:conflictsWith.[].resolution',
      'glossary:terms.[].broader',
      'teams:teams.[].function',
    ])
      assert.ok(names.has(expected), `${expected} is not among ${[...names].join(', ')}`);
  });

  for (const [how, setup] of [
    ['', {}],
    // The server lets the models of closed journey files go once checked: the re-checks that
    // follow an edit read them rebuilt, and must come out as a fresh check does.
    [', with closed files letting their models go', { releaseAbove: 0 }],
  ] as const)
    it(`an edit of any field of any entity leaves every file as a fresh check of the final files would${how}`, () => {
      const ws = createTaxonomyWorkspace(CONFIG, setup);
      for (const [p, t] of Object.entries(SAMPLE)) ws.setFile(p, p, t);
      ws.flush();
      const files = Object.keys(SAMPLE);
      const baseline = snapshot(ws, files);
      assert.equal(firstDifference(baseline, freshCheck(SAMPLE)), undefined);

      const problems: string[] = [];
      let tried = 0;
      for (const field of FIELDS) {
        const holders = holdersOf(field);
        const targets = targetOf(holders);
        assert.ok(targets.length > 0, `no ${field.kind} file in the sample can hold ${field.path.join('.')}`);
        const file = targets[0].file;
        for (const change of valuesFor(field, targets, holders)) {
          const text = changed(
            SAMPLE[file],
            targets.map((t) => t.at),
            name(field),
            change,
          );
          const what = `${field.kind} ${field.path.join('.')} in ${file} ${change === 'remove' ? 'removed' : `set to ${JSON.stringify(change.value)}`}`;
          tried++;
          ws.setFile(file, file, text);
          ws.flush();
          const diff = firstDifference(snapshot(ws, files), freshCheck({ ...SAMPLE, [file]: text }));
          if (diff) problems.push(`${what}: ${diff}`);
          // And back: the edit undone leaves every file as it was.
          ws.setFile(file, file, SAMPLE[file]);
          ws.flush();
          const back = firstDifference(snapshot(ws, files), baseline);
          if (back) problems.push(`${what}, then undone: ${back}`);
        }
      }
      assert.ok(tried > FIELDS.length, `only ${tried} changes for ${FIELDS.length} fields`);
      assert.deepStrictEqual(problems, [], problems.slice(0, 3).join('\n\n'));
    });
});

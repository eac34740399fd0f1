import * as assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CHANNELS, DEFAULT_LIFECYCLE_STAGES, SCHEMAS, type SchemaNode } from '../../server/src/core';

const dir = path.join(__dirname, '../../schemas');

/** Every `properties` entry anywhere in a schema, with its path, for the description check. */
function* propertiesOf(node: SchemaNode, at: string): Iterable<[string, SchemaNode]> {
  for (const [k, v] of Object.entries(node.properties ?? {})) {
    yield [`${at}/${k}`, v];
    yield* propertiesOf(v, `${at}/${k}`);
  }
  for (const [k, v] of Object.entries(node.$defs ?? {})) yield* propertiesOf(v, `${at}/$defs/${k}`);
  if (node.items) yield* propertiesOf(node.items, `${at}[]`);
  for (const alt of [...(node.oneOf ?? []), ...(node.anyOf ?? [])]) yield* propertiesOf(alt, at);
}

describe('schemas', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.schema.json'));

  it('has one schema per kind and one for the config', () => {
    assert.deepEqual(
      files.sort(),
      ['config', 'glossary', 'journey', 'kpi', 'persona', 'segment', 'teams'].map((k) => `${k}.schema.json`),
    );
  });

  for (const f of files) {
    it(`${f} compiles with ajv in strict mode, draft 2020-12, with a stable $id`, () => {
      const schema = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
      assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
      assert.match(schema.$id, /^https:\/\/cx-taxonomy\.dev\/schemas\/[a-z]+\.schema\.json$/);
      new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    });
    it(`${f} describes every property`, () => {
      const schema = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as SchemaNode;
      const missing = [...propertiesOf(schema, '')].filter(([, v]) => !v.description && !v.$ref).map(([p]) => p);
      assert.deepEqual(missing, []);
    });
  }

  /** Every node anywhere in a schema, with its path. */
  function* nodesOf(node: unknown, at: string): Iterable<[string, Record<string, unknown>]> {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) yield* nodesOf(node[i], `${at}/${i}`);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    yield [at, n];
    for (const [k, v] of Object.entries(n)) yield* nodesOf(v, `${at}/${k}`);
  }

  const VALUE_FIELDS = ['status', 'lifecycleStage', 'channel', 'function', 'direction', 'frequency', 'unit'];

  it('says what every value of an enumerated or suggested field means, once, in the schemas, without validating anything more', () => {
    const described = new Set<string>();
    for (const f of files) {
      const schema = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown;
      for (const [at, n] of nodesOf(schema, '')) {
        const values = (n.enum ?? n.examples) as unknown[] | undefined;
        const field = at.split('/').pop()!;
        if (!values || !VALUE_FIELDS.includes(field)) continue;
        const alts = n.anyOf as unknown[] | undefined;
        assert.ok(alts, `${f}${at} describes its values`);
        // The last branch, `true`, accepts anything: the descriptions never change what validates.
        assert.equal(alts[alts.length - 1], true, `${f}${at}`);
        const consts = alts.slice(0, -1) as { const: unknown; description?: string }[];
        assert.deepEqual(
          consts.map((c) => c.const),
          values,
          `${f}${at}: one description per value, in order`,
        );
        for (const c of consts)
          assert.ok(c.description && c.description.length < 120, `${f}${at} ${String(c.const)}: one short line`);
        described.add(field);
      }
    }
    assert.deepEqual([...described].sort(), [...VALUE_FIELDS].sort());
    // Completion offers the config's lists; hover describes them from the schema: the defaults agree.
    const journey = SCHEMAS.journey.$defs!;
    assert.deepEqual(journey.lifecycleStage.examples, DEFAULT_LIFECYCLE_STAGES);
    assert.deepEqual(journey.touchpoint.properties!.channel.examples, DEFAULT_CHANNELS);
    // Each schema stands alone, so shared definitions are repeated: identically, so a meaning is written once.
    const seen = new Map<string, { file: string; text: string }>();
    for (const f of files) {
      const schema = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as SchemaNode;
      for (const [name, def] of Object.entries(schema.$defs ?? {})) {
        const text = JSON.stringify(def);
        const first = seen.get(name);
        if (first) assert.equal(text, first.text, `$defs/${name} differs between ${first.file} and ${f}`);
        else seen.set(name, { file: f, text });
      }
    }
  });

  it('keeps the DESIGN.md field names (a published contract)', () => {
    const props = (kind: keyof typeof SCHEMAS) => Object.keys(SCHEMAS[kind].properties ?? {});
    for (const k of ['id', 'name', 'owner', 'persona', 'stages'])
      assert.ok(props('journey').includes(k), `journey.${k}`);
    for (const k of [
      'id',
      'name',
      'owner',
      'definition',
      'formula',
      'unit',
      'direction',
      'target',
      'frequency',
      'conflictsWith',
    ])
      assert.ok(props('kpi').includes(k), `kpi.${k}`);
    for (const k of ['id', 'name', 'owner', 'description', 'goals', 'pains', 'segments'])
      assert.ok(props('persona').includes(k), `persona.${k}`);
    for (const k of ['id', 'name', 'owner', 'criteria', 'personas', 'lifecycleStage'])
      assert.ok(props('segment').includes(k), `segment.${k}`);
  });
});

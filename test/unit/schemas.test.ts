import * as assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SCHEMAS, type SchemaNode } from '../../server/src/core';

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
    assert.deepEqual(files.sort(), ['config', 'glossary', 'journey', 'kpi', 'persona', 'segment', 'teams'].map((k) => `${k}.schema.json`));
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

  it('keeps the DESIGN.md field names (a published contract)', () => {
    const props = (kind: keyof typeof SCHEMAS) => Object.keys(SCHEMAS[kind].properties ?? {});
    for (const k of ['id', 'name', 'owner', 'persona', 'stages']) assert.ok(props('journey').includes(k), `journey.${k}`);
    for (const k of ['id', 'name', 'owner', 'definition', 'formula', 'unit', 'direction', 'target', 'frequency', 'conflictsWith']) assert.ok(props('kpi').includes(k), `kpi.${k}`);
    for (const k of ['id', 'name', 'owner', 'description', 'goals', 'pains', 'segments']) assert.ok(props('persona').includes(k), `persona.${k}`);
    for (const k of ['id', 'name', 'owner', 'criteria', 'personas', 'lifecycleStage']) assert.ok(props('segment').includes(k), `segment.${k}`);
  });
});

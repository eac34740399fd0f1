import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { EXPORT_PALETTE } from '../../client/src/journeyMap/svg';
import {
  CONFIG_FILE_NAME,
  CONFIG_FILE_NAMES,
  DEFAULT_CHANNELS,
  DEFAULT_LIFECYCLE_STAGES,
  ENTITY_TEXT_FIELDS,
  entityNoun,
  entityNounPlural,
  entityTitle,
  FILE_ENTITY,
  FILE_KINDS,
  fileKindOf,
  FREE_TEXT_FIELDS,
  GLOSSARY_VOCABULARIES,
  OWNED_KINDS,
  SHARED_VOCABULARY,
  TAXONOMY_GLOB,
  TAXONOMY_KINDS,
  TEAM_FUNCTIONS,
  templateSnippet,
  templateText,
} from '../../server/src/core/domain';
import { ENTITY_KINDS, type TaxonomyKind } from '../../server/src/core/types';

/** A JSON Schema node as far as these checks read it. */
interface Node {
  type?: string | string[];
  const?: unknown;
  enum?: string[];
  examples?: unknown[];
  description?: string;
  properties?: Record<string, Node>;
  $defs?: Record<string, Node>;
  items?: Node;
  /** A schema branch; `true` accepts anything. */
  anyOf?: (Node | true)[];
  oneOf?: Node[];
  $ref?: string;
}

const root = path.join(__dirname, '../..');
const schemaDir = path.join(root, 'schemas');
const schema = (name: string): Node =>
  JSON.parse(readFileSync(path.join(schemaDir, `${name}.schema.json`), 'utf8')) as Node;

/** The `const` of each `anyOf` branch: the values whose meaning the schema writes down. */
const consts = (node: Node): unknown[] =>
  (node.anyOf ?? []).flatMap((b) => (b !== true && 'const' in b ? [b.const] : []));

/** Every property anywhere in a schema, by name. */
function* properties(node: Node): Iterable<[string, Node]> {
  for (const [k, v] of Object.entries(node.properties ?? {})) {
    yield [k, v];
    yield* properties(v);
  }
  for (const v of Object.values(node.$defs ?? {})) yield* properties(v);
  if (node.items) yield* properties(node.items);
  for (const alt of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) if (alt !== true) yield* properties(alt);
}

/** A property's node with `$ref`s into the same schema followed. */
function resolve(s: Node, node: Node): Node {
  const ref = node.$ref?.match(/^#\/\$defs\/(.+)$/);
  return ref ? resolve(s, s.$defs![ref[1]]) : node;
}

describe('domain: each fact agrees with the JSON Schemas', () => {
  it('has one taxonomy kind per schema file, each schema requiring its own `kind`', () => {
    const files = readdirSync(schemaDir)
      .filter((f) => f.endsWith('.schema.json') && f !== 'config.schema.json')
      .map((f) => f.replace('.schema.json', ''));
    assert.deepEqual([...TAXONOMY_KINDS].sort(), files.sort());
    for (const kind of TAXONOMY_KINDS) assert.equal(schema(kind).properties!.kind.const, kind);
    assert.deepEqual(FILE_KINDS, [...TAXONOMY_KINDS, 'markdown', 'config']);
  });

  it('recognises every suffix in both spellings, and both config names', () => {
    for (const kind of TAXONOMY_KINDS) {
      assert.equal(fileKindOf(`a/b.${kind}.yaml`), kind);
      assert.equal(fileKindOf(`a/b.${kind}.yml`), kind);
      assert.ok(TAXONOMY_GLOB.includes(kind));
    }
    assert.deepEqual(CONFIG_FILE_NAMES, ['cx-taxonomy.config.yaml', 'cx-taxonomy.config.yml']);
    for (const name of CONFIG_FILE_NAMES) assert.equal(fileKindOf(`x/${name}`), 'config');
    assert.match(schema('config').description!, new RegExp(CONFIG_FILE_NAME.replace(/\./g, '\\.')));
  });

  it('lists the team functions of the teams schema, each with a meaning', () => {
    const fn = schema('teams').$defs!.team.properties!.function;
    assert.deepEqual(TEAM_FUNCTIONS, fn.enum);
    assert.deepEqual(consts(fn), fn.enum);
  });

  it('lists the glossary vocabularies: the team functions and the shared one', () => {
    assert.deepEqual(GLOSSARY_VOCABULARIES, [...TEAM_FUNCTIONS, SHARED_VOCABULARY]);
    assert.deepEqual(schema('kpi').$defs!.vocabulary.enum, GLOSSARY_VOCABULARIES);
  });

  it('offers the default lifecycle stages and channels every schema and the config describe', () => {
    for (const kind of ['journey', 'segment']) {
      const stage = schema(kind).$defs!.lifecycleStage;
      assert.deepEqual(stage.examples, DEFAULT_LIFECYCLE_STAGES, kind);
      assert.deepEqual(consts(stage), DEFAULT_LIFECYCLE_STAGES, kind);
    }
    const channel = schema('journey').$defs!.touchpoint.properties!.channel;
    assert.deepEqual(consts(channel), DEFAULT_CHANNELS);
    // The config's descriptions spell the defaults out for readers of the schema alone.
    const config = schema('config').properties!;
    assert.ok(config.lifecycleStages.description!.includes(DEFAULT_LIFECYCLE_STAGES.join(', ')));
    assert.ok(config.channels.description!.includes(DEFAULT_CHANNELS.join(', ')));
  });

  it('names free-text fields that the schemas declare as text', () => {
    assert.deepEqual(
      FREE_TEXT_FIELDS.filter((f) => !ENTITY_TEXT_FIELDS.includes(f)),
      ['resolution'],
    );
    for (const field of FREE_TEXT_FIELDS) {
      const found = TAXONOMY_KINDS.flatMap((kind) => {
        const s = schema(kind);
        return [...properties(s)].filter(([k]) => k === field).map(([, v]) => resolve(s, v));
      });
      assert.ok(found.length > 0, `${field} is in no schema`);
      for (const node of found) {
        const item = node.type === 'array' && node.items ? node.items : node;
        assert.ok(item.type === 'string' || item.anyOf || item.oneOf, `${field} is not text`);
      }
    }
  });

  it('writes templates whose keys are the schema properties of their kind', () => {
    for (const kind of TAXONOMY_KINDS) {
      const text = templateText(kind, 'new-id', 'New thing').text;
      const doc = parseDocument(text);
      assert.deepEqual(doc.errors, [], kind);
      const value = doc.toJS() as Record<string, unknown>;
      assert.equal(value.kind, kind);
      for (const key of Object.keys(value)) assert.ok(schema(kind).properties![key], `${kind}: ${key}`);
      if (kind !== 'teams') {
        assert.equal(value.id, 'new-id');
        assert.equal(value.name, 'New thing');
      }
    }
    // Choices in the snippets are the schema's own values.
    assert.ok(templateSnippet('teams', 'x').includes(`|${TEAM_FUNCTIONS.join(',')}|`));
    assert.ok(templateSnippet('journey', 'x').includes(`|${DEFAULT_CHANNELS.join(',')}|`));
    assert.ok(templateSnippet('segment', 'x').includes(`|${DEFAULT_LIFECYCLE_STAGES.join(',')}|`));
  });

  it('has a noun for every entity kind and an entity kind for every file kind', () => {
    for (const kind of ENTITY_KINDS) {
      assert.ok(entityTitle(kind) && entityNoun(kind) && entityNounPlural(kind), kind);
      assert.equal(entityNoun(kind).toLowerCase(), entityTitle(kind).toLowerCase());
    }
    assert.deepEqual(Object.keys(FILE_ENTITY).sort(), [...TAXONOMY_KINDS].sort());
    for (const k of OWNED_KINDS) assert.ok(Object.values(FILE_ENTITY).includes(k), k);
    assert.equal(FILE_ENTITY['glossary' as TaxonomyKind], 'term');
  });

  it('has a colour for every team function in the webviews and the SVG export', () => {
    const css = readFileSync(path.join(root, 'client/media/palette.css'), 'utf8');
    for (const fn of TEAM_FUNCTIONS) {
      assert.ok(EXPORT_PALETTE[fn], `the SVG export has no colour for ${fn}`);
      assert.ok(css.includes(`[data-fn='${fn}']`), `palette.css has no colour for ${fn}`);
    }
    assert.deepEqual(Object.keys(EXPORT_PALETTE), [...TEAM_FUNCTIONS, 'other']);
  });
});

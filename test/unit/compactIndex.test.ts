import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseYaml, parseYamlFull, SpanTable, type SourceSpan } from '../../server/src/core/yaml';
import { KeyNumbers } from '../../server/src/core/dependencies';
import { TaxonomyWorkspace } from '../../server/src/core/workspace';
import type { Definition, Reference } from '../../server/src/core/index/entries';
import { defKey, refKey } from '../../server/src/core/index/keys';
import { createTaxonomyWorkspace } from '../../server/src/core';
import { internalized } from '../../server/src/core/intern';
import { generateWorkspace, SIZES } from '../../bench/generate';
import { lines, uriOf } from '../support/workspace';
import { yamlFilesUnder } from '../support/files';

/**
 * The span table keeps parent slots and segments instead of pointer strings, the index keeps
 * located values instead of ranges, and dependencies keep key numbers instead of key strings
 * (BENCHMARKS.md, item 13). These tests hold each to what the structure it replaced gave.
 */

const ROOT = path.join(__dirname, '../..');
const SAMPLE_DIR = path.join(ROOT, 'samples/acme-telecom');
const SAMPLES = yamlFilesUnder(path.join(ROOT, 'samples')).map(
  (f) => [path.relative(ROOT, f), readFileSync(f, 'utf8')] as const,
);
const GENERATED = [
  ...generateWorkspace({ ...SIZES.S, journeys: 4, personas: 2, segments: 2, kpis: 2, docs: 0 }, 3).files,
].filter(([p]) => /\.ya?ml$/.test(p));

/** Pointer -> slot as each table was written, the map the table used to keep. */
function recordedPointers(parse: () => void): Map<SpanTable, Map<string, number>> {
  const seen = new Map<SpanTable, Map<string, number>>();
  const proto = SpanTable.prototype;
  const original = proto.record;
  proto.record = function (
    this: SpanTable,
    pointer: string,
    ...rest: [number | undefined, number | undefined, number, number, string | undefined]
  ): number {
    const slot = original.call(this, pointer, ...rest);
    let m = seen.get(this);
    if (!m) seen.set(this, (m = new Map()));
    if (!m.has(pointer)) m.set(pointer, slot);
    return slot;
  };
  try {
    parse();
  } finally {
    proto.record = original;
  }
  return seen;
}

describe('compact pointers, index entries and dependency keys', () => {
  describe('SpanTable pointers', () => {
    it('gives back every pointer the parsers recorded, in order, with its slot', () => {
      let checked = 0;
      for (const [name, text] of [...SAMPLES, ...GENERATED]) {
        for (const parse of [parseYaml, parseYamlFull]) {
          let docs: ReturnType<typeof parseYaml>['docs'] = [];
          const recorded = recordedPointers(() => (docs = parse(text).docs));
          for (const doc of docs) {
            const expected = recorded.get(doc.spans) ?? new Map<string, number>();
            assert.deepStrictEqual([...doc.spans.keys()], [...expected.keys()], name);
            for (const [p, slot] of expected) {
              assert.equal(doc.spans.slotOf(p), slot, `${name}: ${p}`);
              assert.equal(doc.spans.pointerAt(slot), p, `${name}: ${p}`);
              assert.equal(doc.spans.has(`${p}/not-there`), false);
              checked++;
            }
          }
        }
      }
      assert.ok(checked > 1000, `only ${checked} pointers`);
    });

    it('finds awkward pointers before and after sealing, parents recorded late included', () => {
      const span = (start: number): SourceSpan => ({
        keyStart: undefined,
        keyEnd: undefined,
        start,
        end: start + 1,
        scalarType: undefined,
      });
      const pointers = [
        '/late/child', // its parent comes later: kept whole
        '',
        '/late',
        '/late/child/deeper',
        '/a~1b/c~0d',
        '/list/0',
        '/list/10',
        '/map/017',
        '/map/0',
        '/map/',
        '/map//x',
        '/aVeryLongKeyNameIndeed/anotherVeryLongKeyName',
        '/emoji/😀',
        'relative',
      ];
      const t = new SpanTable();
      const reference = new Map<string, number>();
      pointers.forEach((p, i) => reference.set(p, t.set(p, span(i))));
      for (const sealed of [false, true]) {
        if (sealed) t.seal();
        assert.deepStrictEqual([...t.keys()], pointers);
        for (const [p, slot] of reference) {
          assert.equal(t.slotOf(p), slot, p);
          assert.equal(t.pointerAt(slot), p);
          assert.equal(t.get(p)?.start, pointers.indexOf(p));
        }
        for (const missing of [
          '/late/other',
          '/list/1',
          '/list/00',
          '/map/17',
          '/a/b',
          '/nowhere/deeper',
          '/late/child/deeper/more',
          'other',
        ]) {
          assert.equal(t.slotOf(missing), -1, missing);
        }
      }
      // Written again after sealing, the table still answers for old and new pointers.
      t.set('/late/child/new', span(99));
      assert.equal(t.get('/late/child/new')?.start, 99);
      assert.equal(t.slotOf('/map/017'), reference.get('/map/017'));
    });

    it('shares one string per segment across documents', () => {
      const a = parseYaml(lines('kind: persona', 'id: a-rather-long-persona-id', 'lifecycleStage: awareness')).docs[0]
        .spans;
      const b = parseYaml(lines('kind: persona', 'id: b', 'lifecycleStage: consideration')).docs[0].spans;
      // `pointerAt` joins a new string; the last segment is the kept one, compared by content here.
      assert.equal(a.pointerAt(a.slotOf('/lifecycleStage')), '/lifecycleStage');
      assert.equal(b.pointerAt(b.slotOf('/lifecycleStage')), '/lifecycleStage');
      assert.equal(internalized('lifecycle' + 'Stage'), 'lifecycleStage');
    });
  });

  describe('index entries', () => {
    const sampleFiles = (): Record<string, string> => {
      const out: Record<string, string> = {};
      for (const f of yamlFilesUnder(SAMPLE_DIR)) out[path.relative(SAMPLE_DIR, f)] = readFileSync(f, 'utf8');
      return out;
    };
    const load = (files: Record<string, string>): TaxonomyWorkspace => {
      const ws = createTaxonomyWorkspace();
      for (const [p, text] of Object.entries(files)) ws.setFile(uriOf(p), p, text);
      ws.flush();
      return ws;
    };
    /** Every definition and reference as the plain objects the index used to build. */
    const entriesOf = (ws: TaxonomyWorkspace): { defs: Definition[]; refs: Reference[] } => {
      const defs: Definition[] = [];
      const refs: Reference[] = [];
      for (const f of [...ws.allFiles()].sort((a, b) => (a.uri < b.uri ? -1 : 1))) {
        const c = ws.index.contribution(f.uri);
        for (const d of c?.definitions ?? [])
          defs.push({ kind: d.kind, id: d.id, uri: d.uri, range: d.range, container: d.container, entity: d.entity });
        for (const r of c?.references ?? [])
          refs.push({ kind: r.kind, id: r.id, uri: r.uri, range: r.range, field: r.field });
      }
      return { defs, refs };
    };
    const plain = (e: { defs: Definition[]; refs: Reference[] }) => ({
      defs: e.defs.map(({ kind, id, uri, range, container }) => ({ kind, id, uri, range, container })),
      refs: e.refs,
    });

    it('gives the ranges of the current text after edits that move lines, as a fresh load does', () => {
      const files = sampleFiles();
      const journey = Object.keys(files).find((p) => p.endsWith('.journey.yaml'))!;
      const teams = Object.keys(files).find((p) => p.endsWith('.teams.yaml'))!;
      const ws = load(files);
      const before = entriesOf(ws);
      assert.ok(before.defs.length > 20 && before.refs.length > 20);

      const moved = {
        ...files,
        [journey]: `# moved\n# down\n${files[journey]}`,
        [teams]: files[teams].replace(/\n/, '\n# one line down\n'),
      };
      ws.setFile(uriOf(journey), journey, moved[journey]);
      ws.setFile(uriOf(teams), teams, moved[teams]);
      ws.flush();
      const after = entriesOf(ws);
      assert.deepStrictEqual(plain(after), plain(entriesOf(load(moved))));

      // Entries of the journey moved two lines down; the others kept their place.
      const journeyDefs = before.defs.filter((d) => d.uri === uriOf(journey));
      assert.ok(journeyDefs.length > 3);
      for (const [i, d] of before.defs.entries()) {
        const shift = d.uri === uriOf(journey) ? 2 : 0;
        if (d.uri === uriOf(teams)) continue;
        assert.deepStrictEqual(after.defs[i].range, {
          start: { line: d.range.start.line + shift, character: d.range.start.character },
          end: { line: d.range.end.line + shift, character: d.range.end.character },
        });
      }
      // And each range covers the id as written.
      for (const e of [...after.defs, ...after.refs]) {
        const f = ws.getFile(e.uri)!;
        const written = f.text.slice(f.lines.offsetAt(e.range.start), f.lines.offsetAt(e.range.end));
        assert.equal(written.replace(/^["']|["']$/g, ''), e.id, `${e.uri}: ${e.id}`);
      }
    });

    it('serialises entries as the plain objects they replace', () => {
      const ws = load(sampleFiles());
      const { defs, refs } = entriesOf(ws);
      const def = [...ws.index.allDefinitions('team')][0];
      assert.deepStrictEqual(
        JSON.parse(JSON.stringify(def)),
        JSON.parse(JSON.stringify(defs.find((d) => d.kind === 'team' && d.id === def.id))),
      );
      const ref = ws.index.contribution(refs[0].uri)!.references.at(0);
      assert.deepStrictEqual(JSON.parse(JSON.stringify(ref)), JSON.parse(JSON.stringify(refs[0])));
      // Each read is a range of its own, so a caller changing one changes nothing kept.
      assert.notEqual(def.range, def.range);
      assert.deepStrictEqual(def.range, def.range);
    });
  });

  describe('dependency keys', () => {
    it('numbers keys, gives the same number back, and reuses released numbers', () => {
      const k = new KeyNumbers();
      const a = k.number(defKey('team', 'cx-ops'));
      const b = k.number(refKey('team', 'cx-ops'));
      assert.notEqual(a, b);
      assert.equal(k.number(['def', 'team', 'cx-ops'].join('\u0000')), a);
      assert.equal(k.find(defKey('team', 'cx-ops')), a);
      assert.equal(k.key(a), defKey('team', 'cx-ops'));
      assert.equal(k.size, 2);
      k.release(a);
      assert.equal(k.find(defKey('team', 'cx-ops')), undefined);
      assert.equal(k.key(a), undefined);
      assert.equal(k.size, 1);
      const c = k.number(defKey('persona', 'p'));
      assert.equal(c, a);
      assert.equal(k.key(c), defKey('persona', 'p'));
      assert.equal(k.find(refKey('team', 'cx-ops')), b);
    });

    it('tracks dependents through edits and removals, re-checking exactly those files', () => {
      const teams = lines('kind: teams', 'teams:', '  - id: cx-ops', '    name: CX Operations');
      const persona = (owner: string) => lines('kind: persona', 'id: p', 'name: P', `owner: ${owner}`);
      const ws = createTaxonomyWorkspace();
      ws.setFile(uriOf('org.teams.yaml'), 'org.teams.yaml', teams);
      ws.setFile(uriOf('p.persona.yaml'), 'p.persona.yaml', persona('cx-ops'));
      ws.flush();
      assert.ok(ws.dependentsOf(defKey('team', 'cx-ops')).has(uriOf('p.persona.yaml')));
      ws.setFile(uriOf('p.persona.yaml'), 'p.persona.yaml', persona('nobody'));
      ws.flush();
      assert.equal(ws.dependentsOf(defKey('team', 'cx-ops')).has(uriOf('p.persona.yaml')), false);
      assert.ok(ws.dependentsOf(defKey('team', 'nobody')).has(uriOf('p.persona.yaml')));
      // The team appearing re-checks the persona, which now finds it.
      ws.setFile(uriOf('org.teams.yaml'), 'org.teams.yaml', teams.replace(/cx-ops/, 'nobody'));
      assert.ok(ws.pending().has(uriOf('p.persona.yaml')));
      ws.flush();
      assert.deepStrictEqual(
        ws.diagnostics(uriOf('p.persona.yaml')).filter((d) => d.ruleId === 'unresolved-reference'),
        [],
      );
      ws.removeFile(uriOf('p.persona.yaml'));
      ws.flush();
      assert.equal(ws.dependentsOf(defKey('team', 'nobody')).has(uriOf('p.persona.yaml')), false);
    });
  });
});

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { childPointer, parseYaml, parseYamlFull, SpanTable, type SourceSpan } from '../../server/src/core/yaml';
import { createTaxonomyFile } from '../../server/src/core/taxonomyFile';
import { allEntities, type DocReader, type Located } from '../../server/src/core/model';
import type { LineIndex } from '../../server/src/core/lineIndex';
import type { TaxonomyFile } from '../../server/src/core/taxonomyFile';
import { generateWorkspace, SIZES } from '../../bench/generate';
import { yamlFilesUnder } from '../support/files';

/**
 * Spans live in a typed array and located values keep a slot instead of a pointer and a range
 * (BENCHMARKS.md, memory). These tests hold them to what the plain objects they replace gave.
 */

const SAMPLES = yamlFilesUnder(path.join(__dirname, '../../samples')).map(
  (f) => [path.relative(path.join(__dirname, '../..'), f), readFileSync(f, 'utf8')] as const,
);
const GENERATED = [
  ...generateWorkspace({ ...SIZES.S, journeys: 4, personas: 2, segments: 2, kpis: 2, docs: 0 }, 3).files,
].filter(([p]) => /\.ya?ml$/.test(p));

/** Every JSON pointer of a plain value, parents first. */
function pointersOf(value: unknown, pointer = '', out: string[] = []): string[] {
  out.push(pointer);
  if (Array.isArray(value)) value.forEach((v, i) => pointersOf(v, childPointer(pointer, i), out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pointersOf(v, childPointer(pointer, k), out);
  return out;
}

/** The range the model used to build eagerly for a located value. */
function eagerRange(file: TaxonomyFile, docIndex: number, pointer: string, lines: LineIndex): Located<string>['range'] {
  const span = file.yaml!.docs[docIndex].spans.get(pointer)!;
  return lines.range(span.start, span.end);
}

/** Every located value of a file's models, with the document it belongs to. */
function locatedOf(file: TaxonomyFile): [number, Located<string>][] {
  const out: [number, Located<string>][] = [];
  for (const model of file.models) {
    const add = (v: Located<string> | undefined) => v && out.push([model.docIndex, v]);
    add(model.kind);
    for (const r of model.refs) add(r.id);
    for (const e of allEntities(model)) {
      add(e.id);
      add(e.name);
      add(e.description);
      add(e.status);
      e.owner?.teams.forEach(add);
      add(e.owner?.lead);
      if (e.kind === 'touchpoint') add(e.channel);
      if (e.kind === 'term') [...e.aliases, ...e.avoid].forEach(add);
      if (e.kind === 'kpi') [e.formula, e.definition, e.direction].forEach(add);
    }
  }
  return out;
}

describe('compact spans and located values', () => {
  describe('SpanTable', () => {
    const a: SourceSpan = { keyStart: 0, keyEnd: 2, start: 4, end: 9, scalarType: 'PLAIN' };
    const b: SourceSpan = { keyStart: undefined, keyEnd: undefined, start: 10, end: 30, scalarType: undefined };

    it('reads back what was set, in insertion order, like a Map', () => {
      const t = new SpanTable();
      const map = new Map<string, SourceSpan>();
      for (const [p, s] of [
        ['/a', a],
        ['', b],
        ['/a/b~1c', { ...a, scalarType: 'QUOTE_SINGLE' }],
      ] as const) {
        t.set(p, s);
        map.set(p, s);
      }
      // Setting a pointer again keeps its place, as Map.set does.
      t.set('', { ...b, end: 31 });
      map.set('', { ...b, end: 31 });
      for (const sealed of [false, true]) {
        if (sealed) t.seal();
        assert.deepStrictEqual([...t], [...map]);
        assert.deepStrictEqual([...t.values()], [...map.values()]);
        assert.deepStrictEqual([...t.keys()], [...map.keys()]);
        assert.equal(t.size, map.size);
        assert.deepStrictEqual(t.get('/a'), a);
        assert.equal(t.get('/missing'), undefined);
        assert.equal(t.has('/missing'), false);
        assert.equal(t.slotOf('/missing'), -1);
        assert.equal(t.pointerAt(t.slotOf('/a/b~1c')), '/a/b~1c');
      }
    });

    it('moves an end and grows after sealing', () => {
      const t = new SpanTable();
      const slot = t.record('/x', undefined, undefined, 5, 5, undefined);
      t.seal();
      t.setEnd(slot, 42);
      assert.equal(t.endAt(slot), 42);
      assert.equal(t.startAt(slot), 5);
      t.set('/y', a);
      assert.deepStrictEqual(t.get('/y'), a);
      assert.deepStrictEqual(t.get('/x'), {
        keyStart: undefined,
        keyEnd: undefined,
        start: 5,
        end: 42,
        scalarType: undefined,
      });
    });

    it('keeps styles it does not know', () => {
      const t = new SpanTable();
      t.set('/z', { ...a, scalarType: 'SOME_NEW_STYLE' });
      assert.equal(t.get('/z')?.scalarType, 'SOME_NEW_STYLE');
    });

    it('has a span for every value of every sample and generated file, both parses', () => {
      let checked = 0;
      for (const [name, text] of [...SAMPLES, ...GENERATED]) {
        for (const parsed of [parseYaml(text), parseYamlFull(text)]) {
          for (const doc of parsed.docs) {
            for (const p of pointersOf(doc.value)) {
              const span = doc.spans.get(p);
              assert.ok(span, `${name}: no span for ${p}`);
              assert.ok(span.start <= span.end && span.end <= text.length, `${name}: ${p}`);
              checked++;
            }
            // And nothing but those values (no pointer under an alias, no stale pointer).
            assert.equal(doc.spans.size, new Set(pointersOf(doc.value)).size, name);
          }
        }
      }
      assert.ok(checked > 1000, `only ${checked} values`);
    });
  });

  describe('located values', () => {
    const texts: (readonly [string, string])[] = [
      [
        'crlf-bom.journey.yaml',
        '\uFEFFkind: journey\r\nid: j\r\nname: "Jo 📈 urney"\r\nowner: [cx, "brand"]\r\nstages:\r\n  - id: s\r\n    touchpoints:\r\n      - id: t\r\n        name: Café 👩‍👩‍👧 call\r\n        owner: cx\r\n        kpis: [nps]\r\n        handoff:\r\n',
      ],
      ['cr.persona.yaml', 'kind: persona\rid: p\rname: x\rsegments:\r  - a\r  - b\r'],
      ['alias.persona.yaml', '# aliases\nkind: persona\nid: &i p\nname: *i\nalso: &s [a, b]\nsegments: *s\n'],
      ...SAMPLES,
      ...GENERATED,
    ];

    it('give the ranges and pointers the eager model gave, on CRLF, CR, BOM, emoji and alias text', () => {
      let checked = 0;
      for (const [name, text] of texts) {
        const file = createTaxonomyFile(`file:///${name}`, name, text, 1, { maxFileSize: 1e9 });
        for (const [docIndex, loc] of locatedOf(file)) {
          const doc = file.yaml!.docs[docIndex];
          const span = doc.spans.get(loc.pointer);
          const expected = span
            ? eagerRange(file, docIndex, loc.pointer, file.lines)
            : file.lines.range(doc.start, doc.start);
          assert.deepStrictEqual(loc.range, expected, `${name} ${loc.pointer}`);
          assert.deepStrictEqual(
            JSON.parse(JSON.stringify(loc)),
            { value: loc.value, range: expected, pointer: loc.pointer },
            name,
          );
          checked++;
        }
      }
      assert.ok(checked > 500, `only ${checked} located values`);
    });

    // What the model builder reads: a mapping's own value under a key, with its slot found under the mapping's.
    const fieldOf = (reader: DocReader, p: string, k: string) => {
      const obj = reader.get(p) as Record<string, unknown>;
      const v = Object.prototype.hasOwnProperty.call(obj, k) ? obj[k] : undefined;
      return reader.scalarAt(v, reader.childSlot(reader.doc.spans.slotOf(p), p, k), p, k);
    };

    it('read by field (a mapping resolved once) are what reading by pointer gives, in any order', () => {
      let checked = 0;
      for (const [name, text] of texts) {
        const file = createTaxonomyFile(`file:///${name}`, name, text, 1, { maxFileSize: 1e9 });
        file.readers.forEach((reader, i) => {
          const reads: [string, string][] = [];
          for (const p of pointersOf(file.yaml!.docs[i].value)) {
            const v = reader.get(p);
            if (v !== null && typeof v === 'object' && !Array.isArray(v))
              for (const k of [...Object.keys(v), 'absent']) if (!/[/~]/.test(k)) reads.push([p, k]);
          }
          // Back and forth between mappings, so the reader's remembered mapping keeps changing.
          const order = reads.map((_, j) => (j % 2 === 0 ? j : reads.length - j)).filter((j) => j < reads.length);
          for (const j of [...order, ...reads.keys()]) {
            const [p, k] = reads[j];
            const json = (l: Located<string> | undefined) => (l ? JSON.parse(JSON.stringify(l)) : undefined);
            assert.deepStrictEqual(
              json(fieldOf(reader, p, k)),
              json(reader.string(childPointer(p, k))),
              `${name} ${p} ${k}`,
            );
            checked++;
          }
        });
      }
      assert.ok(checked > 5000, `only ${checked} reads`);
    });

    it('point at the text of their value', () => {
      const text = texts[0][1];
      const file = createTaxonomyFile('file:///j.journey.yaml', 'j.journey.yaml', text, 1, { maxFileSize: 1e9 });
      const tp =
        file.models[0].entities[0].kind === 'journey' ? file.models[0].entities[0].stages[0].touchpoints[0] : undefined;
      assert.ok(tp?.name);
      assert.equal(tp.name.pointer, '/stages/0/touchpoints/0/name');
      assert.deepStrictEqual(tp.name.range, { start: { line: 8, character: 14 }, end: { line: 8, character: 32 } });
      const { start, end } = tp.name.range;
      assert.equal(file.lines.lineText(start.line).slice(start.character, end.character), 'Café 👩‍👩‍👧 call');
      // A range read is the caller's to keep: changing it changes nothing else.
      tp.name.range.start.line = 99;
      assert.equal(tp.name.range.start.line, 8);
      // Values inside an aliased list have no span of their own: an empty range where the document starts.
      const persona = createTaxonomyFile('file:///p.persona.yaml', 'p.persona.yaml', texts[2][1], 1, {
        maxFileSize: 1e9,
      }).models[0].entities[0];
      assert.ok(persona.kind === 'persona');
      assert.deepStrictEqual(
        persona.segments.map((s) => [s.value, s.pointer, s.range]),
        ['a', 'b'].map((v, i) => [
          v,
          `/segments/${i}`,
          { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
        ]),
      );
      assert.equal(persona.name?.value, 'p');
      assert.deepStrictEqual(persona.name.range, { start: { line: 3, character: 6 }, end: { line: 3, character: 8 } });
    });
  });
});

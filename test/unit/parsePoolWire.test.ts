import * as assert from 'node:assert/strict';
import { generateWorkspace, SIZES } from '../../bench/generate';
import { parseYaml, parseYamlFull, SpanTable, type ParsedYaml } from '../../server/src/core/yaml';
import type { ParsedElsewhere } from '../../server/src/core/taxonomyFile';
import { lineStarts } from '../../server/src/core/lineIndex';
import { decodeParses, encodeParses } from '../../server/src/node/parseWire';
import { zlibTextPacker } from '../../server/src/node/textPacker';

/** The YAML of a small styled workspace (CRLF, BOM, flow maps, anchors, wrapped scalars...) and a few odd documents. */
function documents(): string[] {
  const ws = generateWorkspace({ ...SIZES.S, journeys: 12, docs: 0 }, 5, 'S-styled', { styled: true });
  const texts = [...ws.files].filter(([p]) => /\.ya?ml$/.test(p)).map(([, t]) => t);
  return [
    ...texts,
    'a/b: 1\n"~x": { "y/z": [1, 2] }\n---\n- &a { k: v }\n- *a\n',
    'id: x\nlist:\n  - 1\n  - - 2\n    - 3\n',
    '',
    'key: [unclosed\n',
  ];
}

/** Everything a table answers, in the order it gives it. */
function reading(t: SpanTable): unknown {
  const keys = [...t.keys()];
  return {
    size: t.size,
    entries: [...t.entries()],
    slots: keys.map((k) => t.slotOf(k)),
    pointers: keys.map((_, i) => t.pointerAt(i)),
    lookups: keys.map((k) => [t.get(k), t.has(`${k}/missing`), t.slotOf(`${k}/0`)]),
    children: keys.map((k) => {
      const cut = k.lastIndexOf('/');
      return cut < 0 ? -2 : t.childSlotOf(t.slotOf(k.slice(0, cut)), k, cut + 1);
    }),
  };
}

describe('parse workers: what crosses threads', () => {
  it('SpanTable.restore(serialise()) reads exactly as the table: entries, order, lookups', () => {
    let tables = 0;
    for (const text of documents()) {
      for (const parsed of [parseYaml(text), parseYamlFull(text)]) {
        for (const doc of parsed.docs) {
          const before = reading(doc.spans);
          // What another thread receives: copies of the arrays and texts.
          const copy = structuredClone(doc.spans.serialise());
          const restored = SpanTable.restore(copy);
          assert.deepEqual(reading(restored), before);
          assert.deepEqual(reading(doc.spans), before, 'serialise leaves the table as it was');
          tables++;
        }
      }
    }
    assert.ok(tables > 50, `${tables} tables`);
  });

  it('a restored table can still be written, as a sealed one can', () => {
    const parsed = parseYaml('a:\n  b: 1\n');
    const restored = SpanTable.restore(structuredClone(parsed.docs[0].spans.serialise()));
    restored.set('/a/c', { start: 1, end: 2 });
    assert.deepEqual([...restored.keys()], ['', '/a', '/a/b', '/a/c']);
    assert.deepEqual(restored.get('/a/b'), parsed.docs[0].spans.get('/a/b'));
    assert.deepEqual(restored.get('/a/c'), {
      keyStart: undefined,
      keyEnd: undefined,
      start: 1,
      end: 2,
      scalarType: undefined,
    });
  });

  it('a batch of parses packed and unpacked gives the same parses; what JSON cannot carry comes back to be parsed', () => {
    const texts = [...documents(), 'x: .nan\n', 'y: [-.inf]\n', 'z: -0.0\n'];
    const parses: (ParsedYaml | undefined)[] = texts.map((t) => parseYaml(t));
    parses.push(undefined);
    const packed = encodeParses(parses);
    const back = decodeParses(structuredClone(packed));
    assert.equal(back.length, parses.length);
    const n = texts.length;
    for (let i = 0; i < n - 3; i++) {
      const want = parses[i]!;
      const got = back[i];
      assert.ok(got, `file ${i}`);
      assert.deepEqual(got.problems, want.problems);
      assert.deepEqual(
        got.docs.map((d) => [d.index, d.value, d.start, d.end, reading(d.spans)]),
        want.docs.map((d) => [d.index, d.value, d.start, d.end, reading(d.spans)]),
      );
    }
    assert.deepEqual(back.slice(n - 3), [undefined, undefined, undefined, undefined]);
  });

  it('texts packed by the worker come back exactly as the packer packs them, beside the parses that have none', () => {
    // One-byte text, wide text (UTF-16 packing, with a lone surrogate), a BOM and CRLF, an empty file.
    const texts = ['id: a\nname: Café\n', 'name: "Ω \ud800 x"\n', '\ufeffa: 1\r\nb: 2\r\n', ''];
    const parses: (ParsedElsewhere | undefined)[] = [];
    texts.forEach((t, i) => {
      parses.push({ ...parseYaml(t), ...(i !== 2 ? { packedText: zlibTextPacker.pack(t) } : {}) });
      parses.push(parseYaml(t));
    });
    parses.push(undefined);
    const back = decodeParses(structuredClone(encodeParses(parses)));
    texts.forEach((t, i) => {
      const packed = back[2 * i]?.packedText;
      if (i === 2) assert.equal(packed, undefined);
      else {
        assert.equal(packed, zlibTextPacker.pack(t));
        assert.equal(zlibTextPacker.unpack(packed!), t);
      }
      assert.equal(back[2 * i + 1]?.packedText, undefined);
    });
    assert.equal(back[back.length - 1], undefined);
  });

  it("line starts and the documents' schema validity cross with the parse; the line starts as a copy of their own", () => {
    const texts = ['kind: persona\r\nid: pat\r\nname: Pat\n', 'a: 1\n---\nb: 2\rc: 3\n', ''];
    const parses: (ParsedElsewhere | undefined)[] = texts.map((t, i) => ({
      ...parseYaml(t),
      lineStarts: lineStarts(t),
      schemaValid: i === 1 ? [true, false] : [i === 0],
    }));
    parses.splice(1, 0, parseYaml('plain: yes\n'));
    const packed = encodeParses(parses);
    const back = decodeParses(structuredClone(packed));
    assert.deepEqual(back[1]?.lineStarts, undefined);
    assert.deepEqual(back[1]?.schemaValid, undefined);
    for (const [i, k] of [
      [0, 0],
      [1, 2],
      [2, 3],
    ] as const) {
      assert.deepEqual([...back[k]!.lineStarts!], [...lineStarts(texts[i])]);
      assert.deepEqual(back[k]!.schemaValid, parses[k]!.schemaValid);
      assert.equal(back[k]!.lineStarts!.byteLength, back[k]!.lineStarts!.buffer.byteLength, 'not a view of the batch');
    }
  });
});

import * as assert from 'node:assert/strict';
import { PackedText, type TextPacker } from '../../server/src/core/packedText';
import { zlibTextPacker } from '../../server/src/node/textPacker';
import { mulberry32 } from '../../bench/random';

/**
 * The text of a file that let its model go is kept packed (BENCHMARKS.md, item 36); whatever it
 * holds, it must read back as the very same string.
 */

/** A text of `n` code units drawn from `alphabet`, seeded. */
function textOf(seed: number, n: number, alphabet: readonly string[]): string {
  const next = mulberry32(seed);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
  return s;
}

const YAML_BITS = [
  'id: ',
  'name: ',
  '\n',
  '\r\n',
  '  ',
  '- ',
  '# note',
  '"quoted: text"',
  "'x'",
  '...',
  '---',
  'é',
  'ß',
];
const WIDE_BITS = ['ü', '€', '日本', '\u{1F600}', '\uD800', '\uDFFF', '\uFEFF', '\u0100', '\uFFFF'];
const BYTES = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i));

describe('packed texts', () => {
  it('zlib packing gives back every text exactly: one-byte, wide, lone surrogates, BOM, CRLF, empty', () => {
    const texts = [
      '',
      '\uFEFF',
      'id: x\r\n',
      '\uFEFFid: x\r\nname: "a: b" # c\r\n',
      'a\uD800b',
      '\uDC00',
      'x'.repeat(200000),
    ];
    for (let seed = 1; seed <= 40; seed++) {
      texts.push(textOf(seed, 1 + seed * 97, YAML_BITS));
      texts.push(textOf(seed + 100, 1 + seed * 53, [...YAML_BITS, ...WIDE_BITS]));
      texts.push(textOf(seed + 200, 1 + seed * 31, BYTES));
    }
    for (const [i, t] of texts.entries()) {
      const packed = zlibTextPacker.pack(t);
      assert.equal(zlibTextPacker.unpack(packed), t, `text ${i}`);
      // Stored as a string of byte-sized code units (kept in the engine's heap).
      assert.ok(![...packed.slice(1)].some((c) => c.charCodeAt(0) > 255), `text ${i}`);
    }
    const yaml = textOf(7, 50000, YAML_BITS);
    assert.ok(zlibTextPacker.pack(yaml).length < yaml.length / 3, 'YAML packs to well under a third');
  });

  it('unpacks a text once for reads in a row, and again only after other texts pushed it out', () => {
    let unpacked = 0;
    const counting: TextPacker = {
      pack: (t) => zlibTextPacker.pack(t),
      unpack: (p) => {
        unpacked++;
        return zlibTextPacker.unpack(p);
      },
    };
    const texts = Array.from({ length: 40 }, (_, i) => textOf(i, 300, YAML_BITS));
    const packed = texts.map((t) => new PackedText(counting, t));
    assert.equal(packed[0].text(), texts[0]);
    assert.equal(packed[0].text(), texts[0]);
    assert.equal(unpacked, 1);
    for (const [i, p] of packed.entries()) assert.equal(p.text(), texts[i]);
    assert.equal(unpacked, 40);
    // The last ones read are still unpacked; the first were pushed out.
    assert.equal(packed[39].text(), texts[39]);
    assert.equal(unpacked, 40);
    assert.equal(packed[0].text(), texts[0]);
    assert.equal(unpacked, 41);
  });
});

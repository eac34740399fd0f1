import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { TextPacker } from '../core';

/** Code units above this are not one byte: a text with one is packed as UTF-16. */
const WIDE = /[\u0100-\uffff]/;

/**
 * zlib's deflate at its fastest level over the text's code units: one byte each when they all fit
 * (most taxonomies), else two, so that any string comes back exactly, lone surrogates included
 * (UTF-8 would not round-trip those). The first character says which; the rest are the packed
 * bytes, one a character (`TextPacker`). YAML packs to about a quarter (the styled L's 6,000
 * journeys: 50.4 -> 13.4 MB, BENCHMARKS.md item 36), and level 1 packs them in under a second.
 */
export const zlibTextPacker: TextPacker = {
  pack(text: string): string {
    const wide = WIDE.test(text);
    const packed = deflateRawSync(Buffer.from(text, wide ? 'utf16le' : 'latin1'), { level: 1 });
    return (wide ? '1' : '0') + packed.toString('latin1');
  },
  unpack(packed: string): string {
    const bytes = inflateRawSync(Buffer.from(packed.slice(1), 'latin1'));
    return bytes.toString(packed[0] === '1' ? 'utf16le' : 'latin1');
  },
};

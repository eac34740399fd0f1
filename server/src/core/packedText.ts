/**
 * Texts kept packed while nobody reads them: the text of a file that let its model go (a closed
 * journey of a large taxonomy) is most of what the file still holds, ~50 MB on the styled L, and
 * packs to a fraction of that. The core cannot pack (it reads no files and loads no codec): the
 * host hands in a `TextPacker` (the language server's is zlib's, node/textPacker.ts).
 */

/**
 * Packs a text and gives back exactly the same text, whatever code units it holds. The packed
 * form is a string of byte-sized code units, so that it lives in the engine's heap with the rest:
 * bytes of its own outside it were mixed in with the codec's short-lived buffers, and the process
 * kept those pages (the resident memory did not fall with the heap; BENCHMARKS.md, item 36).
 */
export interface TextPacker {
  pack(text: string): string;
  unpack(packed: string): string;
}

/**
 * How many texts stay unpacked after a read: a check or a feature reads a file's text a few times
 * in a row (parse, suppressions, term mentions), and each read unpacking again would cost more
 * than the few texts kept here.
 */
const RECENT = 16;

/** Texts unpacked lately, the most recent last. */
const recent = new Map<PackedText, string>();

/** One text, packed, with the text unpacked when read (kept among the `RECENT` last read). */
export class PackedText {
  readonly #packer: TextPacker;
  readonly #packed: string;

  /** `packed`, when given, is what `packer.pack(text)` gives, done elsewhere. */
  constructor(packer: TextPacker, text: string, packed?: string) {
    this.#packer = packer;
    this.#packed = packed ?? packer.pack(text);
  }

  text(): string {
    let text = recent.get(this);
    if (text !== undefined) {
      recent.delete(this);
    } else {
      text = this.#packer.unpack(this.#packed);
      if (recent.size >= RECENT) recent.delete(recent.keys().next().value as PackedText);
    }
    recent.set(this, text);
    return text;
  }
}

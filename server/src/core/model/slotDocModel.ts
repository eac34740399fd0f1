import { ENTITY_TEXT_FIELDS } from '../domain/fields';
import type { DocReader } from './docReader';
import type { DocModel, Entity, Located, RefSite, TextSite } from './types';

/** Field codes take the low bits of a text code, the span slot the rest. */
const FIELD_BITS = 5;
if (ENTITY_TEXT_FIELDS.length > 1 << FIELD_BITS) throw new Error('too many free-text fields for their codes');

/** The code of a free-text site: its span slot and the index of its field in ENTITY_TEXT_FIELDS. */
export function textCode(slot: number, field: number): number {
  return slot * (1 << FIELD_BITS) + field;
}

/**
 * A document's model, with its free text kept as a code (span slot and field) and the text per
 * site: the sites (`texts`) are built when read, a new list each time. An object per site kept
 * with its file was ~40,000 on M (2.5 MB), read only when the terminology rules scan the file.
 */
export class SlotDocModel implements DocModel {
  glossaryVocabulary?: string;
  readonly #reader: DocReader;
  readonly #codes: number[];
  readonly #values: string[];

  constructor(
    readonly docIndex: number,
    readonly kind: Located<string> | undefined,
    readonly entities: Entity[],
    readonly refs: RefSite[],
    reader: DocReader,
    codes: number[],
    values: string[],
  ) {
    this.#reader = reader;
    this.#codes = codes.length === 0 ? NONE : codes.slice();
    this.#values = values.length === 0 ? NO_TEXT : values.slice();
  }

  get texts(): TextSite[] {
    const spans = this.#reader.doc.spans;
    const mask = (1 << FIELD_BITS) - 1;
    return this.#values.map((text, i) => {
      const code = this.#codes[i];
      const s = spans.at(Math.floor(code / (1 << FIELD_BITS)));
      return { field: ENTITY_TEXT_FIELDS[code & mask], text, start: s.start, end: s.end, scalarType: s.scalarType };
    });
  }
}

/** The lists of a model without free text, shared (never written: the lists are private). */
const NONE: number[] = [];
const NO_TEXT: string[] = [];

/** The completion item the core returns; the LSP adapter converts it (`lsp/convert.ts`). */
import type { EntityKind, Range } from '../types';

/** What a completion item offers, for the front end's icon. */
type CompletionEntryKind = 'reference' | 'value' | 'property' | 'skeleton' | 'term';

/** One completion item in the core's own vocabulary. */
export interface CompletionEntry {
  label: string;
  kind: CompletionEntryKind;
  /** The kind of entity a `reference` item names. */
  entityKind?: EntityKind;
  detail?: string;
  /** Markdown; user text in it is escaped. */
  documentation?: string;
  /** The text that replaces `range`; a snippet when `snippet` is set. */
  insertText: string;
  snippet?: boolean;
  range: Range;
  filterText?: string;
  sortText?: string;
  preselect?: boolean;
  /** Marks retired entries (deprecated, or past their sunset) so editors strike them through. */
  deprecated?: boolean;
  /** True when the inserted key's value has completions of its own: editors may open them at once. */
  retrigger?: boolean;
}

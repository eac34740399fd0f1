// The outline's node, shared by the YAML outline (symbols.ts) and the Markdown one (markdownSymbols.ts):
// in a module of its own so that neither imports the other.
import type { EntityKind, Range } from '../types';

/** What a document symbol stands for: an entity, the list of teams / the glossary holding them, or a Markdown heading. */
export type SymbolNodeKind = EntityKind | 'teams' | 'glossary' | 'heading';

/** One entry of a file's outline. */
export interface DocumentSymbolNode {
  name: string;
  detail?: string;
  kind: SymbolNodeKind;
  range: Range;
  /** The range to select when the entry is picked: the id, else the name. Inside `range`. */
  selectionRange: Range;
  deprecated?: boolean;
  children: DocumentSymbolNode[];
}

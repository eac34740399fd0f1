/**
 * The YAML layer: a text in, its documents out as plain values with a source span per JSON
 * pointer, and the problems found while reading. The rest of the core imports it from here.
 *
 * Modules: types.ts (what a parse returns), spanTable.ts (the spans), pointer.ts (JSON
 * pointers), fullParse.ts (the `yaml` package's documents converted), errors.ts (the wording of
 * problems), and the fast path: fastParse.ts (block structure), fastValues.ts (scalars and flow
 * sequences), fastWrapped.ts (plain and double-quoted scalars over several lines), fastAnchors.ts
 * (anchors and aliases), fastLines.ts (the line table), fastFallback.ts (giving up).
 */
import { fastParseYaml } from './fastParse';
import { parseYamlFull } from './fullParse';
import { DEFAULT_PARSE_LIMITS, type ParsedYaml, type ParseLimits } from './types';

export { parseYamlFull } from './fullParse';
export { childPointer, decodeSegment, pointerSegment, pointerSegments } from './pointer';
export { portableSpans, SpanTable, type SourceSpan } from './spanTable';
export { DEFAULT_PARSE_LIMITS, type ParsedDoc, type ParsedYaml, type ParseLimits, type SyntaxProblem } from './types';

/**
 * Parses a YAML text into its documents, keeping a source span for every value so that schema
 * errors, references and edits can point at the exact scalar. Never throws: what cannot be read
 * becomes a problem and the rest of the file is still returned.
 *
 * Most taxonomy files take the fast path (fastParse.ts), which reads the styles people write
 * (block and one-line flow collections, CRLF, BOM, `---`, quoted keys, wrapped scalars, anchors)
 * straight into the same result about ten times faster; anything else gets the full parse.
 */
export function parseYaml(text: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ParsedYaml {
  return fastParseYaml(text, limits) ?? parseYamlFull(text, limits);
}

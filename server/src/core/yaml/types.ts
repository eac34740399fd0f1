import type { SpanTable } from './spanTable';

/** A problem found while reading YAML, before any rule runs. */
export interface SyntaxProblem {
  message: string;
  start: number;
  end: number;
}

/** One YAML document of a file, converted to plain data with a source span per JSON pointer. */
export interface ParsedDoc {
  /** Zero-based position of the document in its file. */
  index: number;
  /** The plain value (what `yaml.parse` would give), or null for an empty document. */
  value: unknown;
  /** JSON pointer (as ajv writes `instancePath`, '' for the root) to its source span. */
  spans: SpanTable;
  /** Offsets of the whole document. */
  start: number;
  end: number;
}

/** The YAML layer's view of one file. */
export interface ParsedYaml {
  docs: ParsedDoc[];
  problems: SyntaxProblem[];
}

/** Limits that keep hostile input from exhausting memory or the stack. */
export interface ParseLimits {
  /** Nesting deeper than this is cut off with a problem. */
  maxDepth: number;
  /** Total nodes that aliases may expand to before the file is refused as an alias bomb. */
  maxAliasExpansion: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxDepth: 200, maxAliasExpansion: 10_000 };

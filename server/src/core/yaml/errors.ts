import type { YAMLError } from 'yaml';
import type { SpanTable } from './spanTable';
import type { SyntaxProblem } from './types';

/** The wording of every problem the YAML layer reports itself, in sentences an analyst can act on. */
export const yamlMessages = {
  nestingTooDeep: (maxDepth: number) => `Nesting deeper than ${maxDepth} levels is not read.`,
  duplicateKey: (key: string) => `The key \`${key}\` is written twice in this mapping; only the first one counts.`,
  aliasWithoutAnchor: (name: string) => `The alias *${name} has no matching anchor &${name}.`,
  aliasCycle: (name: string) => `The alias *${name} refers to its own parent: a cycle that cannot be read.`,
  aliasBomb: (max: number) =>
    `Aliases in this file expand to more than ${max} values (an "alias bomb"); the alias is not expanded.`,
  fileTooDeep: 'This file is nested too deeply to be read.',
  documentTooDeep: 'This document is nested too deeply to be read.',
  unreadable: (err: unknown) => `This file could not be read as YAML: ${String(err)}`,
  unclosedQuote: 'This quoted text is never closed: add the closing quote.',
};

/** A problem the `yaml` package found in one document, worded and placed for the analyst. */
export function parserErrorProblem(err: YAMLError, spans: SpanTable, text: string): SyntaxProblem {
  const [s, e] = err.pos ?? [0, 0];
  const unclosed =
    err.code === 'MISSING_CHAR' && /quote/.test(err.message) ? unclosedQuoteStart(spans, s, text) : undefined;
  if (unclosed !== undefined) {
    // The parser notices a missing quote where the file ends; the mistake is where the quote opens.
    const lineEnd = text.slice(unclosed).search(/\r?\n|$/);
    return { message: yamlMessages.unclosedQuote, start: unclosed, end: unclosed + Math.max(1, lineEnd) };
  }
  return { message: describeYamlError(err.code, err.message), start: s, end: Math.max(e, s + 1) };
}

function unclosedQuoteStart(spans: SpanTable, errorPos: number, text: string): number | undefined {
  let best: number | undefined;
  for (const sp of spans.values()) {
    if (
      (sp.scalarType === 'QUOTE_DOUBLE' || sp.scalarType === 'QUOTE_SINGLE') &&
      sp.start <= errorPos &&
      sp.end >= errorPos - 1
    ) {
      const q = text[sp.start];
      if ((q === '"' || q === "'") && (best === undefined || sp.start > best)) best = sp.start;
    }
  }
  return best;
}

/** Rewrites the parser's messages into sentences an analyst can act on. */
function describeYamlError(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'Tabs cannot indent YAML; use spaces.';
    case 'RESOURCE_EXHAUSTION':
      // The parser ran out of stack (or another resource) on extreme input: say what to change,
      // not the engine's own words ("Maximum call stack size exceeded").
      return yamlMessages.fileTooDeep;
    case 'MISSING_CHAR':
    case 'BAD_INDENT':
    case 'UNEXPECTED_TOKEN':
    default:
      return `YAML syntax: ${first}`;
  }
}

/**
 * YAML scalars as the term matcher reads them.
 *
 * Terms are looked for in a scalar's *source*, not its parsed value, so every occurrence has its
 * real offsets in the file (the value of a folded or multi-line plain scalar has lost its line
 * breaks and indentation, which the matcher skips anyway). What is syntax rather than prose is
 * replaced by spaces of the same length: quotes, escape sequences of double-quoted strings, and
 * the header line of block scalars (`|`, `>-`, `|2+`).
 */
export function maskScalarSource(source: string, scalarType: string | undefined): string {
  switch (scalarType) {
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      const nl = source.search(/\r?\n/);
      return nl < 0 ? ' '.repeat(source.length) : ' '.repeat(nl) + source.slice(nl);
    }
    case 'QUOTE_SINGLE':
      return maskQuotes(source).replace(/''/g, "' ");
    case 'QUOTE_DOUBLE':
      return maskQuotes(source).replace(/\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|\r?\n|.)/g, (esc) => {
        // An escaped quote or backslash is a character of the text; the rest are not prose.
        if (esc === '\\"') return ' "';
        if (esc === '\\\\') return ' \\';
        return esc.replace(/[^\r\n]/g, ' ');
      });
    default:
      return source;
  }
}

function maskQuotes(source: string): string {
  if (source.length < 2) return ' '.repeat(source.length);
  return ' ' + source.slice(1, -1) + ' ';
}

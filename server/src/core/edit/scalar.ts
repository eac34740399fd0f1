/**
 * How to write a string as a YAML scalar so that it reads back as exactly that string.
 *
 * Plain is kept whenever a YAML reader would read the plain text as the same string; anything
 * else is quoted. "A reader" is the `yaml` package with its YAML 1.2 core schema (what this
 * project reads with) and also YAML 1.1 readers (other tools, older editors), so `yes`, `on`,
 * `1_000` and `12:30` are quoted too: quoting a string never changes what it says.
 */

/** Whether a scalar sits inside a flow collection (`[a, b]`, `{k: v}`), where `,[]{}` end it. */
export type ScalarContext = 'block' | 'flow';

/** Plain texts a YAML 1.2 core or 1.1 reader resolves to null, a boolean or a number. */
const NOT_A_STRING = [
  /^(?:~|null|Null|NULL)$/,
  /^(?:true|True|TRUE|false|False|FALSE)$/,
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/,
  /^[-+]?[0-9][0-9_]*$/,
  /^[-+]?0o[0-7_]+$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^[-+]?0b[01_]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
  // YAML 1.1 sexagesimal numbers and timestamps.
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ]|$)/,
  // `<<` is the merge key of YAML 1.1; `=` the value key.
  /^(?:<<|=)$/,
];

/** Characters no plain scalar may hold: control characters, line breaks, BOM and the like. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

/** Characters that cannot start a plain scalar. */
const INDICATOR_START = /^[[\]{},#&*!|>'"%@`]/;

/** True when a plain text is resolved to something other than a string (null, bool, number). */
function resolvesToNonString(text: string): boolean {
  return NOT_A_STRING.some((re) => re.test(text));
}

/**
 * True when `value` can be written plain, in the given context, and read back as exactly the
 * string `value`.
 */
export function isPlainSafe(value: string, context: ScalarContext): boolean {
  if (value === '' || value !== value.trim() || /^\s|\s$/.test(value)) return false;
  if (UNPRINTABLE.test(value)) return false;
  if (INDICATOR_START.test(value)) return false;
  // `-`, `?` and `:` start a plain scalar only when a "safe" character follows.
  if (/^[-?:](?:[\s,[\]{}]|$)/.test(value)) return false;
  if (/^(?:---|\.\.\.)/.test(value)) return false;
  if (/:(?:\s|$)/.test(value) || /\s#/.test(value)) return false;
  if (context === 'flow' && /[,[\]{}]/.test(value)) return false;
  if (context === 'flow' && /:[,[\]{}]/.test(value)) return false;
  return !resolvesToNonString(value);
}

const DOUBLE_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\0': '\\0',
  '\u0007': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\u000b': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\u001b': '\\e',
  '\u0085': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

/** Escapes text for the inside of a double-quoted scalar; the result is one line. */
export function escapeDouble(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what this escapes
    /[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g,
    (c) => DOUBLE_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Escapes text for the inside of a single-quoted scalar, or undefined when it cannot be (line breaks, control characters). */
export function escapeSingle(text: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(text)) return undefined;
  return text.replace(/'/g, "''");
}

/** The double-quoted form of a string. */
export function doubleQuoted(value: string): string {
  return `"${escapeDouble(value)}"`;
}

/**
 * The scalar text for a string: plain when that reads back as the same string, else quoted,
 * in the quote style asked for when it can hold the string (double quotes can hold any).
 */
export function scalarText(value: string, context: ScalarContext, quote: 'single' | 'double' = 'double'): string {
  if (isPlainSafe(value, context)) return value;
  if (quote === 'single') {
    const single = escapeSingle(value);
    if (single !== undefined) return `'${single}'`;
  }
  return doubleQuoted(value);
}

/**
 * The value of a plain scalar's source as YAML folds it: each line trimmed, lines joined by a
 * space, an empty line read as a line break.
 */
export function foldPlain(source: string): string {
  const ls = source
    .split(/\r\n|\r|\n/)
    .map((l, i, all) =>
      i === 0 ? l.replace(/[ \t]+$/, '') : i === all.length - 1 ? l.replace(/^[ \t]+/, '') : l.trim(),
    );
  let out = ls[0];
  let breaks = 0;
  for (let i = 1; i < ls.length; i++) {
    if (ls[i] === '') {
      breaks++;
      continue;
    }
    out += breaks > 0 ? '\n'.repeat(breaks) : ' ';
    out += ls[i];
    breaks = 0;
  }
  return out;
}

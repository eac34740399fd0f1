/**
 * Inline suppression comments (`# cx-taxonomy-disable-next-line touchpoint-owner -- reason`), read
 * from one file. Only real comments count: in YAML the `yaml` package's lexer says which `#` opens
 * a comment (not one inside a quoted string or a block scalar); in Markdown an HTML comment outside
 * front matter, fenced code and inline code. A file without the word `cx-taxonomy-disable` costs
 * one `indexOf`.
 */
import { Lexer } from 'yaml';
import { maskCodeSpans } from '../terms/markdown';
import type { TaxonomyFile } from '../taxonomyFile';

/** What a directive covers: the whole file, its own line, or the line after it. */
export type DirectiveScope = 'file' | 'line' | 'next-line';

/** The comment syntax a directive is written in. */
export type DirectiveSyntax = 'yaml' | 'markdown';

/** One rule id named by a directive, where it is written. */
export interface DirectiveRule {
  id: string;
  /** Offsets of the id in the file's text. */
  start: number;
  end: number;
}

/** One `cx-taxonomy-disable*` comment. */
export interface DisableDirective {
  scope: DirectiveScope;
  syntax: DirectiveSyntax;
  /** The rules named; empty means every rule (as in ESLint). */
  rules: DirectiveRule[];
  /** The text after ` -- `, trimmed; empty when none is given. */
  reason: string;
  /** Offsets of the whole comment (`#` to the line's end, or `<!--` to `-->`). */
  start: number;
  end: number;
  /**
   * The zero-based lines whose problems it covers (inclusive), for `line` and `next-line`. A line
   * that begins a value running over several lines (a block scalar, a long quoted text) covers
   * every line of that value: no comment can sit inside it.
   */
  firstLine: number;
  lastLine: number;
  /** A file-level directive written after content: it covers nothing and is reported. */
  misplaced?: boolean;
}

/** The directive keyword, as a whole word at the start of the comment's text. */
const KEYWORD = /^(\s*)(cx-taxonomy-disable(?:-next-line|-line)?)(?=\s|$)/;

/** The separator before a reason, as ESLint writes it: two or more dashes between spaces. */
const REASON = /\s-{2,}(?:\s|$)/;

/** The marker a file must contain for any of its comments to be a directive. */
export const DIRECTIVE_MARKER = 'cx-taxonomy-disable';

const cache = new WeakMap<TaxonomyFile, readonly DisableDirective[]>();

/** The directives of a file, read once per file version (the file object). */
export function directivesOf(file: TaxonomyFile): readonly DisableDirective[] {
  let found = cache.get(file);
  if (!found) {
    found =
      file.unreadable || !file.text.includes(DIRECTIVE_MARKER)
        ? []
        : file.kind === 'markdown'
          ? markdownDirectives(file)
          : yamlDirectives(file);
    cache.set(file, found);
  }
  return found;
}

/** A comment's text read as a directive, or undefined when it is an ordinary comment. */
function readDirective(
  file: TaxonomyFile,
  syntax: DirectiveSyntax,
  comment: { start: number; end: number; bodyStart: number; bodyEnd: number },
  atTop: boolean,
  valueEnds: ReadonlyMap<number, number>,
): DisableDirective | undefined {
  const body = file.text.slice(comment.bodyStart, comment.bodyEnd);
  const m = KEYWORD.exec(body);
  if (!m) return undefined;
  const scope: DirectiveScope = m[2].endsWith('-next-line') ? 'next-line' : m[2].endsWith('-line') ? 'line' : 'file';
  let listText = body.slice(m[0].length);
  let reason = '';
  const sep = REASON.exec(listText);
  if (sep) {
    reason = listText.slice(sep.index + sep[0].length).trim();
    listText = listText.slice(0, sep.index);
  }
  const listStart = comment.bodyStart + m[0].length;
  const rules: DirectiveRule[] = [];
  for (const r of listText.matchAll(/[^\s,]+/g)) {
    const start = listStart + (r.index ?? 0);
    rules.push({ id: r[0], start, end: start + r[0].length });
  }
  const lines = file.lines;
  const startLine = lines.positionAt(comment.start).line;
  const endLine = lines.positionAt(comment.end).line;
  let firstLine = -1;
  if (scope === 'line') firstLine = startLine;
  else if (scope === 'next-line') firstLine = endLine + 1;
  const lastLine = firstLine < 0 ? -1 : Math.max(firstLine, valueEnds.get(firstLine) ?? firstLine);
  const d: DisableDirective = {
    scope,
    syntax,
    rules,
    reason,
    start: comment.start,
    end: comment.end,
    firstLine,
    lastLine,
  };
  if (scope === 'file' && !atTop) d.misplaced = true;
  return d;
}

/** The comments of a YAML file and the lines its multi-line values span, from one lexer pass. */
interface YamlScan {
  comments: { start: number; end: number; atTop: boolean }[];
  /** The last line of each value that starts on a line and runs over several, by its first line. */
  valueEnds: Map<number, number>;
}

/**
 * YAML comments from the lexer. Offsets advance by each token's source, except for the lexer's
 * control tokens (document mode, flow error end, scalar marker), exactly as the `yaml` Parser
 * counts them; the token after a scalar marker is a plain or block scalar's text, never a comment.
 */
function scanYaml(file: TaxonomyFile): YamlScan {
  const comments: YamlScan['comments'] = [];
  const valueEnds = new Map<number, number>();
  let offset = 0;
  let atTop = true;
  let scalarNext = false;
  let blockHeader = -1;
  // Records a value from `from` whose source `source` starts at `offset` when it ends on a later line.
  const value = (from: number, source: string) => {
    const end = offset + source.replace(/\s+$/, '').length;
    const first = file.lines.positionAt(from).line;
    const last = file.lines.positionAt(end).line;
    if (last > first) valueEnds.set(first, Math.max(last, valueEnds.get(first) ?? first));
  };
  for (const token of new Lexer().lex(file.text)) {
    if (token === '\u0002' || token === '\u0018') continue;
    if (token === '\u001f') {
      scalarNext = true;
      continue;
    }
    const c = token.charCodeAt(0);
    if (scalarNext) {
      // A plain scalar, or the text of a block scalar whose header came before.
      scalarNext = false;
      value(blockHeader >= 0 ? blockHeader : offset, token);
      blockHeader = -1;
      atTop = false;
    } else if (c === 35 /* # */) {
      comments.push({ start: offset, end: offset + token.length, atTop });
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      value(offset, token);
      atTop = false;
    } else if (c === 124 /* | */ || c === 62 /* > */) {
      blockHeader = offset;
      atTop = false;
    } else if (!/^[\s\ufeff]*$/.test(token)) {
      atTop = false;
    }
    offset += token.length;
  }
  return { comments, valueEnds };
}

function yamlDirectives(file: TaxonomyFile): DisableDirective[] {
  const { comments, valueEnds } = scanYaml(file);
  const out: DisableDirective[] = [];
  for (const c of comments) {
    const d = readDirective(
      file,
      'yaml',
      { start: c.start, end: c.end, bodyStart: c.start + 1, bodyEnd: c.end },
      c.atTop,
      valueEnds,
    );
    if (d) out.push(d);
  }
  return out;
}

/**
 * The line a `disable-next-line` comment must stand above to cover a finding on `line` (zero-based):
 * that line itself, or in YAML, when it lies inside a value running over several lines (a block
 * scalar, a long quoted text), the line that value starts on, since a comment inside the value
 * would be part of its text. For the editor's "disable for this line" action.
 */
export function directiveLineFor(file: TaxonomyFile, line: number): number {
  if (file.kind === 'markdown' || file.unreadable) return line;
  let best = line;
  for (const [first, last] of scanYaml(file).valueEnds) if (first < best && line <= last) best = first;
  return best;
}

/** A `---` block at the very top of a Markdown file; its end offset, or 0. */
function frontMatterEnd(text: string): number {
  const open = /^\ufeff?---[ \t]*(?:\r\n|\r|\n)/.exec(text);
  if (!open) return 0;
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)/m;
  const rest = text.slice(open[0].length);
  const m = close.exec(rest);
  return m ? open[0].length + m.index + m[0].length : 0;
}

/** Markdown with front matter and fenced code blanked, so a comment found in it is a real one. */
function markdownProse(text: string, from: number): string {
  const parts: string[] = [text.slice(0, from).replace(/[^\r\n]/g, ' ')];
  const re = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  re.lastIndex = from;
  let fence: string | undefined;
  for (let m = re.exec(text); m && m[0].length > 0; m = re.exec(text)) {
    const line = m[0];
    if (fence === undefined) {
      const open = /^\s*(?:>\s*)*(`{3,}|~{3,})(.*)$/.exec(line.replace(/[\r\n]+$/, ''));
      if (open && !(open[1][0] === '`' && open[2].includes('`'))) fence = open[1];
    } else {
      const close = /^\s*(?:>\s*)*(`{3,}|~{3,})\s*$/.exec(line.replace(/[\r\n]+$/, ''));
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) {
        parts.push(line.replace(/[^\r\n]/g, ' '));
        fence = undefined;
        continue;
      }
    }
    parts.push(fence === undefined ? line : line.replace(/[^\r\n]/g, ' '));
  }
  return maskCodeSpans(parts.join(''));
}

function markdownDirectives(file: TaxonomyFile): DisableDirective[] {
  const text = file.text;
  const top = frontMatterEnd(text);
  const prose = markdownProse(text, top);
  const out: DisableDirective[] = [];
  let contentBefore = /\S/.test(prose.slice(0, top).replace(/\ufeff/g, ''));
  let last = top;
  for (const m of prose.matchAll(/<!--([\s\S]*?)-->/g)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (/\S/.test(prose.slice(last, start).replace(/\ufeff/g, ''))) contentBefore = true;
    last = end;
    const d = readDirective(
      file,
      'markdown',
      { start, end, bodyStart: start + 4, bodyEnd: end - 3 },
      !contentBefore,
      new Map(),
    );
    if (d) out.push(d);
  }
  return out;
}

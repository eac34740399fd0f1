import type { TaxonomyFile } from '../taxonomyFile';
import type { DocumentSymbolNode } from './outline';

/** An ATX heading: up to three spaces, 1-6 `#`, then a space (or nothing), the text, optional closing `#`s. */
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
/** A setext underline: `===` makes a level-1 heading of the paragraph line above, `---` a level 2. */
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
/** The opening (and closing) of a fenced code block: three or more backticks or tildes. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

interface Heading {
  level: number;
  text: string;
  line: number;
  /** Where the heading's text sits on its line (the whole line for setext headings). */
  from: number;
  to: number;
  /** The first line of a setext heading's text (its underline is `line`). */
  firstLine: number;
}

/**
 * The outline of a Markdown doc: its headings, ATX (`## Title`) and setext (a line underlined
 * with `===` or `---`), each holding the headings of deeper levels below it until the next one of
 * its level or higher. Lines in fenced code blocks and in a leading YAML front matter are not
 * headings. One pass over the lines.
 */
export function markdownSymbols(file: TaxonomyFile): DocumentSymbolNode[] {
  const headings = findHeadings(file);
  const lastLine = file.lines.lineCount - 1;
  const roots: DocumentSymbolNode[] = [];
  const stack: { level: number; node: DocumentSymbolNode }[] = [];
  const close = (node: DocumentSymbolNode, endLine: number) => {
    node.range.end = { line: endLine, character: file.lines.lineText(endLine).length };
  };
  for (const h of headings) {
    while (stack.length && stack[stack.length - 1].level >= h.level)
      close(stack.pop()!.node, Math.max(h.firstLine - 1, 0));
    const node: DocumentSymbolNode = {
      name: h.text,
      kind: 'heading',
      range: {
        start: { line: h.firstLine, character: 0 },
        end: { line: h.line, character: file.lines.lineText(h.line).length },
      },
      selectionRange: { start: { line: h.line, character: h.from }, end: { line: h.line, character: h.to } },
      children: [],
    };
    if (h.firstLine !== h.line)
      node.selectionRange = {
        start: { line: h.firstLine, character: h.from },
        end: { line: h.firstLine, character: h.to },
      };
    (stack.length ? stack[stack.length - 1].node.children : roots).push(node);
    stack.push({ level: h.level, node });
  }
  for (const { node } of stack) close(node, lastLine);
  return roots;
}

function findHeadings(file: TaxonomyFile): Heading[] {
  const out: Heading[] = [];
  const count = file.lines.lineCount;
  let fence: string | undefined;
  let line = 0;
  // A front matter block opens on the first line and closes with `---` (or `...`).
  if (file.lines.lineText(0).trim() === '---') {
    for (let l = 1; l < count; l++) {
      const t = file.lines.lineText(l).trim();
      if (t === '---' || t === '...') {
        line = l + 1;
        break;
      }
    }
  }
  /** The line above, when it can be a setext heading's text (a paragraph line). */
  let paragraph: { line: number; text: string; from: number; to: number } | undefined;
  for (; line < count; line++) {
    const text = file.lines.lineText(line);
    const f = FENCE.exec(text);
    if (fence) {
      // Only a fence of the same character, at least as long and with nothing after it, closes.
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && text.trim() === f[1]) fence = undefined;
      paragraph = undefined;
      continue;
    }
    if (f) {
      fence = f[1];
      paragraph = undefined;
      continue;
    }
    const s = SETEXT.exec(text);
    if (s && paragraph) {
      out.push({
        level: s[1][0] === '=' ? 1 : 2,
        text: paragraph.text,
        line,
        from: paragraph.from,
        to: paragraph.to,
        firstLine: paragraph.line,
      });
      paragraph = undefined;
      continue;
    }
    const a = ATX.exec(text);
    if (a) {
      const title = (a[2] ?? '').trim();
      const from = title ? text.indexOf(title) : a[0].indexOf('#');
      out.push({
        level: a[1].length,
        text: title || '(empty heading)',
        line,
        from,
        to: title ? from + title.length : from + a[1].length,
        firstLine: line,
      });
      paragraph = undefined;
      continue;
    }
    const trimmed = text.trim();
    // Blank lines, indented code, list items, quotes and tables do not underline into headings.
    if (
      !trimmed ||
      /^( {4}|\t)/.test(text) ||
      /^([-*+]|\d+[.)])\s/.test(trimmed) ||
      trimmed.startsWith('>') ||
      trimmed.startsWith('|')
    )
      paragraph = undefined;
    else if (!paragraph) {
      const from = text.length - text.trimStart().length;
      paragraph = { line, text: trimmed, from, to: from + trimmed.length };
    }
  }
  return out;
}

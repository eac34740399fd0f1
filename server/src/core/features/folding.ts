import type { SpanTable } from '../yaml';
import type { TaxonomyFile } from '../taxonomyFile';

/** A range of lines an editor can fold: from `startLine` (stays visible) to `endLine`. */
export interface FoldingRangeEntry {
  startLine: number;
  endLine: number;
  /** `comment` for a block of comment lines; undefined for mappings, lists and block scalars. */
  kind?: 'comment';
}

/** Offsets of block scalars (`|`, `>`), whose lines are text even when they start with `#`. */
type Intervals = number[];

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** The last offset before `end` that is not whitespace (or `start` when there is none). */
function trimmedEnd(text: string, start: number, end: number): number {
  let e = Math.min(end, text.length);
  while (e > start && isSpace(text.charCodeAt(e - 1))) e--;
  return e;
}

/**
 * Folds over the spans the parser already recorded (no second parse): every value that spans
 * lines folds from the line of its key (or of its list dash) to its last written line, so a
 * mapping, a list, a list item and a block scalar each fold; a run of two or more comment lines
 * folds as a comment. One pass over the spans and one over the lines, with a line lookup per
 * span: linear in the file, whatever its size. `limit` caps the answer (an editor's
 * `rangeLimit`): the outermost ranges are kept, which are the ones listed first.
 */
export function foldingRanges(file: TaxonomyFile, limit = Number.MAX_SAFE_INTEGER): FoldingRangeEntry[] {
  if (!file.yaml) return [];
  const { text, lines } = file;
  // Per start line, the farthest end: a key, its list value and the value's first item may all
  // start on one line, and an editor folds one range per start line.
  const endByStart = new Map<number, number>();
  const blockScalars: Intervals = [];
  for (const doc of file.yaml.docs) collectSpans(doc.spans, text, lines, endByStart, blockScalars);
  const out: FoldingRangeEntry[] = [];
  for (const [startLine, endLine] of endByStart) if (endLine > startLine) out.push({ startLine, endLine });
  out.push(...commentBlocks(file, blockScalars));
  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return out.length > limit ? out.slice(0, limit) : out;
}

function collectSpans(
  spans: SpanTable,
  text: string,
  lines: TaxonomyFile['lines'],
  endByStart: Map<number, number>,
  blockScalars: Intervals,
): void {
  // The document's root mapping folds nothing useful: its first key would hide the whole file.
  const root = spans.slotOf('');
  for (let slot = 0; slot < spans.size; slot++) {
    const start = spans.startAt(slot);
    const end = spans.endAt(slot);
    if (end - start < 2 || slot === root) continue;
    const span = spans.at(slot);
    if (span.scalarType === 'BLOCK_LITERAL' || span.scalarType === 'BLOCK_FOLDED') blockScalars.push(start, end);
    const last = trimmedEnd(text, start, end);
    const startLine = lines.positionAt(span.keyStart ?? start).line;
    const endLine = lines.positionAt(last).line;
    if (endLine <= startLine) continue;
    const known = endByStart.get(startLine);
    if (known === undefined || known < endLine) endByStart.set(startLine, endLine);
  }
}

/** Runs of two or more lines holding only a comment, outside block scalars. */
function commentBlocks(file: TaxonomyFile, blockScalars: Intervals): FoldingRangeEntry[] {
  const out: FoldingRangeEntry[] = [];
  const { text } = file;
  // Block scalars come in document order, so one moving index finds the one around an offset.
  const pairs: [number, number][] = [];
  for (let i = 0; i < blockScalars.length; i += 2) pairs.push([blockScalars[i], blockScalars[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  let b = 0;
  let runStart = -1;
  let runEnd = -1;
  let line = 0;
  for (let offset = 0; offset <= text.length; line++) {
    let next = text.indexOf('\n', offset);
    if (next < 0) next = text.length;
    let i = offset;
    while (i < next && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    while (b < pairs.length && pairs[b][1] <= i) b++;
    const inBlock = b < pairs.length && pairs[b][0] <= i && i < pairs[b][1];
    const isComment = !inBlock && text.charCodeAt(i) === 35;
    if (isComment) {
      if (runStart < 0) runStart = line;
      runEnd = line;
    } else if (runStart >= 0) {
      if (runEnd > runStart) out.push({ startLine: runStart, endLine: runEnd, kind: 'comment' });
      runStart = -1;
    }
    offset = next + 1;
  }
  if (runStart >= 0 && runEnd > runStart) out.push({ startLine: runStart, endLine: runEnd, kind: 'comment' });
  return out;
}

import { isScalar, parseDocument, type Scalar } from 'yaml';
import { doubleQuoted, escapeDouble, escapeSingle, foldPlain, isPlainSafe, scalarText } from './scalar';
import { editDocOf, hasTag, scalarAt, verifyEdit, type EditDoc, type NodeLocation, type OffsetEdit } from './document';

/** A scalar found for an edit, with its source. */
interface ScalarSite {
  ed: EditDoc;
  loc: NodeLocation;
  node: Scalar;
  start: number;
  /** Where the scalar's value ends (a block scalar's range ends after its last line break). */
  end: number;
  source: string;
}

/**
 * The scalar value whose source starts at `start`, if it is safe to edit: reached without an
 * alias, with no tag, and not a key.
 */
function siteAt(text: string, start: number): ScalarSite | undefined {
  const ed = editDocOf(text);
  const loc = ed && scalarAt(ed, start);
  if (!ed || !loc || loc.isKey || !isScalar(loc.node) || hasTag(loc.node)) return undefined;
  const node = loc.node;
  const [s, e] = node.range!;
  return { ed, loc, node, start: s, end: e, source: text.slice(s, e) };
}

/** Sets a scalar's value in the old parse while an edit is proved. */
function setValue(node: Scalar, value: unknown): () => () => void {
  return () => {
    const saved = node.value;
    node.value = value;
    return () => {
      node.value = saved;
    };
  };
}

/** The first candidate edit that the parse proves. */
function firstProved(site: ScalarSite, value: string, candidates: (OffsetEdit | undefined)[]): OffsetEdit | undefined {
  const seen = new Set<string>();
  for (const c of candidates) {
    if (!c) continue;
    const k = `${c.start}:${c.end}:${c.newText}`;
    if (seen.has(k)) continue;
    seen.add(k);
    if (verifyEdit(site.ed, c, setValue(site.node, value))) return c;
  }
  return undefined;
}

/**
 * An edit that makes the scalar starting at `start` read as exactly `value`. The scalar keeps
 * its quote style: inside quotes only the text between them changes (escaped as that style
 * needs); a plain scalar stays plain when `value` reads back the same plain, else it is
 * written quoted; a one-line block scalar has its line replaced. Undefined when the scalar
 * cannot be edited safely (reached through an alias, tagged, a key) or no edit proves right.
 */
export function setScalarEdit(text: string, start: number, value: string): OffsetEdit | undefined {
  const site = siteAt(text, start);
  if (!site) return undefined;
  const { node, source } = site;
  const context = site.loc.inFlow ? 'flow' : 'block';
  const whole = (newText: string): OffsetEdit => ({ start: site.start, end: site.end, newText });
  const inside = (newText: string): OffsetEdit => ({ start: site.start + 1, end: site.end - 1, newText });
  const oneLine = !/[\r\n]/.test(source);
  switch (node.type) {
    case 'QUOTE_DOUBLE':
      return firstProved(site, value, [oneLine ? inside(escapeDouble(value)) : undefined, whole(doubleQuoted(value))]);
    case 'QUOTE_SINGLE': {
      const single = escapeSingle(value);
      return firstProved(site, value, [
        oneLine && single !== undefined ? inside(single) : undefined,
        whole(scalarText(value, context, 'single')),
      ]);
    }
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      // Only a block scalar of one content line, replaced by one line that needs no quoting.
      const old = typeof node.value === 'string' ? node.value.replace(/\n+$/, '') : undefined;
      const nl = source.search(/\r?\n/);
      if (old === undefined || old.includes('\n') || nl < 0 || /[\r\n]/.test(value) || !isPlainSafe(value, 'block'))
        return undefined;
      const at = source.indexOf(old, nl);
      if (at < 0 || old === '') return undefined;
      return firstProved(site, value, [{ start: site.start + at, end: site.start + at + old.length, newText: value }]);
    }
    default:
      return firstProved(site, value, [whole(scalarText(value, context)), whole(doubleQuoted(value))]);
  }
}

/** The value of a quoted or block scalar's source read on its own (not where it is written). */
function standaloneValue(source: string, type: string | undefined): string | undefined {
  try {
    const doc = parseDocument(type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED' ? `k: ${source}` : source, {
      prettyErrors: false,
    });
    if (doc.errors.length) return undefined;
    const v: unknown =
      type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED'
        ? (doc.toJS() as Record<string, unknown> | null)?.k
        : doc.toJS();
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An edit that replaces the source text `from`..`to` inside the scalar starting at
 * `scalarStart` by the words `replacement`, such that the whole scalar reads back as its old
 * value with those words replaced. Inside quotes the words are escaped as the quote style
 * needs; block scalars take them as they are. When the plain scalar would read otherwise with
 * the words in it (`Customers #1`, `[Beta] cohort` at the start, `Segment: key accounts`), the
 * whole scalar is written again, quoted. Undefined when no edit proves right.
 */
export function replaceInScalarEdit(
  text: string,
  scalarStart: number,
  from: number,
  to: number,
  replacement: string,
): OffsetEdit | undefined {
  const site = siteAt(text, scalarStart);
  if (!site || typeof site.node.value !== 'string' || from < site.start || to > site.end || from > to) return undefined;
  const { node, source } = site;
  const type = node.type;
  const a = from - site.start;
  const b = to - site.start;
  if (type === 'PLAIN') {
    // The plain value is its source folded; if that does not hold, the offsets cannot be trusted.
    if (foldPlain(source) !== node.value) return undefined;
    const intended = foldPlain(source.slice(0, a) + replacement + source.slice(b));
    const context = site.loc.inFlow ? 'flow' : 'block';
    return firstProved(site, intended, [
      { start: from, end: to, newText: replacement },
      { start: site.start, end: site.end, newText: scalarText(intended, context) },
    ]);
  }
  let written: string | undefined = replacement;
  if (type === 'QUOTE_DOUBLE') written = escapeDouble(replacement);
  else if (type === 'QUOTE_SINGLE') written = escapeSingle(replacement);
  else if (/[\r\n]/.test(replacement)) written = undefined;
  if (written === undefined) return undefined;
  const edited = source.slice(0, a) + written + source.slice(b);
  if (standaloneValue(source, type) !== node.value) return undefined;
  const intended = standaloneValue(edited, type);
  if (intended === undefined) return undefined;
  const candidates: OffsetEdit[] = [{ start: from, end: to, newText: written }];
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE')
    candidates.push({ start: site.start, end: site.end, newText: doubleQuoted(intended) });
  return firstProved(site, intended, candidates);
}

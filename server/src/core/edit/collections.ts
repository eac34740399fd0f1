import { isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLSeq, type Node, type YAMLMap } from 'yaml';
import { scalarText, type ScalarContext } from './scalar';
import {
  contentEndBefore,
  editDocOf,
  eolOf,
  hasTag,
  lineEndAt,
  lineStartAt,
  nodeAtPointer,
  verifyEdit,
  type EditDoc,
  type OffsetEdit,
} from './document';

/** A value to write: one string, or a list of strings (written as a flow list `[a, b]`). */
export type EntryValue = string | readonly string[];

function valueText(v: EntryValue, context: ScalarContext): string {
  return typeof v === 'string' ? scalarText(v, context) : `[${v.map((x) => scalarText(x, 'flow')).join(', ')}]`;
}

function valueNode(v: EntryValue): Node {
  if (typeof v === 'string') return new Scalar(v);
  const seq = new YAMLSeq();
  for (const x of v) seq.items.push(new Scalar(x));
  return seq;
}

const keyIs = (p: Pair, key: string) => isScalar(p.key) && String(p.key.value) === key;

/** Where a pair ends in the source: after its value, or after its key when the value is empty. */
function pairEnd(pair: Pair): number | undefined {
  const v = pair.value as Node | null;
  if (v?.range && v.range[1] > v.range[0]) return v.range[1];
  const k = pair.key as Node | null;
  return k?.range ? Math.max(k.range[1], v?.range?.[1] ?? 0) : undefined;
}

/** The column of an offset, a byte order mark not counted. */
function columnOf(text: string, offset: number): number {
  return text.slice(lineStartAt(text, offset), offset).replace(/\ufeff/g, '').length;
}

/** The offset right after `[` or `{` opening a flow collection at `start`, or undefined. */
function afterOpen(text: string, start: number, open: string): number | undefined {
  return text[start] === open ? start + 1 : undefined;
}

/** The first offset at or after `i` that is neither white space nor inside a comment. */
function skipBlanksAndComments(text: string, i: number): number {
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text[i] !== '#') return i;
    i = lineEndAt(text, i);
  }
}

function proved(ed: EditDoc, edit: OffsetEdit | undefined, mutate: () => () => void): OffsetEdit | undefined {
  return edit && verifyEdit(ed, edit, mutate) ? edit : undefined;
}

/**
 * An edit that adds `key: value` to the mapping at `mapPointer`, right after the entry `after`
 * (or after the last entry): a new line at the keys' indentation in a block mapping, after the
 * last line of that entry's value (which may be a block scalar or nested); `, key: value` in a
 * flow mapping, one-line or not. Undefined when the key is there already, the mapping is
 * reached through an alias or tagged, or no edit proves right.
 */
export function addMapEntryEdit(
  text: string,
  docIndex: number,
  mapPointer: string,
  key: string,
  value: EntryValue,
  after?: string,
): OffsetEdit | undefined {
  const ed = editDocOf(text);
  if (!ed) return undefined;
  const target = nodeAtPointer(ed, docIndex, mapPointer);
  if (!('found' in target)) return undefined;
  const map = target.found.node;
  if (!isMap(map) || hasTag(map) || !map.range || map.items.some((p) => keyIs(p, key))) return undefined;
  return proved(ed, mapEntryEdit(text, map, key, value, after), () => {
    map.items.push(new Pair(new Scalar(key), valueNode(value)));
    return () => void map.items.pop();
  });
}

function mapEntryEdit(
  text: string,
  map: YAMLMap,
  key: string,
  value: EntryValue,
  after: string | undefined,
): OffsetEdit | undefined {
  const anchor =
    (after !== undefined ? map.items.find((p) => keyIs(p, after)) : undefined) ?? map.items[map.items.length - 1];
  if (map.flow) {
    const entry = `${scalarText(key, 'flow')}: ${valueText(value, 'flow')}`;
    if (!anchor) {
      const at = afterOpen(text, map.range![0], '{');
      return at === undefined ? undefined : { start: at, end: at, newText: entry };
    }
    const end = pairEnd(anchor);
    return end === undefined ? undefined : { start: end, end, newText: `, ${entry}` };
  }
  const first = map.items[0]?.key as Node | null;
  const end = anchor && pairEnd(anchor);
  if (!first?.range || end === undefined) return undefined;
  const keyStart = (anchor.key as Node).range![0];
  const at = lineEndAt(text, contentEndBefore(text, end, keyStart));
  return {
    start: at,
    end: at,
    newText: `${eolOf(text)}${' '.repeat(columnOf(text, first.range[0]))}${scalarText(key, 'block')}: ${valueText(value, 'block')}`,
  };
}

/**
 * An edit that adds `value` to the list at `pointer`, written the way the list already is:
 * inside `[...]` for a flow list (after a trailing comma, before a comment), as a new `- value`
 * line for a block list, as a list of two for a single value, as `[value]` for an empty value
 * (`key:`, `key: # comment`, `key: ~`). When the key is missing, `key: [value]` is added after
 * the entry `afterWhenMissing` of the parent mapping. Undefined when the list is reached
 * through an alias, tagged, or no edit proves right.
 */
export function addListItemEdit(
  text: string,
  docIndex: number,
  pointer: string,
  value: string,
  afterWhenMissing?: string,
): OffsetEdit | undefined {
  const ed = editDocOf(text);
  if (!ed) return undefined;
  const target = nodeAtPointer(ed, docIndex, pointer);
  if ('refused' in target) return undefined;
  if ('missing' in target)
    return addMapEntryEdit(
      text,
      docIndex,
      pointer.slice(0, pointer.lastIndexOf('/')),
      target.missing,
      [value],
      afterWhenMissing,
    );
  const { node, pair } = target.found;
  if (hasTag(node) || !node.range) return undefined;
  const [start, end] = node.range;
  if (isSeq(node)) {
    const push = () => {
      node.items.push(new Scalar(value));
      return () => void node.items.pop();
    };
    const last = node.items[node.items.length - 1] as Node | Pair | undefined;
    if (node.flow) {
      const item = scalarText(value, 'flow');
      if (!last) {
        const at = afterOpen(text, start, '[');
        return proved(ed, at === undefined ? undefined : { start: at, end: at, newText: item }, push);
      }
      if (isPair(last) || !last.range) return undefined;
      const lastEnd = last.range[1];
      const next = skipBlanksAndComments(text, lastEnd);
      if (text[next] === ',') {
        // `[a, ]` becomes `[a, b]`: the blanks before a bracket on the same line give way.
        let close = next + 1;
        while (text[close] === ' ' || text[close] === '\t') close++;
        const end = text[close] === ']' ? close : next + 1;
        return proved(ed, { start: next + 1, end, newText: ` ${item}` }, push);
      }
      return proved(ed, { start: lastEnd, end: lastEnd, newText: `, ${item}` }, push);
    }
    const at = lineEndAt(text, contentEndBefore(text, end, start));
    return proved(
      ed,
      {
        start: at,
        end: at,
        newText: `${eolOf(text)}${' '.repeat(columnOf(text, start))}- ${scalarText(value, 'block')}`,
      },
      push,
    );
  }
  if (!isScalar(node) || !pair || isMap(node)) return undefined;
  const replace = (items: string[]) => () => {
    const saved = pair.value;
    pair.value = valueNode(items);
    return () => {
      pair.value = saved;
    };
  };
  const item = scalarText(value, 'flow');
  if (node.value === null) {
    if (end > start) return proved(ed, { start, end, newText: `[${item}]` }, replace([value]));
    // `key:` or `key: # comment`: the list goes right after the colon.
    const k = pair.key as Node | null;
    if (!k?.range) return undefined;
    let colon = k.range[1];
    while (text[colon] === ' ' || text[colon] === '\t') colon++;
    if (text[colon] !== ':') return undefined;
    return proved(ed, { start: colon + 1, end: colon + 1, newText: ` [${item}]` }, replace([value]));
  }
  if (
    typeof node.value !== 'string' ||
    (node.type !== 'PLAIN' && node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE')
  )
    return undefined;
  const old = node.type === 'PLAIN' ? scalarText(node.value, 'flow') : text.slice(start, end);
  if (/[\r\n]/.test(old)) return undefined;
  return proved(ed, { start, end, newText: `[${old}, ${item}]` }, replace([node.value, value]));
}

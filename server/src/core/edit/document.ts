import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { pointerSegments } from '../yaml';
export { eolOf, lineEndAt, lineStartAt } from '../lineIndex';

/**
 * The `yaml` package's view of one text, for building edits: node ranges, flow or block style,
 * anchors, aliases and tags. The fast parser (fastParse.ts) keeps none of this, and edits are
 * built only when a fix is asked for, so the one file being edited is parsed again here.
 */
export interface EditDoc {
  text: string;
  docs: Document.Parsed[];
}

/** A replacement of `text.slice(start, end)` by `text`, in offsets. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** Parsed as parse.ts parses, so a file reads the same here and there. */
const OPTIONS = { uniqueKeys: false, prettyErrors: false, strict: true, logLevel: 'error' } as const;

/** The last texts parsed for edits: the fixes of one request read the same one or two files. */
const recent: EditDoc[] = [];
const RECENT = 4;

/** The parse of a text for edits, or undefined when it cannot be parsed at all. */
export function editDocOf(text: string): EditDoc | undefined {
  for (let i = 0; i < recent.length; i++) {
    if (recent[i].text === text) {
      const hit = recent[i];
      if (i > 0) {
        recent.splice(i, 1);
        recent.unshift(hit);
      }
      return hit;
    }
  }
  const docs = parseDocs(text);
  if (!docs) return undefined;
  const ed = { text, docs };
  recent.unshift(ed);
  if (recent.length > RECENT) recent.pop();
  return ed;
}

function parseDocs(text: string): Document.Parsed[] | undefined {
  try {
    const docs = parseAllDocuments(text, OPTIONS);
    return Array.isArray(docs) ? docs : [];
  } catch {
    return undefined;
  }
}

/** A node found for an edit, with what its neighbourhood says about how to write it. */
export interface NodeLocation {
  docIndex: number;
  node: Node;
  /** The collection holding the node, if any. */
  parent?: YAMLMap | YAMLSeq;
  /** The pair when the node is a mapping key or value. */
  pair?: Pair;
  isKey: boolean;
  /** True inside a flow collection (`[...]`, `{...}`), where `,[]{}` end a plain scalar. */
  inFlow: boolean;
}

/** The scalar whose source starts at `offset`, found without passing through an alias. */
export function scalarAt(ed: EditDoc, offset: number): NodeLocation | undefined {
  for (let i = 0; i < ed.docs.length; i++) {
    const doc = ed.docs[i];
    const [s, , e] = doc.range;
    if (offset < s || offset > e) continue;
    const found = find(doc.contents, offset, i, undefined, undefined, false, false);
    if (found) return found;
  }
  return undefined;
}

function find(
  node: Node | null,
  offset: number,
  docIndex: number,
  parent: YAMLMap | YAMLSeq | undefined,
  pair: Pair | undefined,
  isKey: boolean,
  inFlow: boolean,
): NodeLocation | undefined {
  if (!node || !node.range) return undefined;
  const [s, , e] = node.range;
  if (offset < s || offset > e) return undefined;
  if (isScalar(node)) return s === offset ? { docIndex, node, parent, pair, isKey, inFlow } : undefined;
  if (isMap(node)) {
    const flow = inFlow || !!node.flow;
    for (const p of node.items) {
      const k = find(p.key as Node | null, offset, docIndex, node, p, true, flow);
      if (k) return k;
      const v = find(p.value as Node | null, offset, docIndex, node, p, false, flow);
      if (v) return v;
    }
  } else if (isSeq(node)) {
    const flow = inFlow || !!node.flow;
    for (const item of node.items) {
      // A pair in a sequence (`[a: b]`) is an implicit one-pair mapping.
      if (isPair(item)) {
        const v = find(item.value as Node | null, offset, docIndex, node, item, false, flow);
        if (v) return v;
      } else {
        const v = find(item as Node | null, offset, docIndex, node, undefined, false, flow);
        if (v) return v;
      }
    }
  }
  return undefined;
}

/** What a JSON pointer leads to: a node, a key missing from a mapping, or nothing safe to edit. */
export type PointerTarget = { found: NodeLocation } | { missing: string; map: NodeLocation } | { refused: string };

/** Follows a JSON pointer through one document, refusing to pass through an alias. */
export function nodeAtPointer(ed: EditDoc, docIndex: number, pointer: string): PointerTarget {
  const doc = ed.docs[docIndex];
  if (!doc) return { refused: 'no such document' };
  const segs = pointerSegments(pointer);
  let loc: NodeLocation = { docIndex, node: doc.contents as Node, isKey: false, inFlow: false };
  for (let i = 0; i < segs.length; i++) {
    const node = loc.node;
    if (!node || isAlias(node)) return { refused: 'reached through an alias' };
    const inFlow = loc.inFlow || (isCollection(node) && !!node.flow);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segs[i]);
      if (!pair) return i === segs.length - 1 ? { missing: segs[i], map: loc } : { refused: 'missing' };
      if (!pair.value) return { refused: 'a key without a value node' };
      loc = { docIndex, node: pair.value as Node, parent: node, pair, isKey: false, inFlow };
    } else if (isSeq(node)) {
      const item = node.items[Number(segs[i])];
      if (!/^\d+$/.test(segs[i]) || !item || isPair(item)) return { refused: 'not a list item' };
      loc = { docIndex, node: item as Node, parent: node, isKey: false, inFlow };
    } else return { refused: 'not a collection' };
  }
  if (!loc.node || isAlias(loc.node)) return { refused: 'reached through an alias' };
  return { found: loc };
}

/** True when a node carries an explicit tag (`!!str`, `!custom`): its text is not all it says. */
export function hasTag(node: Node): boolean {
  return typeof (node as { tag?: string }).tag === 'string';
}

/** The text with one edit applied. */
function applyEdit(text: string, edit: OffsetEdit): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

/**
 * Proves an edit before it is offered: the edited text parses with no new problem, and every
 * document reads exactly as the old one does after `mutate` (applied to the old parse, and
 * undone by the function it returns) — the value meant changes, nothing else does. Aliases of
 * a changed anchor change with it, as they will in the edited file.
 */
export function verifyEdit(ed: EditDoc, edit: OffsetEdit, mutate: () => () => void): boolean {
  const after = parseDocs(applyEdit(ed.text, edit));
  if (!after || after.length !== ed.docs.length) return false;
  const undo = mutate();
  try {
    for (let i = 0; i < after.length; i++) {
      if (after[i].errors.length > ed.docs[i].errors.length || after[i].warnings.length > ed.docs[i].warnings.length)
        return false;
      if (!sameValue(toJS(ed.docs[i]), toJS(after[i]))) return false;
    }
    return true;
  } catch {
    return false;
  } finally {
    undo();
  }
}

function toJS(doc: Document.Parsed): unknown {
  return doc.toJS({ maxAliasCount: 1000 });
}

/** Deep equality of plain values, where the key order of a mapping does not matter. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameValue(x, bb[i]));
  }
  if (a instanceof Map || b instanceof Map) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.prototype.hasOwnProperty.call(b, k) &&
      sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** The offset just after the last character before `end` that is not white space. */
export function contentEndBefore(text: string, end: number, floor = 0): number {
  let i = end;
  while (i > floor && /\s/.test(text[i - 1])) i--;
  return i;
}

import { forEachRawToken, GLUE, isWholeWords, labelPath, tokenKey } from './normalise';

/** What the matcher needs of a label; callers attach whatever else they want to get back. */
export interface MatchLabel {
  /** The label as written in the glossary. */
  label: string;
}

/** One occurrence of a label in a text. */
export interface TermMatch<L extends MatchLabel = MatchLabel> {
  /** Offsets of the occurrence in the scanned text (first character, one past the last). */
  start: number;
  end: number;
  /** The occurrence as written, line breaks and extra spaces included. */
  text: string;
  /** Every label that reads the same (case and plural aside); usually one. */
  labels: readonly L[];
}

interface TrieNode<L> {
  /** The ids of the next token's key (see `TermMatcher.ids`) that lead on, beside `kids`. */
  ids: number[] | undefined;
  kids: TrieNode<L>[] | undefined;
  /** The same children by id, once a node has many (a short list is faster to search). */
  byId: Map<number, TrieNode<L>> | undefined;
  /** Bit `id % 32` is set for the id of every child: a word whose bit is clear cannot lead on. */
  mask: number;
  /** Labels that end at this node. */
  labels: L[] | undefined;
}

const node = <L>(): TrieNode<L> => ({ ids: undefined, kids: undefined, byId: undefined, mask: 0, labels: undefined });

/** Above this many children a node also indexes them in a map. */
const LIST_MAX = 8;

function child<L>(n: TrieNode<L>, id: number): TrieNode<L> | undefined {
  if (n.byId) return n.byId.get(id);
  const ids = n.ids;
  if (ids) for (let k = 0; k < ids.length; k++) if (ids[k] === id) return n.kids![k];
  return undefined;
}

function addChild<L>(n: TrieNode<L>, id: number): TrieNode<L> {
  const c = node<L>();
  (n.ids ??= []).push(id);
  (n.kids ??= []).push(c);
  n.mask |= 1 << (id & 31);
  if (n.byId) n.byId.set(id, c);
  else if (n.ids.length > LIST_MAX) n.byId = new Map(n.ids.map((x, k) => [x, n.kids![k]]));
  return c;
}

/** What the matcher knows of one written token: the ids of its key alone and glued. */
interface TokenIds<L> {
  /** The id of the token's key, or -1 when no label has that word there. */
  id: number;
  /** The id of the key as a glued token (written with no space before it), or -1. */
  gluedId: number;
  /** The trie node of labels that start with this token, if any. */
  root: TrieNode<L> | undefined;
  /**
   * 0 when no label starts with the token, -1 when one is the token alone, else its root's
   * `mask` (a mask of all 32 bits reads as -1 too, which only means "always look").
   */
  start: number;
}

const NO_IDS: TokenIds<never> = { id: -1, gluedId: -1, root: undefined, start: 0 };

/** How many distinct written tokens a matcher remembers before starting afresh. */
const TOKEN_CACHE = 50_000;

/**
 * Finds glossary labels in free text.
 *
 * The labels are compiled once into a trie over normalised tokens (see `normalise.ts`), whose
 * edges are small integers: every distinct token key of every label gets an id. Scanning walks
 * the text's tokens once; each written token is looked up once (and remembered, as prose repeats
 * its words), and from each token the trie is followed at most as deep as the longest label. So
 * the cost is linear in the text and does not depend on how many labels the glossary has: 200
 * labels or 20,000 cost the same per word of text (see bench/matcher.ts).
 *
 * Matching is case-insensitive and plural-insensitive, whole words only, across any whitespace
 * (line breaks included); where labels overlap, the leftmost occurrence wins, then the longest
 * ("customer journey map" over "customer journey").
 */
export class TermMatcher<L extends MatchLabel = MatchLabel> {
  /** Token key (with the glue mark for glued tokens) -> id. */
  private readonly ids = new Map<string, number>();
  /** The trie's first level, by token id. */
  private readonly roots: (TrieNode<L> | undefined)[] = [];
  /** Written token -> its ids; filled while scanning. */
  private readonly seen = new Map<string, TokenIds<L>>();
  private depth = 0;
  private longestLabel = 0;
  private count = 0;

  private constructor() {}

  /** Compiles labels into a matcher. Labels with no words (empty, only spaces) are skipped. */
  static build<L extends MatchLabel>(labels: Iterable<L>): TermMatcher<L> {
    const m = new TermMatcher<L>();
    for (const l of labels) m.add(l);
    return m;
  }

  /** A matcher that finds nothing, for workspaces without a glossary. */
  static empty<L extends MatchLabel = MatchLabel>(): TermMatcher<L> {
    return new TermMatcher<L>();
  }

  private idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }

  private add(l: L): void {
    const path = labelPath(l.label);
    if (path.length === 0) return;
    const first = this.idOf(path[0]);
    let n = this.roots[first];
    if (!n) {
      n = node();
      this.roots[first] = n;
    }
    for (let k = 1; k < path.length; k++) {
      const id = this.idOf(path[k]);
      n = child(n, id) ?? addChild(n, id);
    }
    (n.labels ??= []).push(l);
    this.depth = Math.max(this.depth, path.length);
    this.longestLabel = Math.max(this.longestLabel, l.label.length);
    this.count++;
  }

  /** The ids of a written token, looked up once per distinct token. */
  private idsOf(raw: string, isWord: boolean): TokenIds<L> {
    let t = this.seen.get(raw);
    if (t === undefined) {
      const key = tokenKey(raw, isWord);
      const id = this.ids.get(key);
      const gluedId = this.ids.get(GLUE + key);
      const root = id === undefined ? undefined : this.roots[id];
      const start = root === undefined ? 0 : root.labels !== undefined ? -1 : root.mask;
      t = id === undefined && gluedId === undefined ? NO_IDS : { id: id ?? -1, gluedId: gluedId ?? -1, root, start };
      if (this.seen.size >= TOKEN_CACHE) this.seen.clear();
      this.seen.set(raw, t);
    }
    return t;
  }

  /** How many labels were compiled. */
  get size(): number {
    return this.count;
  }

  /**
   * Every occurrence of a label in `text`, in order, without overlaps. `from`/`to` limit the
   * scan to a slice of the text; offsets stay those of the whole text.
   */
  findAll(text: string, from = 0, to = text.length): TermMatch<L>[] {
    const out: TermMatch<L>[] = [];
    if (this.count === 0) return out;
    const starts: number[] = [];
    const ends: number[] = [];
    /** The id each token has at its place: its glued id when written glued, else its own. */
    const ids: number[] = [];
    /** The trie node where labels starting at each token begin (glue before a first word does not count). */
    const firstNodes: (TrieNode<L> | undefined)[] = [];
    /** Each token's `start` (see `TokenIds`): whether a label can start there. */
    const startMasks: number[] = [];
    forEachRawToken(
      text,
      (start, end, isWord, glued) => {
        const t = this.idsOf(text.slice(start, end), isWord);
        starts.push(start);
        ends.push(end);
        ids.push(glued ? t.gluedId : t.id);
        firstNodes.push(t.root);
        startMasks.push(t.start);
      },
      from,
      to,
    );
    const n = starts.length;
    let i = 0;
    while (i < n) {
      // Most words start no label, and most that do are not followed by the label's next word:
      // both are settled here without a call.
      const mask = startMasks[i];
      if (mask === 0 || (mask !== -1 && (i + 1 >= n || ids[i + 1] < 0 || ((mask >>> (ids[i + 1] & 31)) & 1) === 0))) {
        i++;
        continue;
      }
      const last = this.longestAt(text, starts, ends, ids, firstNodes, i);
      if (last >= 0) {
        const start = starts[i];
        const end = ends[last];
        out.push({ start, end, text: text.slice(start, end), labels: this.found! });
        i = last + 1;
      } else i++;
    }
    return out;
  }

  /**
   * The occurrence that covers `offset` (or ends right at it, as when the cursor sits after a
   * word), or undefined. Only a window around the offset is scanned, so a hover in a long
   * document costs the same as in a short one.
   */
  termAt(text: string, offset: number): TermMatch<L> | undefined {
    if (this.count === 0) return undefined;
    const reach = Math.max(256, this.longestLabel * 4);
    let from = Math.max(0, offset - reach);
    // Start at a whitespace so the window never begins in the middle of a word.
    while (from > 0 && !/\s/.test(text[from - 1])) from--;
    let to = Math.min(text.length, offset + reach);
    while (to < text.length && !/\s/.test(text[to])) to++;
    let touching: TermMatch<L> | undefined;
    for (const m of this.findAll(text, from, to)) {
      if (m.start <= offset && offset < m.end) return m;
      if (m.end === offset) touching = m;
      if (m.start > offset) break;
    }
    return touching;
  }

  /** The labels of the last `longestAt` hit (kept in a field to spare an allocation per token). */
  private found: L[] | undefined;

  /** The last token of the longest whole-word label starting at token `i`, or -1. */
  private longestAt(
    text: string,
    starts: number[],
    ends: number[],
    ids: number[],
    firstNodes: (TrieNode<L> | undefined)[],
    i: number,
  ): number {
    let n = firstNodes[i];
    let best = -1;
    let j = i;
    while (n) {
      if (n.labels && isWholeWords(text, starts[i], ends[j])) {
        best = j;
        this.found = n.labels;
      }
      j++;
      if (j >= ids.length || !n.ids || j - i >= this.depth) break;
      const id = ids[j];
      n = id >= 0 ? child(n, id) : undefined;
    }
    return best;
  }
}

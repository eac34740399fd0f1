import { GLUE, isWholeWords, labelPath, tokenize, type Token } from './normalise';

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
  next: Map<string, TrieNode<L>> | undefined;
  /** Labels that end at this node. */
  labels: L[] | undefined;
}

const node = <L>(): TrieNode<L> => ({ next: undefined, labels: undefined });

/**
 * Finds glossary labels in free text.
 *
 * The labels are compiled once into a trie over normalised tokens (see `normalise.ts`). Scanning
 * walks the text's tokens once; from each token it follows the trie at most as deep as the
 * longest label, so the cost is linear in the text and does not depend on how many labels the
 * glossary has: 200 labels or 20,000 cost the same per word of text.
 *
 * Matching is case-insensitive and plural-insensitive, whole words only, across any whitespace
 * (line breaks included); where labels overlap, the leftmost occurrence wins, then the longest
 * ("customer journey map" over "customer journey").
 */
export class TermMatcher<L extends MatchLabel = MatchLabel> {
  private readonly root: TrieNode<L> = node();
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

  private add(l: L): void {
    const path = labelPath(l.label);
    if (path.length === 0) return;
    let n = this.root;
    for (const key of path) {
      n.next ??= new Map();
      let child = n.next.get(key);
      if (!child) {
        child = node();
        n.next.set(key, child);
      }
      n = child;
    }
    (n.labels ??= []).push(l);
    this.depth = Math.max(this.depth, path.length);
    this.longestLabel = Math.max(this.longestLabel, l.label.length);
    this.count++;
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
    const tokens = tokenize(text, from, to);
    let i = 0;
    while (i < tokens.length) {
      const hit = this.longestAt(text, tokens, i);
      if (hit) {
        const start = tokens[i].start;
        const end = tokens[hit.last].end;
        out.push({ start, end, text: text.slice(start, end), labels: hit.labels });
        i = hit.last + 1;
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

  /** The longest whole-word label starting at token `i`, if any. */
  private longestAt(text: string, tokens: readonly Token[], i: number): { last: number; labels: L[] } | undefined {
    let n = this.root.next?.get(tokens[i].key);
    let best: { last: number; labels: L[] } | undefined;
    let j = i;
    while (n) {
      if (n.labels && isWholeWords(text, tokens[i].start, tokens[j].end)) best = { last: j, labels: n.labels };
      j++;
      if (j >= tokens.length || !n.next || j - i >= this.depth) break;
      const t = tokens[j];
      n = n.next.get(t.glued ? GLUE + t.key : t.key);
    }
    return best;
  }
}

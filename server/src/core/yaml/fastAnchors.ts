import { bail } from './fastFallback';
import { isKeyChar } from './fastLines';
import type { ParseLimits } from './types';

/** An anchor (`&name`) whose node is being read: its name, where its value starts, the counters when it opened. */
export interface OpenAnchor {
  name: string;
  next: number;
  expansion: number;
  aliases: number;
}

/** A node read under an anchor, with what the full parse counts when an alias expands it. */
interface Anchored {
  value: unknown;
  /** The full parse's `sizeOf` of the node: its values, map entries once more, and 1 per alias inside plus its target's. */
  size: number;
  /** What expanding the aliases inside the node adds to the expansion total. */
  cost: number;
  /** Alias nodes inside, each with those inside its target (`size` counts them). */
  aliases: number;
  /** Nesting of the plain value (0 for a scalar). */
  height: number;
}

/**
 * The anchors and aliases of one document as the fast path reads them: an alias gives a copy of
 * its anchored node's value, exactly as fullParse.ts expands it, and adds to the same expansion
 * total. Only the plain cases are read; the rest falls back to the full parse: an anchor named
 * twice, an alias before its anchor or inside the node it names (a cycle), an anchor on an empty
 * value, on an alias or with a tag, names of other characters than a key's, a total past
 * `maxAliasExpansion` (the full parse reports it) and expansions that come near `maxDepth`.
 */
export class FastAnchors {
  /** Read anchors by name; undefined while the anchored node is still being read. */
  readonly #known = new Map<string, Anchored | undefined>();
  /** The full parse's alias expansion total so far. */
  #expansion = 0;
  /** Alias nodes met so far, each with the ones inside its target. */
  #aliases = 0;

  constructor(private readonly limits: ParseLimits) {}

  /**
   * `&name` at `i`, before a value on the same line (or, outside flow collections, a block
   * collection on the next lines: then `next` is the line end or a comment). The caller reads
   * the value from `next` and passes it to `define`.
   */
  open(t: string, i: number, le: number, inFlow: boolean): OpenAnchor {
    const end = nameEnd(t, i + 1, le);
    const name = t.slice(i + 1, end);
    if (end < le && t.charCodeAt(end) !== 32) bail();
    if (this.#known.has(name)) bail(); // Named twice: which node an alias means is the full parse's call.
    let next = end;
    while (next < le && t.charCodeAt(next) === 32) next++;
    const c = t.charCodeAt(next);
    // An anchored alias, a second anchor, a tag; in a flow collection, an empty value.
    if (c === 42 || c === 38 || c === 33) bail();
    if (inFlow && (next === le || c === 44 || c === 93 || c === 125 || c === 35)) bail();
    this.#known.set(name, undefined);
    return { name, next, expansion: this.#expansion, aliases: this.#aliases };
  }

  /** The value read under an open anchor: aliases after this give copies of it. */
  define(anchor: OpenAnchor, value: unknown): void {
    const aliases = this.#aliases - anchor.aliases;
    const shape = measure(value);
    this.#known.set(anchor.name, {
      value,
      size: shape.size + aliases,
      cost: this.#expansion - anchor.expansion,
      aliases,
      height: shape.height,
    });
  }

  /**
   * `*name` at `i` in a node at `depth` (as the full parse counts it): a copy of the anchored
   * value and where the alias ends (after its name; the caller checks what follows).
   */
  alias(t: string, i: number, le: number, inFlow: boolean, depth: number): { value: unknown; end: number } {
    const end = nameEnd(t, i + 1, le);
    const c = t.charCodeAt(end);
    if (end < le && c !== 32 && !(inFlow && (c === 44 || c === 93 || c === 125))) bail();
    const target = this.#known.get(t.slice(i + 1, end));
    if (target === undefined) bail(); // Not (yet) anchored, or an alias inside its own anchor's node.
    // The full parse adds the node's size, then expands the aliases inside it, adding theirs.
    this.#expansion += target.size + target.cost;
    if (this.#expansion > this.limits.maxAliasExpansion) bail();
    this.#aliases += 1 + target.aliases;
    // Each alias hop nests the expansion one level deeper than the plain value shows.
    if (depth + 3 + 2 * target.height >= this.limits.maxDepth) bail();
    return { value: copy(target.value), end };
  }
}

/** Where an anchor or alias name from `i` ends; names of key characters only, at least one. */
function nameEnd(t: string, i: number, le: number): number {
  let e = i;
  while (e < le && isKeyChar(t.charCodeAt(e))) e++;
  if (e === i) bail();
  return e;
}

/** The full parse's `sizeOf` of a plain value without aliases, and its nesting. */
function measure(value: unknown): { size: number; height: number } {
  if (value === null || typeof value !== 'object') return { size: 1, height: 0 };
  let size = 1;
  let height = 0;
  const entries = Array.isArray(value) ? (value as unknown[]) : Object.values(value as Record<string, unknown>);
  for (const v of entries) {
    const m = measure(v);
    size += m.size;
    height = Math.max(height, m.height);
  }
  // A mapping entry counts once more (its pair).
  if (!Array.isArray(value)) size += entries.length;
  return { size, height: height + 1 };
}

/** A fresh copy of a plain value: the full parse builds new objects for each alias. */
function copy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copy);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = copy(v);
  return out;
}

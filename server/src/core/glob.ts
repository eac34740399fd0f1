/**
 * A small glob matcher for config globs and .gitignore patterns (`**`, `*`, `?`, `{a,b}`),
 * matched against normalised relative paths. Paths that escape the root (`..`) never match, so a
 * config cannot reach outside its workspace.
 *
 * Globs come from files in the workspace, so they are hostile input: a glob such as
 * `*a*a*a*a*a*a*a*a*c` compiled to a regular expression backtracks for minutes on a long file
 * name. Globs are therefore compiled to a small automaton (Thompson's construction) and matched
 * by stepping the set of live states over the path once: the work is at most the length of the
 * path times the size of the glob, whatever the glob.
 */

/** A compiled glob. `test` has the shape of `RegExp.prototype.test`. */
export interface GlobMatcher {
  /** The glob it was compiled from. */
  readonly source: string;
  /** True when the whole path matches the glob. */
  test(path: string): boolean;
}

/** Groups nested deeper than this are read as literal braces (a guard against hostile globs). */
const MAX_GROUP_DEPTH = 32;

type Item =
  | { t: 'char'; c: string }
  /** `?`: one character other than `/`. */
  | { t: 'one' }
  /** `*`: any run of characters other than `/`. */
  | { t: 'star' }
  /** A bare `**`: anything, `/` included. */
  | { t: 'any' }
  /** `**` followed by `/`: zero or more whole folders. */
  | { t: 'dirs' }
  | { t: 'group'; alts: Item[][] };

/** Reads a glob into items; `{a,b}` groups nest, and an unclosed group ends with the glob. */
function parseGlob(g: string): Item[] {
  const top: Item[] = [];
  const frames: { alts: Item[][] }[] = [];
  const current = (): Item[] =>
    frames.length ? frames[frames.length - 1].alts[frames[frames.length - 1].alts.length - 1] : top;
  let i = 0;
  while (i < g.length) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        if (g[i + 2] === '/') {
          current().push({ t: 'dirs' });
          i += 3;
        } else {
          current().push({ t: 'any' });
          i += 2;
          // `***` is `**`; the star of a following segment (`**/*.md`) is left alone.
          while (g[i] === '*') i++;
        }
        continue;
      }
      current().push({ t: 'star' });
      while (g[i] === '*') i++;
      continue;
    }
    if (c === '?') current().push({ t: 'one' });
    else if (c === '{' && frames.length < MAX_GROUP_DEPTH) frames.push({ alts: [[]] });
    else if (c === '}' && frames.length > 0) {
      const frame = frames.pop()!;
      current().push({ t: 'group', alts: frame.alts });
    } else if (c === ',' && frames.length > 0) frames[frames.length - 1].alts.push([]);
    else current().push({ t: 'char', c });
    i++;
  }
  while (frames.length > 0) {
    const frame = frames.pop()!;
    current().push({ t: 'group', alts: frame.alts });
  }
  return top;
}

/** An automaton state: consumes one character (`char`, `one`, `any`), branches, or accepts. */
type State =
  | { t: 'char'; c: string; out: number }
  | { t: 'one'; out: number }
  | { t: 'any'; out: number }
  | { t: 'split'; outs: number[] }
  | { t: 'match' };

/** Thompson's construction, built back to front: each item is compiled with its successor known. */
function buildStates(items: Item[]): { states: State[]; start: number } {
  const states: State[] = [{ t: 'match' }];
  const add = (s: State): number => states.push(s) - 1;
  const seq = (list: Item[], next: number): number => {
    for (let k = list.length - 1; k >= 0; k--) next = item(list[k], next);
    return next;
  };
  const item = (it: Item, next: number): number => {
    switch (it.t) {
      case 'char':
        return add({ t: 'char', c: it.c, out: next });
      case 'one':
        return add({ t: 'one', out: next });
      case 'star':
      case 'any': {
        const split: State & { t: 'split' } = { t: 'split', outs: [-1, next] };
        const s = add(split);
        split.outs[0] = add({ t: it.t === 'star' ? 'one' : 'any', out: s });
        return s;
      }
      case 'dirs': {
        // (?:[^/]+/)*: a folder name of at least one character, a slash, and again.
        const outer: State & { t: 'split' } = { t: 'split', outs: [-1, next] };
        const o = add(outer);
        const slash = add({ t: 'char', c: '/', out: o });
        const inner: State & { t: 'split' } = { t: 'split', outs: [-1, slash] };
        const n = add(inner);
        inner.outs[0] = add({ t: 'one', out: n });
        outer.outs[0] = add({ t: 'one', out: n });
        return o;
      }
      case 'group':
        return add({ t: 'split', outs: it.alts.map((alt) => seq(alt, next)) });
    }
  };
  return { states, start: seq(items, 0) };
}

/** State kinds in the flat tables the matcher steps over. */
const CHAR = 0;
const ONE = 1;
const ANY = 2;
const SPLIT = 3;
const MATCH = 4;

/** Compiles a glob (`\` read as `/`, a leading `./` dropped) into a matcher that cannot backtrack. */
export function compileGlob(glob: string): GlobMatcher {
  const g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  const { states, start } = buildStates(parseGlob(g));
  // Flat tables, so stepping a long path over a large glob stays cheap.
  const n = states.length;
  const kind = new Uint8Array(n);
  const code = new Int32Array(n);
  const out = new Int32Array(n);
  const outs = new Array<number[] | undefined>(n);
  states.forEach((st, k) => {
    kind[k] = st.t === 'char' ? CHAR : st.t === 'one' ? ONE : st.t === 'any' ? ANY : st.t === 'split' ? SPLIT : MATCH;
    if (st.t === 'char') code[k] = st.c.charCodeAt(0);
    if (st.t === 'char' || st.t === 'one' || st.t === 'any') out[k] = st.out;
    if (st.t === 'split') outs[k] = st.outs;
  });
  const SLASH = 47;
  const mark = new Int32Array(n);
  const stack = new Int32Array(n);
  const live = new Int32Array(n);
  const next = new Int32Array(n);
  let generation = 0;
  /** Adds `from` and every state reachable from it without reading a character; returns the new size. */
  const close = (into: Int32Array, size: number, from: number): number => {
    // A state is marked as it is pushed, so each is pushed once per step and the stack never
    // holds more than every state.
    if (mark[from] === generation) return size;
    mark[from] = generation;
    let sp = 0;
    stack[sp++] = from;
    while (sp > 0) {
      const s = stack[--sp];
      if (kind[s] !== SPLIT) {
        into[size++] = s;
        continue;
      }
      const o = outs[s]!;
      for (let k = o.length - 1; k >= 0; k--) {
        if (mark[o[k]] === generation) continue;
        mark[o[k]] = generation;
        stack[sp++] = o[k];
      }
    }
    return size;
  };
  /**
   * The automaton is turned into a deterministic one lazily (as RE2 does): each set of live
   * states met while matching becomes a cached node with its transitions, so the usual short
   * globs cost a table lookup per character. The cache is bounded; when a hostile glob fills it,
   * it starts over, and matching stays linear either way.
   */
  interface Node {
    states: Int32Array;
    accepts: boolean;
    /** Transitions on ASCII characters, then on every other character. */
    ascii: (Node | undefined)[];
    other: Map<number, Node> | undefined;
  }
  const MAX_NODES = 2000;
  let nodes = new Map<string, Node>();
  let stored = 0;
  const nodeOf = (buf: Int32Array, size: number): Node => {
    const set = buf.slice(0, size).sort();
    const key = set.join(',');
    let node = nodes.get(key);
    if (node) return node;
    if (nodes.size >= MAX_NODES || stored > 1_000_000) {
      nodes = new Map();
      stored = 0;
    }
    let accepts = false;
    for (let k = 0; k < size; k++) if (kind[set[k]] === MATCH) accepts = true;
    node = { states: set, accepts, ascii: new Array<Node | undefined>(128).fill(undefined), other: undefined };
    nodes.set(key, node);
    stored += size;
    return node;
  };
  const startNode = (): Node => {
    generation++;
    return nodeOf(live, close(live, 0, start));
  };
  let first = startNode();
  /** The node after reading `ch` in `node`. */
  const step = (node: Node, ch: number): Node => {
    generation++;
    let size = 0;
    const set = node.states;
    for (let k = 0; k < set.length; k++) {
      const s = set[k];
      const t = kind[s];
      if (t === ANY || (t === ONE && ch !== SLASH) || (t === CHAR && code[s] === ch)) size = close(next, size, out[s]);
    }
    const before = nodes;
    const to = nodeOf(next, size);
    // A reset dropped every node: the start node is made again for the next path.
    if (nodes !== before) first = startNode();
    if (ch < 128) node.ascii[ch] = to;
    else (node.other ??= new Map()).set(ch, to);
    return to;
  };
  return {
    source: glob,
    test(path: string): boolean {
      // Generations keep the marks of one step apart from the next; reset them long before they overflow.
      if (generation > 0x3fffffff - 2 * path.length - 4) {
        mark.fill(0);
        generation = 0;
      }
      let node = first;
      for (let i = 0; i < path.length; i++) {
        if (node.states.length === 0) return false;
        const ch = path.charCodeAt(i);
        node = (ch < 128 ? node.ascii[ch] : node.other?.get(ch)) ?? step(node, ch);
      }
      return node.accepts;
    },
  };
}

/**
 * True when a glob reaches outside the folder it is relative to: an absolute path (`/etc`,
 * `C:/`, `~/`), or a `..` segment, also one hidden in a brace group (`{..,x}/secret.md`).
 * Such globs are refused with a problem rather than silently matching nothing.
 */
export function globEscapesRoot(glob: string): boolean {
  const g = glob.trim().replace(/\\/g, '/');
  if (g.startsWith('/') || g.startsWith('~') || /^[a-zA-Z]:/.test(g)) return true;
  return /(^|[/{,])\.\.($|[/},])/.test(g);
}

/** True when a path relative to the workspace root matches any of the globs. */
export function matchesAny(relativePath: string, globs: readonly GlobMatcher[]): boolean {
  const p = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  if (p.startsWith('../') || p === '..' || p.startsWith('/')) return false;
  return globs.some((g) => g.test(p));
}

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { fastParseYaml } from '../../server/src/core/yaml/fastParse';
import { DEFAULT_PARSE_LIMITS, parseYamlFull, type ParseLimits, type ParsedYaml } from '../../server/src/core/yaml';

/**
 * Anchors and aliases on the fast path: it reads them as people write them in teams files (an
 * anchored owner mapping or scalar reused later) and agrees with the full parse on every text it
 * accepts, alias expansion limits and depth limits included, or declines.
 */
function plain(parsed: ParsedYaml): unknown {
  return { ...parsed, docs: parsed.docs.map((d) => ({ ...d, spans: [...d.spans] })) };
}

/** Asserts fast == full when the fast path accepts `text`; returns whether it did. */
function agrees(text: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): boolean {
  const fast = fastParseYaml(text, limits);
  if (fast === undefined) return false;
  const full = parseYamlFull(text, limits);
  assert.deepStrictEqual(plain(fast), plain(full), `fast path differs on:\n${JSON.stringify(text)}`);
  return true;
}

/** The anchor styles of teams files: each must take the fast path. */
const TEAMS_STYLES: Record<string, string> = {
  anchoredFlowOwner: [
    'kind: journey',
    'id: switch-plan',
    'owner: &cx-ops {team: cx-ops, lead: Dana Reyes}',
    'stages:',
    '  - id: discover',
    '    owner: *cx-ops',
    '  - id: decide',
    '    owner: *cx-ops # same team',
    '',
  ].join('\n'),
  anchoredScalarItems: [
    'kind: teams',
    'teams:',
    '  - id: cx-ops',
    '    members:',
    '      - &core-team cx-ops',
    '      - retail',
    '  - id: retail',
    '    members:',
    '      - *core-team',
    '      - "billing"',
    '',
  ].join('\n'),
  anchoredBlockMapping: [
    '# Shared defaults for every team below.',
    'defaults: &d',
    '  function: service',
    '  status: approved',
    '  channels: [web, app]',
    'teams:',
    '  - id: care',
    '    settings: *d',
    '  - id: billing',
    '    settings: *d',
    '',
  ].join('\n'),
  anchoredScalarsInFlowRecords: [
    'kind: teams',
    'teams:',
    '  - { id: tv-care, name: Tv care, function: &fn-service service, contact: "#tv-care", status: &approved approved }',
    '',
    '  - { id: tv-ops, name: Tv ops, function: &fn-technology technology, status: *approved }',
    '',
    '  - { id: tv-desk, name: Tv desk, function: *fn-service, status: *approved }',
    '',
  ].join('\n'),
  anchoredBlockScalars: [
    'teams:',
    '  - id: cx-ops',
    '    function: &fn-cx cx',
    '    status: &approved approved',
    '    description: &blurb >-',
    '      Owns the journey map',
    '      and its reviews.',
    '  - id: cx-design',
    '    function: *fn-cx',
    '    status: *approved',
    '    description: *blurb',
    '    tags: &tags [a, "b", *fn-cx]',
    '    more: *tags',
    '    items:',
    '      - &item',
    '        id: one',
    '      - *item',
    '',
  ].join('\n'),
};

/** What the fast path leaves to the full parse. */
const DECLINED: Record<string, string> = {
  mergeKey: 'base: &b {a: 1}\nx:\n  <<: *b\n  c: 2\n',
  aliasBeforeAnchor: 'a: *x\nb: &x 1\n',
  aliasWithoutAnchor: 'a: *nope\n',
  anchorRedefined: 'a: &x 1\nb: &x 2\nc: *x\n',
  aliasAsKey: 'a: &x k\nm:\n  *x : v\n',
  anchorOnEmpty: 'a: &x\nb: *x\n',
  anchorOnEmptyFlow: 'a: {k: &x , l: *x}\n',
  anchorOnKey: '- &x a: b\n- *x\n',
  aliasInsideItsAnchor: 'a: &x\n  b: *x\n',
  taggedAnchor: 'a: &x !!str 1\nb: *x\n',
  anchoredAlias: 'a: &x 1\nb: &y *x\n',
  overExpansionLimit: `a: &x [1, 2, 3, 4, 5, 6, 7, 8, 9]\n${Array.from({ length: 1200 }, (_, i) => `k${i}: *x`).join('\n')}\n`,
};

const NAMES = ['cx-ops', 'core-team', 'd', 'fn-service', 'a_1', 'x.y', 'a:b'];
const SCALARS = ['x', 'two words', '1', 'true', '~', '"q"', "'s'", 'cx-ops', 'a # c', '|', '>-', 'wrap', ''];

type Tree =
  | { s: string }
  | { map: [string, Tree][] }
  | { seq: Tree[]; flow: boolean }
  | { alias: number; note: boolean }
  | { anchor: number; reuse: boolean; comment: boolean; compact: boolean; node: Tree };

/** A random document of mappings, sequences (block or flow), scalars, anchors and aliases. */
const docArb = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...SCALARS).map((s) => ({ s })),
    tie('map'),
    tie('seq'),
    tie('alias'),
    tie('anchor'),
  ),
  map: fc
    .array(fc.tuple(fc.constantFrom('a', 'id', 'owner', 'lead', 'x-y'), tie('tree')), { minLength: 1, maxLength: 4 })
    .map((es) => ({ map: es })),
  seq: fc
    .record({ items: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }), flow: fc.boolean() })
    .map(({ items, flow }) => ({ seq: items, flow })),
  alias: fc.record({ alias: fc.nat(20), note: fc.boolean() }),
  anchor: fc.record({
    anchor: fc.nat(20),
    reuse: fc.nat(9).map((n) => n === 0),
    comment: fc.boolean(),
    compact: fc.nat(5).map((n) => n === 0),
    node: tie('tree'),
  }),
})).map;

/** Writing state: anchors whose node is written (aliases pick those), and a counter for fresh names. */
interface State {
  done: string[];
  fresh: number;
}

function anchorName(t: { anchor: number; reuse: boolean }, st: State): string {
  if (t.reuse && st.done.length > 0) return st.done[t.anchor % st.done.length];
  // Now and then a name the fast path does not read (`a:b`).
  const base = t.anchor === 20 ? 'a:b' : NAMES[t.anchor % (NAMES.length - 1)];
  return `${base}${st.fresh++ % 3 ? String(st.fresh) : ''}`;
}

/** Mostly an anchor already written; sometimes (and before any) a name that may be unknown, open or later. */
function aliasName(t: { alias: number }, st: State): string | undefined {
  if (t.alias % 13 === 12) return NAMES[t.alias % NAMES.length];
  return st.done.length === 0 ? undefined : st.done[t.alias % st.done.length];
}

/** Two anchors on a node, or one on an alias, now and then only (the full parse reports them). */
const odd = (t: Tree): boolean => 'anchor' in t || 'alias' in t || ('s' in t && t.s === '');

const isBlock = (t: Tree): boolean => 'map' in t || ('seq' in t && !t.flow);

/** A value in a flow collection (nested collections included, which the fast path mostly declines). */
function flow(t: Tree, st: State, inside?: 'map' | 'seq'): string {
  // Only a sequence in a mapping nests in flow style here; other nestings now and then (the fast path declines them).
  const nested = ('map' in t && inside !== undefined) || ('seq' in t && inside === 'seq');
  if (nested && ('map' in t ? t.map.length : t.seq.length) < 3) return 'x';
  if ('s' in t) return ['|', '>-', 'a # c', 'wrap', ''].includes(t.s) ? 'x' : t.s;
  if ('alias' in t) {
    const name = aliasName(t, st);
    return name === undefined ? 'x' : `*${name}`;
  }
  if ('anchor' in t && odd(t.node) && t.anchor % 5) return flow(t.node, st, inside);
  if ('anchor' in t) {
    const name = anchorName(t, st);
    const out = `&${name} ${flow(t.node, st, inside)}`;
    st.done.push(name);
    return out;
  }
  if ('map' in t) {
    const keys = [...new Map(t.map).entries()];
    return `{${keys.map(([k, v]) => `${k}: ${flow(v, st, 'map')}`).join(', ')}}`;
  }
  return `[${t.seq.map((v) => flow(v, st, 'seq')).join(', ')}]`;
}

/**
 * Writes `t` after `lead` on a new output line; lines after it (nested values, block scalar
 * text) sit at column `col`.
 */
function write(t: Tree, col: number, out: string[], lead: string, st: State): void {
  const pad = ' '.repeat(col);
  if ('s' in t) {
    if (t.s === 'wrap') {
      out.push(`${lead}long text`, `${pad} goes on here`);
      return;
    }
    out.push(`${lead}${t.s}`.trimEnd());
    if (t.s === '|' || t.s === '>-') out.push(`${pad}line one`, '', `${pad}line two`);
    return;
  }
  if ('alias' in t) {
    const name = aliasName(t, st);
    out.push(name === undefined ? `${lead}x` : `${lead}*${name}${t.note ? ' # same' : ''}`);
    return;
  }
  if ('anchor' in t && odd(t.node) && t.anchor % 5) {
    write(t.node, col, out, lead, st);
    return;
  }
  if ('anchor' in t) {
    const name = anchorName(t, st);
    if (isBlock(t.node) && !(t.compact && 'map' in t.node && lead.endsWith('- '))) {
      out.push(`${lead}&${name}${t.comment ? ' # shared' : ''}`);
      block(t.node, col, out, st);
    } else write(t.node, col, out, `${lead}&${name} `, st);
    st.done.push(name);
    return;
  }
  // `- - a` and `-` before a nested sequence are not read by the fast path: such items go in flow style.
  if ('seq' in t && (t.flow || lead.endsWith('- '))) {
    out.push(`${lead}${flow(t, st)}`);
    return;
  }
  if ('map' in t && lead.endsWith('- ')) {
    entries(t.map, col, out, lead, st);
    return;
  }
  out.push(lead.trimEnd());
  block(t, col, out, st);
}

/** A block mapping or sequence starting on a new line at column `col`. */
function block(t: Tree, col: number, out: string[], st: State): void {
  const pad = ' '.repeat(col);
  if ('map' in t) entries(t.map, col, out, pad, st);
  else if ('seq' in t) for (const item of t.seq) write(item, col + 2, out, `${pad}- `, st);
}

function entries(es: [string, Tree][], col: number, out: string[], first: string, st: State): void {
  const seen = new Set<string>();
  es.forEach(([k, v], i) => {
    if (seen.has(k)) return;
    seen.add(k);
    write(v, col + 2, out, `${i === 0 ? first : ' '.repeat(col)}${k}: `, st);
  });
}

/** The file-level habits anchors come with: comment lines, `---`/`...`, CRLF, a BOM. */
function restyle(text: string, seed: number): string {
  let t = text;
  if (seed % 3 === 0) {
    const ls = t.split('\n');
    const at = (seed >> 2) % ls.length;
    const ind = ls[at].length - ls[at].trimStart().length;
    ls.splice(at, 0, `${' '.repeat((seed >> 4) % 2 ? ind : 0)}# note`);
    t = ls.join('\n');
  }
  if (seed % 5 === 1) t = `---\n${t}${seed % 2 ? '...\n' : ''}`;
  if (seed % 4 === 2) t = t.replace(/\n/g, '\r\n');
  if (seed % 7 === 3) t = `\uFEFF${t}`;
  return t;
}

function render(tree: Tree, seed: number): string {
  const out: string[] = [];
  const root: Tree = 'map' in tree ? tree : { map: [['root', tree]] };
  block(root, 0, out, { done: [], fresh: 0 });
  return restyle(out.join('\n') + '\n', seed);
}

/** The positions the fast path reads anchors and aliases in: the random documents it takes must show each. */
const POSITIONS: Record<string, RegExp> = {
  blockMapValueAnchor: /^ *(- )?[\w-]+: &[^\s:]+ [^\s[{]/m,
  blockMapValueAlias: /^ *(- )?[\w-]+: \*/m,
  anchoredBlockCollection: /^ *[\w-]+: &[^\s:]+( # shared)?\r?$/m,
  seqItemAnchor: /^ *- &[^\s:]+ [^\s[{]/m,
  seqItemAlias: /^ *- \*/m,
  anchoredCollectionItem: /^ *- &[^\s:]+( # shared)?\r?$/m,
  anchoredFlowCollection: /&[^\s:]+ [[{]/,
  flowAnchor: /[[{,] ?[^\n]*&[^\n]*[\]}]/,
  flowAlias: /(\[|, |\w: )\*[^\s,\]}]+[,\]}]/,
  quotedAnchor: /&[^\s:]+ ["']/,
  blockScalarAnchor: /&[^\s:]+ [|>]/,
  aliasComment: /\*[^\s:]+ # same/,
  crlf: /\r\n/,
  bom: /^\uFEFF/,
  docMarkers: /^(\uFEFF)?---/,
};

describe('fastParse: anchors and aliases', () => {
  for (const [name, text] of Object.entries(TEAMS_STYLES)) {
    it(`takes the fast path on ${name} and reads it as the full parse does`, () => {
      for (const variant of [text, restyle(text, 2), restyle(text, 3), restyle(text, 7 * 5 + 1)])
        assert.ok(agrees(variant), `fast path declined:\n${variant}`);
    });
  }

  it('declines what it cannot read exactly like the full parse (merge keys, forward aliases, redefined anchors, ...)', () => {
    for (const [name, text] of Object.entries(DECLINED))
      assert.equal(fastParseYaml(text, DEFAULT_PARSE_LIMITS), undefined, `${name} took the fast path`);
  });

  it('agrees on random documents with anchors and aliases in every position, under any limits', function () {
    this.timeout(60_000);
    let withAlias = 0;
    let taken = 0;
    let tight = 0;
    let atLimit = 0;
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(
        docArb,
        fc.nat(),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 2, max: 9 }),
        (tree, seed, maxAliasExpansion, maxDepth) => {
          const text = render(tree as Tree, seed);
          const aliased = /(^|[ [{,-])\*/m.test(text);
          if (aliased) withAlias++;
          if (agrees(text) && aliased) {
            taken++;
            for (const [name, re] of Object.entries(POSITIONS))
              if (re.test(text)) seen.set(name, (seen.get(name) ?? 0) + 1);
          }
          // The same text under tight limits: the expansion total and the depth must match the full parse's exactly.
          const limits = { maxAliasExpansion, maxDepth: seed % 2 ? maxDepth : DEFAULT_PARSE_LIMITS.maxDepth };
          if (agrees(text, limits) && aliased) {
            tight++;
            const under = parseYamlFull(text, { ...limits, maxAliasExpansion: maxAliasExpansion - 1 });
            if (under.problems.some((p) => p.message.includes('alias bomb'))) atLimit++;
          }
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 5000), seed: Number(process.env.FUZZ_SEED ?? 18) },
    );
    if (process.env.FUZZ_RUNS)
      console.log(`taken on ${taken} of ${withAlias} with aliases; ${tight} tight, ${atLimit} at the limit`, seen);
    assert.ok(taken >= withAlias * 0.35, `fast path taken on only ${taken} of ${withAlias} documents with aliases`);
    assert.ok(tight > 50, `only ${tight} documents with aliases under tight limits took the fast path`);
    assert.ok(atLimit > 10, `only ${atLimit} documents took the fast path exactly at the expansion limit`);
    for (const name of Object.keys(POSITIONS))
      assert.ok((seen.get(name) ?? 0) >= 5, `${name}: fast path taken on only ${seen.get(name) ?? 0} documents`);
  });

  it('agrees on random edits of anchored documents (characters around anchors and aliases)', function () {
    this.timeout(60_000);
    const alphabet = [
      '&',
      '*',
      '&a ',
      '*a',
      ' ',
      ':',
      ': ',
      ',',
      '[',
      ']',
      '{',
      '}',
      '#',
      ' #',
      '\n',
      '  ',
      '- ',
      '!',
      '<<: ',
      '"',
    ];
    let taken = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(TEAMS_STYLES)),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...alphabet), fc.integer({ min: 0, max: 2 })), {
          minLength: 1,
          maxLength: 2,
        }),
        (base, edits) => {
          let text = base;
          for (const [at, ins, del] of edits) {
            const p = at % (text.length + 1);
            text = text.slice(0, p) + ins + text.slice(p + del);
          }
          if (agrees(text)) taken++;
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 2000), seed: Number(process.env.FUZZ_SEED ?? 19) },
    );
    assert.ok(taken > 200, `only ${taken} edited documents took the fast path`);
  });
});

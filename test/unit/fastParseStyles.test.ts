import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { fastParseYaml } from '../../server/src/core/yaml/fastParse';
import { DEFAULT_PARSE_LIMITS, parseYamlFull, type ParsedYaml } from '../../server/src/core/yaml';
import { yamlFilesUnder } from '../support/files';

/**
 * The fast path reads the styles people write (CRLF, a BOM, `---`/`...`, `key: # comment`,
 * trailing spaces in block scalars, quoted keys) instead of falling back, and still agrees with
 * the full parse on every text it accepts. Each style is a generated rewrite of the samples and
 * of random small documents, alone and mixed with another.
 */
type Style = (t: string, seed: number) => string;
const lines = (t: string): string[] => t.split('\n');
// Applied in this order in a mix, as a file is written: its text, then its line ends and its BOM.
const STYLES: Record<string, Style> = {
  docMarkers: (t, s) =>
    ['---\n', '--- # doc\n', '# head\n---\n', '\n---   \n# c\n'][s % 4] +
    t +
    (t.endsWith('\n') ? '' : '\n') +
    ['...\n', '', '...\n# tail\n', '...'][(s >> 2) % 4],
  keyComment: (t, s) =>
    lines(t)
      .map((l) => l.replace(/^(\s*(?:- )?[A-Za-z_][\w-]*):$/, s % 2 ? '$1: # note' : '$1:   #note: x'))
      .join('\n'),
  blockTrailing: (t, s) => {
    let inBlock = -1;
    return lines(t)
      .map((l, i) => {
        const ind = l.length - l.trimStart().length;
        if (inBlock >= 0 && (l.trim() === '' || ind > inBlock)) {
          if (l.trim() === '') return (i + s) % 3 ? l : ' '.repeat(inBlock + 1);
          return l + ' '.repeat(1 + ((s + i) % 3));
        }
        inBlock = -1;
        if (/:\s*[|>]-?\s*$/.test(l)) inBlock = ind;
        return l;
      })
      .join('\n');
  },
  quotedKeys: (t, s) =>
    lines(t)
      .map((l, i) =>
        l.replace(/^(\s*(?:- )?)([A-Za-z_][\w-]*):( |$)/, (_m, a: string, k: string, e: string) =>
          (s + i) % 3 === 2 ? `${a}${k}:${e}` : `${a}${(s + i) % 3 ? `"${k}"` : `'${k}'`}:${e}`,
        ),
      )
      .join('\n'),
  wrappedPlain: (t, s) => wrapValues(t, s, false),
  wrappedDouble: (t, s) => wrapValues(t, s, true),
  flowMaps: (t, s) => flowRecords(t, s, false),
  flowMapSeqs: (t, s) => flowRecords(t, s, true),
  keyCommentValue: (t, s) =>
    lines(t)
      .map((l, i) =>
        (s + i) % 3 === 2
          ? l
          : l.replace(
              /^( *)((?:- )?)([A-Za-z_][\w-]*): ([A-Za-z0-9(][^#:"'[\]{}|>&*!%@`\\]*|"[^"\\]*"|\[[^#:'[\]{}\\]*\]|\{[^#'[\]{}\\]*\})$/,
              (_m, ind: string, dash: string, k: string, v: string) =>
                `${ind}${dash}${k}: # note ${k}\n${ind}${' '.repeat(dash.length + 2 + ((s + i) % 2))}${v}`,
            ),
      )
      .join('\n'),
  crlf: (t, s) =>
    s % 5 === 4 ? t.replace(/\n/g, (_m, i: number) => (i % 2 ? '\r\n' : '\n')) : t.replace(/\n/g, '\r\n'),
  bom: (t) => '\uFEFF' + t,
};

/**
 * Wraps plain values of several words (`key: a b c`, `- a b c`) onto a second, more indented
 * line, sometimes after a blank line; as plain scalars or inside double quotes.
 */
function wrapValues(t: string, s: number, quoted: boolean): string {
  let inBlock = -1;
  return lines(t)
    .map((l, i) => {
      const ind = l.length - l.trimStart().length;
      if (inBlock >= 0 && (l.trim() === '' || ind > inBlock)) return l;
      inBlock = /:\s*[|>]-?\s*$/.test(l) ? ind : -1;
      const m =
        /^( *)((?:- )?(?:[A-Za-z_][\w-]*: )?)([A-Za-z(][^#:"'[\]{}|>&*!%@`\\]*?) ([^#:"'[\]{}|>&*!%@`\\]*[^ #:"'\\])$/.exec(
          l,
        );
      if (!m || (s + i) % 4 === 3 || !/^[A-Za-z(]/.test(m[4])) return l;
      const col = m[1].length + (m[2].startsWith('- ') && m[2].length > 2 ? 2 : 0);
      const pad = ' '.repeat(col + 1 + ((s + i) % 3));
      const gap = (s + i) % 5 === 0 ? '\n' : '';
      return quoted ? `${m[1]}${m[2]}"${m[3]}\n${gap}${pad}${m[4]}"` : `${m[1]}${m[2]}${m[3]}\n${gap}${pad}${m[4]}`;
    })
    .join('\n');
}

/**
 * Writes small records as one-line flow mappings: a `key:` whose nested mapping has only
 * one-line scalar values becomes `key: { a: x, b: "y" }`, and so does a `- a: x` item. With
 * `seqs`, only records holding a flow sequence of scalars (`kpis: [a, b]`) are rewritten.
 */
function flowRecords(t: string, s: number, seqs: boolean): string {
  const ls = lines(t);
  const out: string[] = [];
  const scalar = /^[A-Za-z0-9(][^#:"'[\]{},|>&*!%@`\\]*$|^"[^"\\]*"$|^'[^']*'$/;
  for (let i = 0; i < ls.length; i++) {
    const head = /^( *)(- |[A-Za-z_][\w-]*:$)/.exec(ls[i]);
    if (head && (s + i) % 3 !== 2) {
      const dash = head[2] === '- ';
      const col = head[1].length + 2;
      const first = dash ? ls[i].slice(col) : undefined;
      const body = first !== undefined ? [first] : [];
      let j = i + 1;
      while (j < ls.length && ls[j].startsWith(' '.repeat(col)) && ls[j][col] !== ' ' && ls[j][col] !== '-')
        body.push(ls[j++].slice(col));
      const pairs = body.map((b) => /^([A-Za-z_][\w-]*): (.*)$/.exec(b));
      const isSeq = (v: string) => seqs && /^\[ *[A-Za-z0-9"][^#:'[\]{}\\]*\]$/.test(v);
      if (
        body.length > 0 &&
        body.length <= (seqs ? 6 : 4) &&
        pairs.every((p) => p && (scalar.test(p[2].trim()) || isSeq(p[2].trim()))) &&
        (!seqs || pairs.some((p) => isSeq(p![2].trim())))
      ) {
        const inner = pairs.map((p) => `${p![1]}: ${p![2].trim()}`).join(', ');
        out.push(`${head[1]}${dash ? '- ' : head[2] + ' '}${s % 2 ? `{ ${inner} }` : `{${inner}}`}`);
        i = j - 1;
        continue;
      }
    }
    out.push(ls[i]);
  }
  return out.join('\n');
}

/** A parse with its span tables as lists of entries (their storage is private). */
function plain(parsed: ParsedYaml): unknown {
  return { ...parsed, docs: parsed.docs.map((d) => ({ ...d, spans: [...d.spans] })) };
}

/** Asserts fast == full when the fast path accepts `text`; returns whether it did. */
function agrees(text: string): boolean {
  const fast = fastParseYaml(text, DEFAULT_PARSE_LIMITS);
  if (fast === undefined) return false;
  assert.deepStrictEqual(plain(fast), plain(parseYamlFull(text)), `fast path differs on:\n${JSON.stringify(text)}`);
  return true;
}

const SAMPLES = yamlFilesUnder(path.join(__dirname, '../../samples')).map((f) => readFileSync(f, 'utf8'));
const NAMES = Object.keys(STYLES);
const apply = (t: string, names: string[], seed: number): string => names.reduce((acc, n) => STYLES[n](acc, seed), t);

/** A random small document in the clean block style (maps, sequences, scalars, block scalars, comments). */
const doc = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('x', 'two words', '1', 'true', '~', '"q"', "'s'", '[a, "b"]', 'a # c', '', '|', '>-', '>'),
    tie('map'),
    tie('seq'),
  ),
  map: fc
    .array(fc.tuple(fc.constantFrom('a', 'id', 'name', 'owner', 'x-y'), tie('tree')), { minLength: 1, maxLength: 4 })
    .map((es) => ({ map: es })),
  seq: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((items) => ({ seq: items })),
})).map;
type Tree = string | { map: [string, Tree][] } | { seq: Tree[] };
function write(t: Tree, indent: number, out: string[], lead: string): void {
  const pad = ' '.repeat(indent);
  if (typeof t === 'string') {
    out.push(`${lead}${t}`.trimEnd());
    if (t === '|' || t === '>-' || t === '>') out.push(`${pad}  line one`, '', `${pad}  line two`);
  } else if ('map' in t) {
    const seen = new Set<string>();
    t.map.forEach(([k, v], i) => {
      if (seen.has(k)) return;
      seen.add(k);
      const first = i === 0 ? lead : pad;
      if (typeof v === 'string') write(v, indent, out, `${first}${k}: `);
      else {
        out.push(`${first}${k}:`);
        if (i % 2) out.push(`${pad}  # about ${k}`);
        write(v, indent + 2, out, ' '.repeat(indent + 2));
      }
    });
  } else {
    for (const item of t.seq) write(item, indent + 2, out, `${pad}- `);
  }
}

describe('fastParse: the styles people write', () => {
  for (const name of NAMES) {
    it(`${name}: agrees with the full parse on every accepted variant and accepts almost all of the samples`, function () {
      this.timeout(60_000);
      let accepted = 0;
      let changed = 0;
      SAMPLES.forEach((text, i) => {
        for (const seed of [i, i + 1, i + 7]) {
          const styled = apply(text, [name], seed);
          if (styled === text) continue;
          changed++;
          if (agrees(styled)) accepted++;
        }
      });
      assert.ok(changed > 0);
      assert.ok(accepted >= changed * 0.9, `${name}: fast path taken for only ${accepted} of ${changed} variants`);
    });
  }

  it('agrees on every mix of two styles over the samples, and accepts most', function () {
    this.timeout(60_000);
    let accepted = 0;
    let total = 0;
    for (let a = 0; a < NAMES.length; a++)
      for (let b = a + 1; b < NAMES.length; b++)
        SAMPLES.forEach((text, i) => {
          total++;
          if (agrees(apply(text, [NAMES[a], NAMES[b]], i))) accepted++;
        });
    assert.ok(accepted >= total * 0.9, `fast path taken for only ${accepted} of ${total} mixes`);
  });

  it('agrees on random small documents in each style and each mix of two', function () {
    this.timeout(120_000);
    const combos = [...NAMES.map((n) => [n]), ...NAMES.flatMap((a, i) => NAMES.slice(i + 1).map((b) => [a, b]))];
    const taken = new Map<string, number>();
    fc.assert(
      fc.property(doc, fc.nat(combos.length - 1), fc.nat(), (tree, c, seed) => {
        const out: string[] = [];
        write(tree as Tree, 0, out, '');
        const styled = apply(out.join('\n') + '\n', combos[c], seed);
        if (agrees(styled)) taken.set(combos[c].join('+'), (taken.get(combos[c].join('+')) ?? 0) + 1);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 4000), seed: Number(process.env.FUZZ_SEED ?? 16) },
    );
    for (const n of NAMES)
      assert.ok((taken.get(n) ?? 0) > 20, `${n}: fast path taken on only ${taken.get(n) ?? 0} documents`);
  });

  it('agrees on random mutations of styled samples (characters, lines, indents inserted or deleted)', function () {
    this.timeout(120_000);
    const alphabet = [
      '{',
      '}',
      '{ a: b }',
      '[a, b]',
      '[',
      ']',
      ': # n\n  ',
      ', ',
      '1',
      'true',
      ' ',
      '  ',
      '\n',
      '\r\n',
      '\r',
      '#',
      ' #',
      ':',
      ': ',
      '- ',
      '"',
      "'",
      '\\',
      'x',
      '---',
      '...',
      '\uFEFF',
      '\n\n',
      '  # c\n',
      ',',
      '|',
      '>',
    ];
    const combos = [...NAMES.map((n) => [n]), ...NAMES.flatMap((a, i) => NAMES.slice(i + 1).map((b) => [a, b]))];
    let taken = 0;
    fc.assert(
      fc.property(
        fc.nat(SAMPLES.length - 1),
        fc.nat(combos.length - 1),
        fc.nat(),
        fc.integer({ min: 2, max: 25 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...alphabet), fc.integer({ min: 0, max: 3 })), {
          minLength: 1,
          maxLength: 3,
        }),
        (f, c, from, span, edits) => {
          const all = apply(SAMPLES[f], combos[c], from).split('\n');
          const start = from % all.length;
          let text = all.slice(start, start + span).join('\n') + (start + span < all.length ? '\n' : '');
          for (const [at, ins, del] of edits) {
            const p = at % (text.length + 1);
            text = text.slice(0, p) + ins + text.slice(p + del);
          }
          if (agrees(text)) taken++;
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 4000), seed: Number(process.env.FUZZ_SEED ?? 17) },
    );
    assert.ok(taken > 500, `only ${taken} mutated files took the fast path`);
  });
});

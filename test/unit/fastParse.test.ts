import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { fastParseYaml } from '../../server/src/core/yaml/fastParse';
import { DEFAULT_PARSE_LIMITS, parseYaml, parseYamlFull, type ParsedYaml } from '../../server/src/core/yaml';
import { generateWorkspace, SIZES } from '../../bench/generate';
import { yamlFilesUnder } from '../support/files';

/**
 * The fast YAML path must be indistinguishable from the full parse: for any text, it either
 * declines (undefined) or returns exactly the values, spans and problems `parseYamlFull` gives.
 */
function assertEquivalent(text: string): boolean {
  const fast = fastParseYaml(text, DEFAULT_PARSE_LIMITS);
  if (fast === undefined) return false;
  assert.deepStrictEqual(plain(fast), plain(parseYamlFull(text)), `fast path differs on:\n${text}`);
  return true;
}

/** A parse with its span tables as lists of entries, in order (their storage is private, so a deep comparison would not see it). */
function plain(parsed: ParsedYaml): unknown {
  return { ...parsed, docs: parsed.docs.map((d) => ({ ...d, spans: [...d.spans] })) };
}

const SAMPLES = yamlFilesUnder(path.join(__dirname, '../../samples')).map((f) => readFileSync(f, 'utf8'));
const GENERATED = [
  ...generateWorkspace({ ...SIZES.S, journeys: 6, personas: 3, segments: 3, kpis: 3, docs: 0 }, 7).files,
]
  .filter(([p]) => /\.ya?ml$/.test(p))
  .map(([, t]) => t);
const CORPUS = [...SAMPLES, ...GENERATED];

describe('fastParse: equivalence with the full parse', () => {
  it('reads every sample and generated file exactly as the full parse does, and takes the fast path for almost all', () => {
    let fast = 0;
    for (const text of CORPUS) if (assertEquivalent(text)) fast++;
    assert.ok(fast >= CORPUS.length * 0.9, `fast path taken for only ${fast} of ${CORPUS.length} files`);
  });

  it('handles the places where comments and blank lines change where a value ends', () => {
    const cases = [
      'a:\n  b: 1\n  # trailing comment in map\nc: 2\n',
      'a:\n  b: 1\n# col0\nc: 2\n',
      'a:\n  - x\n  # c\n  - y\n',
      'a: 1\n\n\nb: 2\n',
      '\n\n# c\n\na: 1\n',
      'a: 1\n# end\n\n',
      'k: >-\n  t\n\n\nj: 1\n',
      'k: |\n  t\n\n',
      'k:\n  # c\n  - y\n',
      'a:\n  b: 1\n    # deep\nc: 2\n',
      'a:\n  b: 1\n\n  # c\n\nc: 2\n',
      'a:\n  b: 1\n  # c\n',
      'a:\n  b:\n    - 1\n    # c4\n  # c2\n# c0\nd: 1\n',
      'a:\n  - b: 1\n    c: 2\n    # in map\n  # in seq\n  - 3\n',
      'a:\n- x\n- y\nb: 1\n',
      'a: x\n  # more-indented after scalar\nb: 1\n',
      'x:\n  a:\n    b: 1\n    # t\n  c: 2\n',
      'x:\n  - a:\n      - b: 1\n        # t\n  - c\n',
      'x:\n  - a:\n      - b: 1\n        # t\ny: 2',
      'a: [x, "y", \'z\']  # c\n  # d\nb: []\n',
      'a: 1\nb: 1.50\nc: 0x1F\nd: 0o17\ne: .inf\nf: ~\ng: null\nh: True\ni: -3\nj: 1e3\n',
      '1: a\ntrue: b\nnull: c\n',
      'q: \'it\'\'s\'\nr: "say \\"hi\\""\n',
      'e:\nf:   \ng: 1\n',
      'e: # c\nf: 1\n',
      'k: >\n  one\n  two\n\n  three\n\n\n  four\nl: |-\n  x\n\n  y\n',
      'a: b: c\n',
      'a: 1\na: 2\n',
      '- a\n- b\n',
      'a: &x 1\nb: *x\n',
      'a:\n  b\n',
      'a: "unclosed\nb: 1\n',
    ];
    for (const c of cases) assertEquivalent(c);
  });

  it('agrees with the full parse on thousands of random mutations of real files', function () {
    this.timeout(120_000);
    const alphabet = [
      ' ',
      '  ',
      '\n',
      '#',
      ':',
      ': ',
      '- ',
      '-',
      '"',
      "'",
      '[',
      ']',
      ',',
      '|',
      '>',
      '>-',
      '|-',
      'a',
      'Z',
      '1',
      '0.5',
      '~',
      '&a',
      '*a',
      '!',
      '?',
      '{',
      '}',
      '\t',
      '\r\n',
      '\\',
      '%',
      '@',
      '`',
      '---',
      '...',
      'null',
      'true',
      'x: y',
      '  # c\n',
      '\n\n',
    ];
    const edit = fc.oneof(
      // Replace, insert or delete characters anywhere.
      fc.record({ op: fc.constant('insert' as const), at: fc.nat(), s: fc.constantFrom(...alphabet) }),
      fc.record({ op: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 4 }) }),
      // Line-level edits: change indentation, duplicate, drop, or add a comment or blank line.
      fc.record({ op: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
      fc.record({ op: fc.constant('dupLine' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('dropLine' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('comment' as const), at: fc.nat(), indent: fc.integer({ min: 0, max: 10 }) }),
    );
    let fastTaken = 0;
    fc.assert(
      fc.property(
        fc.nat(CORPUS.length - 1),
        fc.nat(),
        fc.integer({ min: 2, max: 30 }),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        (fileIndex, from, span, edits) => {
          // A window of lines keeps each run small, and makes documents that end anywhere.
          const all = CORPUS[fileIndex].split('\n');
          const start = from % all.length;
          let text = all.slice(start, start + span).join('\n') + (start + span < all.length ? '\n' : '');
          for (const e of edits) text = applyEdit(text, e);
          if (assertEquivalent(text)) fastTaken++;
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 3000), seed: Number(process.env.FUZZ_SEED ?? 20_240_611) },
    );
    // The property is only meaningful if many mutated files still take the fast path.
    if (process.env.FUZZ_RUNS) console.log(`fast path taken on ${fastTaken} mutated files`);
    assert.ok(fastTaken > 600, `only ${fastTaken} mutated files took the fast path`);
  });

  it('agrees with the full parse on random block-structured documents with comments at random indents', function () {
    this.timeout(120_000);
    const scalar = fc.constantFrom(
      'x',
      'two words',
      '1',
      '0.5',
      'true',
      '~',
      '"q"',
      "'s'",
      '[a, b]',
      '[]',
      'a # c',
      'null',
      '-1',
    );
    const block = fc.constantFrom('>-', '|', '>', '|-');
    // A tree of maps, sequences and scalars, written with a random indentation step.
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalar,
        block,
        fc.constant(''),
        tie('map'),
        tie('seq'),
      ),
      map: fc
        .array(fc.tuple(fc.constantFrom('a', 'b', 'id', 'name', 'owner', 'k1', 'x-y'), tie('tree')), {
          minLength: 1,
          maxLength: 4,
        })
        .map((es) => ({ map: es })),
      seq: fc.array(tie('tree'), { minLength: 1, maxLength: 4 }).map((items) => ({ seq: items })),
    }));
    type Tree = string | { map: [string, Tree][] } | { seq: Tree[] };
    const write = (t: Tree, indent: number, step: number, out: string[], lead: string): void => {
      const pad = ' '.repeat(indent);
      if (typeof t === 'string') {
        if (t === '>-' || t === '|' || t === '>' || t === '|-') {
          out.push(`${lead}${t}`, `${pad}${' '.repeat(step)}line one`, '', `${pad}${' '.repeat(step)}line two`);
        } else out.push(`${lead}${t}`.trimEnd());
        return;
      }
      if ('map' in t) {
        const seen = new Set<string>();
        t.map.forEach(([k, v], i) => {
          if (seen.has(k)) return;
          seen.add(k);
          const first = i === 0 && lead.trim() !== '' && lead.trimStart().startsWith('- ');
          const keyLead = first ? lead : i === 0 && lead.trim() !== '' ? `${lead}` : pad;
          if (typeof v === 'string')
            write(v, indent, step, out, `${first || (i === 0 && lead.trim() !== '') ? keyLead : pad}${k}: `);
          else {
            out.push(`${first || (i === 0 && lead.trim() !== '') ? keyLead : pad}${k}:`);
            write(v, indent + step, step, out, ' '.repeat(indent + step));
          }
        });
        return;
      }
      t.seq.forEach((v, i) => {
        const dashLead = i === 0 && lead.trim() !== '' ? `${lead}- ` : `${pad}- `;
        if (typeof v === 'string') write(v, indent, step, out, dashLead);
        else if ('map' in v) write(v, indent + 2, step, out, dashLead);
        else {
          out.push(dashLead.trimEnd());
          write(v, indent + step, step, out, ' '.repeat(indent + step));
        }
      });
    };
    const noise = fc.array(
      fc.record({ at: fc.nat(), indent: fc.constantFrom(0, 1, 2, 3, 4, 6, 8, 10), blank: fc.boolean() }),
      { maxLength: 4 },
    );
    let fastTaken = 0;
    fc.assert(
      fc.property(tree, fc.constantFrom(1, 2, 4), noise, fc.boolean(), (t, step, extra, finalNewline) => {
        const root: Tree =
          typeof t === 'object' && 'map' in (t as object) ? (t as Tree) : { map: [['root', t as Tree]] };
        const out: string[] = [];
        write(root, 0, step, out, '');
        for (const n of extra) out.splice(n.at % (out.length + 1), 0, n.blank ? '' : `${' '.repeat(n.indent)}# note`);
        if (assertEquivalent(out.join('\n') + (finalNewline ? '\n' : ''))) fastTaken++;
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 3000), seed: Number(process.env.FUZZ_SEED ?? 7) },
    );
    if (process.env.FUZZ_RUNS) console.log(`fast path taken on ${fastTaken} random documents`);
    assert.ok(fastTaken > 1000, `only ${fastTaken} random documents took the fast path`);
  });

  it('is what parseYaml uses, with the full parse behind it for everything else', () => {
    // An anchor named twice: the fast path leaves it to the full parse.
    const text = 'a: &x 1\nb: &x 2\nc: *x\n';
    assert.equal(fastParseYaml(text, DEFAULT_PARSE_LIMITS), undefined);
    assert.deepStrictEqual(plain(parseYaml(text)), plain(parseYamlFull(text)));
    assert.deepStrictEqual(plain(parseYaml(SAMPLES[0])), plain(parseYamlFull(SAMPLES[0])));
  });
});

type Edit =
  | { op: 'insert'; at: number; s: string }
  | { op: 'delete'; at: number; n: number }
  | { op: 'indent'; at: number; by: number }
  | { op: 'dupLine'; at: number }
  | { op: 'dropLine'; at: number }
  | { op: 'comment'; at: number; indent: number };

function applyEdit(text: string, e: Edit): string {
  if (e.op === 'insert') {
    const at = e.at % (text.length + 1);
    return text.slice(0, at) + e.s + text.slice(at);
  }
  if (e.op === 'delete') {
    if (!text.length) return text;
    const at = e.at % text.length;
    return text.slice(0, at) + text.slice(at + e.n);
  }
  const lines = text.split('\n');
  const i = e.at % lines.length;
  switch (e.op) {
    case 'indent':
      lines[i] = e.by >= 0 ? ' '.repeat(e.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-e.by}}`), '');
      break;
    case 'dupLine':
      lines.splice(i, 0, lines[i]);
      break;
    case 'dropLine':
      lines.splice(i, 1);
      break;
    case 'comment':
      lines.splice(i, 0, `${' '.repeat(e.indent)}# note`);
      break;
  }
  return lines.join('\n');
}

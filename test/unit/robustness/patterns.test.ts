/**
 * Patterns users can write are matched without catastrophic backtracking: config `docs` and
 * `ignore` globs, .gitignore lines (the CLI and the server's folder walk read them), and
 * glossary labels full of regular-expression metacharacters. Each adversarial case would take
 * minutes (or forever) with a backtracking matcher; the bounds here are generous on purpose.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileGlob, matchesAny } from '../../../server/src/core';
import { GitIgnore } from '../../../server/src/node/gitignore';
import { diagnosticsOf, lines, memoryWorkspace, baseTaxonomy } from '../../support/workspace';

/**
 * The regular-expression compiler the glob matcher replaced, kept as the reference semantics:
 * on small inputs, where its backtracking is harmless, both must agree on every glob and path.
 */
function referenceRegExp(glob: string): RegExp {
  let re = '';
  let i = 0;
  let inGroup = 0;
  const g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  while (i < g.length) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        if (g[i + 2] === '/') {
          re += '(?:[^/]+/)*';
          i += 3;
        } else {
          re += '.*';
          i += 2;
          while (g[i] === '*') i++;
        }
        continue;
      }
      re += '[^/]*';
      while (g[i] === '*') i++;
      continue;
    }
    if (c === '?') re += '[^/]';
    else if (c === '{') {
      re += '(?:';
      inGroup++;
    } else if (c === '}' && inGroup > 0) {
      re += ')';
      inGroup--;
    } else if (c === ',' && inGroup > 0) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
    i++;
  }
  while (inGroup-- > 0) re += ')';
  return new RegExp(`^${re}$`);
}

/** Runs `f` and returns how long it took, in ms. */
function timed(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

describe('robustness: user-written patterns match in linear time', function () {
  this.timeout(30000);

  describe('globs', () => {
    it('agree with the regular-expression semantics on random small globs and paths', () => {
      const globChar = fc.constantFrom(
        'a',
        'b',
        '.',
        '/',
        '*',
        '**',
        '**/',
        '?',
        '{',
        '}',
        ',',
        '(',
        '[',
        '+',
        '\\',
        'md',
      );
      const pathChar = fc.constantFrom('a', 'b', '.', '/', '(', '[', '+', 'md', ',', '{');
      fc.assert(
        fc.property(
          fc.array(globChar, { maxLength: 8 }).map((a) => a.join('')),
          fc.array(pathChar, { maxLength: 10 }).map((a) => a.join('')),
          (glob, p) => {
            assert.equal(compileGlob(glob).test(p), referenceRegExp(glob).test(p), `${glob} on ${p}`);
          },
        ),
        { numRuns: 3000, seed: 8 },
      );
    });

    it('keep the documented meaning of the usual globs', () => {
      const md = compileGlob('**/*.md');
      assert.ok(md.test('a.md') && md.test('docs/guides/a.md'));
      assert.ok(!md.test('a.mdx') && !md.test('docs/a.md/x'));
      assert.ok(compileGlob('docs/{guides,faq}/*.md').test('docs/faq/x.md'));
      assert.ok(!compileGlob('docs/{guides,faq}/*.md').test('docs/other/x.md'));
      assert.ok(compileGlob('./drafts/**').test('drafts/a/b/c.md'));
      assert.ok(compileGlob('a?c.md').test('abc.md') && !compileGlob('a?c.md').test('a/c.md'));
      assert.ok(compileGlob('C++ (beta).md').test('C++ (beta).md'), 'regex metacharacters are literal');
      assert.ok(!compileGlob('.*').test('x.md'), '`.*` is a dot and a star, not "anything"');
    });

    it('never match a path outside the root', () => {
      assert.equal(matchesAny('../secrets.md', [compileGlob('**')]), false);
      assert.equal(matchesAny('/etc/passwd', [compileGlob('**')]), false);
    });

    it('many stars against a long name that almost matches: linear, not exponential', () => {
      // As a regular expression, `*a*a…*a*c` backtracks through every way of placing the `a`s:
      // with 12 stars and 60 characters that is about 60^12 steps.
      const glob = compileGlob('*a'.repeat(12) + '*c.md');
      const name = 'a'.repeat(60) + '.md';
      const ms = timed(() => assert.equal(glob.test(name), false));
      assert.ok(ms < 200, `took ${ms.toFixed(0)} ms`);
      // The same glob with 200 stars and a name of 10,000 characters.
      const huge = compileGlob('*a'.repeat(200) + '*c.md');
      const long = 'a'.repeat(10000) + '.md';
      const ms2 = timed(() => assert.equal(huge.test(long), false));
      assert.ok(ms2 < 2000, `took ${ms2.toFixed(0)} ms`);
    });

    it('nested globstars and braces against deep paths: linear', () => {
      const glob = compileGlob('**/a'.repeat(40) + '**/c.md');
      const deep = 'a/'.repeat(2000) + 'b.md';
      assert.ok(timed(() => assert.equal(glob.test(deep), false)) < 2000);
      const braces = compileGlob('{a,a*,*a,**}'.repeat(30) + 'c');
      assert.ok(timed(() => assert.equal(braces.test('a'.repeat(3000)), false)) < 2000);
      // Braces nested 10,000 deep compile without a stack overflow (the deep ones read as text).
      const nested = compileGlob('{'.repeat(10000) + 'a' + '}'.repeat(10000));
      assert.equal(typeof nested.test('a'), 'boolean');
    });

    it('a config with a hostile glob still loads the workspace quickly', () => {
      const config = lines('docs:', `  - "${'*a'.repeat(40)}*c.md"`, 'ignore:', `  - "${'**/a'.repeat(40)}"`);
      const files = { ...baseTaxonomy(), [`docs/${'a'.repeat(300)}.md`]: '# Notes\n' };
      const ms = timed(() => memoryWorkspace(files, config));
      assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
    });

    it('a hostile .gitignore line is matched in linear time', () => {
      const gi = new GitIgnore();
      gi.add('', `${'*a'.repeat(40)}*c\n!${'**/b'.repeat(30)}\n`);
      const ms = timed(() => assert.equal(gi.ignores('a'.repeat(5000), false), false));
      assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
    });
  });

  describe('glossary labels', () => {
    /** A glossary whose labels are full of regular-expression syntax. */
    const glossary = lines(
      'kind: glossary',
      'vocabulary: marketing',
      'owner: brand-marketing',
      'terms:',
      '  - id: ab-test',
      '    term: A/B test (beta)*',
      '    definition: Two variants compared.',
      '    avoid: ["split run (a|b)+", "C++", ".*", "(x+x+)+y", "[a-z]*$"]',
      '    status: approved',
    );

    it('labels with metacharacters are found literally, and only literally', () => {
      const ws = memoryWorkspace({
        ...baseTaxonomy(),
        'm.glossary.yaml': glossary,
        'docs/a.md': 'We ran a split run (a|b)+ in C++ last week; .* is not a pattern here, and (x+x+)+y neither.\n',
        'docs/b.md': 'Nothing here matches: split run aab, C, xxxxy, abc.\n',
      });
      const found = diagnosticsOf(ws, 'docs/a.md', 'deprecated-term').map((d) => d.message);
      assert.equal(found.length, 4, found.join('\n'));
      assert.deepEqual(diagnosticsOf(ws, 'docs/b.md', 'deprecated-term'), []);
    });

    it('adversarial text against those labels is scanned in linear time', () => {
      // The inputs that make the labels-as-regexes blow up: long runs of x, a, and "(a|b)".
      const text =
        [
          `${'x'.repeat(50000)}`,
          `${'split run '.repeat(5000)}`,
          `${'(a|b)'.repeat(10000)}`,
          `${'C+'.repeat(20000)}`,
          '.'.repeat(50000),
        ].join('\n') + '\n';
      const ms = timed(() =>
        memoryWorkspace({ ...baseTaxonomy(), 'm.glossary.yaml': glossary, 'docs/hostile.md': text }),
      );
      assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
    });

    it('thousands of labels that share prefixes do not slow a scan down to quadratic', () => {
      const labels = Array.from({ length: 2000 }, (_, i) => `"${'word '.repeat(i % 20)}w${i}"`);
      const g = lines(
        'kind: glossary',
        'vocabulary: marketing',
        'owner: brand-marketing',
        'terms:',
        '  - id: t',
        '    term: T',
        '    definition: D.',
        `    avoid: [${labels.join(', ')}]`,
        '    status: approved',
      );
      const ms = timed(() =>
        memoryWorkspace({ ...baseTaxonomy(), 'm.glossary.yaml': g, 'docs/w.md': 'word '.repeat(40000) + '\n' }),
      );
      assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
    });
  });
});

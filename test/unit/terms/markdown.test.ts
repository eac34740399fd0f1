import * as assert from 'node:assert/strict';
import { maskMarkdown, maskScalarSource, TermMatcher } from '../../../server/src/core/terms';

/** The words of a Markdown text that remain prose after masking. */
function prose(md: string): string[] {
  const masked = maskMarkdown(md);
  assert.equal(masked.length, md.length, 'masking keeps offsets');
  return masked.split(/\s+/).filter(Boolean);
}

describe('terms: Markdown prose', () => {
  it('keeps plain prose and line breaks', () => {
    const md = '# Title\n\nSome *target group* text.\r\nNext line\n';
    assert.equal(maskMarkdown(md), md);
  });

  it('skips fenced code blocks, closed or not, with either fence', () => {
    assert.deepEqual(prose('before\n```yaml\ntarget group\n```\nafter\n~~~\nin tilde\n~~~~\nend'), [
      'before',
      'after',
      'end',
    ]);
    assert.deepEqual(prose('before\n````\ncode\n```\nstill code\n'), ['before']);
    assert.deepEqual(prose('- item\n  ```\n  code\n  ```\n- next'), ['-', 'item', '-', 'next']);
  });

  it('skips code spans of any backtick length', () => {
    assert.deepEqual(prose('say `target group` or ``a ` b`` now'), ['say', 'or', 'now']);
    assert.deepEqual(prose('a lone ` tick stays'), ['a', 'lone', '`', 'tick', 'stays']);
  });

  it('skips link destinations but keeps link text', () => {
    assert.deepEqual(prose('see [the target group](https://x.test/target-group "Target group") now'), [
      'see',
      '[the',
      'target',
      'group]',
      'now',
    ]);
    assert.deepEqual(prose('![target group](img/target group.png)'), ['![target', 'group]']);
    assert.deepEqual(prose('a [segment][target-group] ref'), ['a', '[segment]', 'ref']);
    assert.deepEqual(prose('[target-group]: https://example.test/x "Target group"\ntext'), ['text']);
  });

  it('skips autolinks, bare URLs, HTML tags and comments', () => {
    assert.deepEqual(prose('go to https://example.test/target-group.'), ['go', 'to', '.']);
    assert.deepEqual(prose('<https://a.test/b> and <b>bold</b> <!-- problem:\nx --> end'), ['and', 'bold', 'end']);
  });

  it('masks front-matter keys and delimiters but keeps values as prose', () => {
    const md = '---\ntitle: Target group guide # old name\ntags:\n  - segment\n---\nBody\n';
    assert.deepEqual(prose(md), ['Target', 'group', 'guide', '-', 'segment', 'Body']);
  });

  it('lets a term run on across blockquote lines', () => {
    const md = '> the target\n> group here';
    const m = TermMatcher.build([{ label: 'target group' }]);
    const [hit] = m.findAll(maskMarkdown(md));
    assert.equal(md.slice(hit.start, hit.end), 'target\n> group');
  });
});

describe('terms: YAML scalar sources', () => {
  it('blanks quotes and escapes but keeps offsets', () => {
    assert.equal(maskScalarSource('"a \\"b\\" c\\n"', 'QUOTE_DOUBLE'), ' a  "b " c   ');
    assert.equal(maskScalarSource("'it''s'", 'QUOTE_SINGLE'), " it' s ");
    assert.equal(maskScalarSource('>-\n  folded text\n', 'BLOCK_FOLDED'), '  \n  folded text\n');
    assert.equal(maskScalarSource('plain text', 'PLAIN'), 'plain text');
  });
});

describe('terms: hostile Markdown', () => {
  // Quadratic scanning would take minutes on these; linear scanning takes well under a second.
  for (const [name, text] of [
    ['unclosed link destinations', '](x'.repeat(150_000)],
    ['deeply nested parentheses', ('](' + '('.repeat(40)).repeat(10_000) + ')'],
    ['unmatched backtick runs', '`a``b'.repeat(80_000)],
    ['unclosed tags', '<a '.repeat(150_000)],
    ['URL-like words', 'www '.repeat(100_000)],
  ] as const) {
    it(`stays linear on ${name}`, () => {
      const started = Date.now();
      assert.equal(maskMarkdown(text).length, text.length);
      assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
    });
  }
});

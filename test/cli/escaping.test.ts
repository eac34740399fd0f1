import * as assert from 'node:assert/strict';
import {
  csvField,
  ghData,
  ghProperty,
  html,
  mdCell,
  mdText,
  splitCodeSpans,
  terminalText,
  xmlAttr,
  xmlText,
} from '../../server/src/core/text/escape';
import { cli, linesOf, tempTree } from './support/cli';
import { sarifValidator } from './support/sarifSchema';
import { parseXml, elements } from './support/xml';

/** A touchpoint name holding every character some output language treats specially. */
const HOSTILE = 'Pay <b>"now"</b> & 100% | done, ok: yes\u0007 `tick` *star* _u_ [x](y)';
const HOSTILE_YAML = JSON.stringify(HOSTILE);

const TAXONOMY = {
  'org.teams.yaml': 'kind: teams\nteams:\n  - id: cx-ops\n    name: CX Ops\n    function: cx\n',
  'j.journey.yaml': [
    'kind: journey',
    'id: pay',
    'name: Pay',
    'stages:',
    '  - id: pay',
    '    name: Pay',
    '    lifecycleStage: conversion',
    '    touchpoints:',
    '      - id: pay-now',
    `        name: ${HOSTILE_YAML}`,
    '        channel: web',
    '',
  ].join('\n'),
};

describe('cli escaping', () => {
  describe('helpers', () => {
    it('xml text and attributes', () => {
      assert.equal(xmlText('a < b && c > d'), 'a &lt; b &amp;&amp; c &gt; d');
      assert.equal(xmlAttr('say "hi"\n\'x\''), 'say &quot;hi&quot;&#10;&apos;x&apos;');
      assert.equal(
        xmlText('bell\u0007 nul\u0000 lone\uD800 ok\uD83D\uDE00'),
        'bell\uFFFD nul\uFFFD lone\uFFFD ok\uD83D\uDE00',
      );
    });

    it('html', () => {
      assert.equal(
        html(`<script>alert('x')</script> & "q"`),
        '&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;',
      );
    });

    it('markdown text and table cells', () => {
      assert.equal(mdText('# not a heading'), '\\# not a heading');
      assert.equal(mdText('- not a list'), '\\- not a list');
      assert.equal(mdText('1. not a list'), '1\\. not a list');
      assert.equal(mdText('a|b *c* _d_ [e](f) <img>'), 'a\\|b \\*c\\* \\_d\\_ \\[e\\]\\(f\\) \\<img\\>');
      assert.equal(mdText('::error::x\n##vso[task.complete]'), '\\:\\:error\\:\\:x \\#\\#vso\\[task.complete\\]');
      assert.equal(mdCell('the `a|b` id | and \\ more'), 'the `a\\|b` id \\| and \\\\ more');
      assert.equal(mdCell('two\nlines'), 'two lines');
      assert.equal(mdCell('``a`b`` <i>'), '``a`b`` \\<i\\>');
      assert.equal(mdCell('`open <i>'), '\\`open \\<i\\>');
    });

    it('csv fields (RFC 4180) and formula injection', () => {
      assert.equal(csvField('plain'), 'plain');
      assert.equal(csvField('a,b'), '"a,b"');
      assert.equal(csvField('say "hi"'), '"say ""hi"""');
      // A row is one line: a line break in a field becomes a space (else the next line would start with user text).
      assert.equal(csvField('two\nlines'), 'two lines');
      assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
      assert.equal(csvField('@cmd'), "'@cmd");
    });

    it('github workflow command data and properties', () => {
      assert.equal(ghData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
      assert.equal(ghProperty('dir,with:colon%\n'), 'dir%2Cwith%3Acolon%25%0A');
    });

    it('terminal text shows control characters instead of running them', () => {
      assert.equal(terminalText('red\u001b[31m bell\u0007 tab\tok'), 'red\\u001b[31m bell\\u0007 tab\tok');
    });
  });

  describe('user text in every format', () => {
    let tree: ReturnType<typeof tempTree>;
    before(() => {
      tree = tempTree(TAXONOMY);
    });
    after(() => tree.dispose());

    const lint = (format: string) =>
      cli(['lint', '--format', format, '--rule', 'touchpoint-owner=error'], { cwd: tree.dir });

    it('stylish', async () => {
      const r = await lint('stylish');
      assert.equal(r.code, 1);
      assert.ok(r.stdout.includes('Pay <b>"now"</b> & 100% | done, ok: yes\\u0007'));
      assert.ok(!r.stdout.includes('\u0007'));
    });

    it('junit stays well-formed and gives the message back intact', async () => {
      const r = await lint('junit');
      const failure = elements(parseXml(r.stdout), 'failure').find((f) => f.attrs.type === 'touchpoint-owner');
      assert.ok(failure);
      assert.ok(failure.attrs.message.includes('Pay <b>"now"</b> & 100% | done, ok: yes\uFFFD'), failure.attrs.message);
    });

    it('github encodes % and line breaks in data, and , and : in properties', async () => {
      const r = await lint('github');
      const line = linesOf(r.stdout).find((l) => l.includes('title=touchpoint-owner'));
      assert.ok(line);
      assert.ok(line.includes('100%25 | done, ok: yes'), line);
      assert.ok(
        linesOf(r.stdout).every((l) => l.startsWith('::')),
        'no line break escapes the command',
      );
    });

    it('markdown keeps the table intact and HTML inert', async () => {
      const r = await lint('markdown');
      const row = linesOf(r.stdout).find((l) => l.includes('touchpoint-owner') && l.startsWith('| ❌'));
      assert.ok(row);
      // Outside code spans (whose content Markdown shows literally) no `<` survives.
      for (const part of splitCodeSpans(row)) if (!part.code) assert.ok(!part.text.includes('<'), part.text);
      assert.equal(row.replace(/\\\|/g, '').split('|').slice(1, -1).length, 4, row);
    });

    it('sarif keeps the text as JSON data and still validates', async () => {
      const r = await lint('sarif');
      const log = JSON.parse(r.stdout);
      assert.ok(sarifValidator()(log));
      assert.ok(log.runs[0].results.some((x: { message: { text: string } }) => x.message.text.includes(HOSTILE)));
    });

    it('html exports escape every user-written value', async () => {
      const r = await cli(['report', 'ownership', '--format', 'html'], { cwd: tree.dir });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(!r.stdout.includes('<b>'), 'no markup from the YAML');
      assert.ok(r.stdout.includes('Pay &lt;b&gt;&quot;now&quot;&lt;/b&gt; &amp; 100%'));
    });

    it('csv quotes a field holding a comma or a quote', async () => {
      const r = await cli(['report', 'ownership', '--format', 'csv'], { cwd: tree.dir });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.includes(`"${HOSTILE.replace(/"/g, '""')}"`), r.stdout);
      assert.ok(r.stdout.endsWith('\r\n'));
    });
  });
});

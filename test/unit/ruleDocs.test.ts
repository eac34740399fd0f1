import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../server/src/core';

/** Every diagnostic links to docs/rules/<id>.md (codeDescription.href): each rule has a page, and each page these sections. */
const DOCS = path.join(__dirname, '../../docs/rules');
const SECTIONS = ['## What it finds', '## Why it matters', '## Example', '## The fix', '## Configuration'];

/** The text of a page's section, up to the next `## ` heading. */
function section(page: string, heading: string): string {
  const start = page.indexOf(`\n${heading}\n`);
  if (start < 0) return '';
  const rest = page.slice(start + heading.length + 2);
  const next = rest.search(/^## /m);
  return (next < 0 ? rest : rest.slice(0, next)).trim();
}

describe('rule documentation pages (docs/rules)', () => {
  it('every rule has a page, and every page is a rule', () => {
    const pages = readdirSync(DOCS)
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(0, -3))
      .sort();
    assert.deepEqual(pages, ALL_RULES.map((r) => r.id).sort());
  });

  for (const rule of ALL_RULES) {
    it(`${rule.id}: title, severity, safe fix and every section with content`, () => {
      const file = path.join(DOCS, `${rule.id}.md`);
      assert.ok(existsSync(file), `docs/rules/${rule.id}.md is missing`);
      const page = readFileSync(file, 'utf8');
      assert.ok(page.startsWith(`# \`${rule.id}\`\n`), 'the page starts with the rule id as its title');
      assert.ok(
        page.includes(`- Default severity: \`${rule.defaultSeverity}\`\n`),
        `the page gives the default severity ${rule.defaultSeverity}`,
      );
      assert.ok(
        page.includes(`- Safe fix (fix all on save, \`lint --fix\`): ${rule.fixable === 'safe' ? 'yes' : 'no'}\n`),
        'the page says whether fix all applies the fix',
      );
      let last = -1;
      for (const heading of SECTIONS) {
        const at = page.indexOf(`\n${heading}\n`);
        assert.ok(at > last, `${heading} is missing or out of order`);
        last = at;
        assert.ok(section(page, heading).length > 40, `${heading} has no content`);
      }
      const example = section(page, '## Example');
      assert.match(
        example,
        /^Before:\n\n```\w+\n[\s\S]+?\n```\n\nAfter:\n\n```\w+\n[\s\S]+?\n```$/,
        'an example before and after',
      );
      assert.ok(section(page, '## Configuration').includes(`${rule.id}:`), 'the configuration names the rule');
    });
  }
});

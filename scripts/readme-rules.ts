/**
 * Writes the rules table of README.md from the rule registry, so the table can never drift from
 * the code. `npx tsx scripts/readme-rules.ts` rewrites it; a unit test fails when it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../server/src/core';

const START = '<!-- RULES:START -->';
const END = '<!-- RULES:END -->';

/** The Markdown table of every rule: id, default severity, what it finds. */
export function rulesTable(): string {
  const rows = ALL_RULES.map((r) => `| \`${r.id}\` | ${r.defaultSeverity} | ${r.description.replace(/\|/g, '\\|')} |`);
  return ['| rule | default | what it finds |', '| --- | --- | --- |', ...rows].join('\n');
}

/** README text with the table between the markers replaced. */
export function withRulesTable(readme: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error('README.md has no rules table markers');
  return `${readme.slice(0, a + START.length)}\n${rulesTable()}\n${readme.slice(b)}`;
}

if (require.main === module) {
  const file = path.join(__dirname, '..', 'README.md');
  writeFileSync(file, withRulesTable(readFileSync(file, 'utf8')));
}

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../server/src/cli/lint';
import { RULE_IDS } from '../../server/src/core';

const root = path.join(__dirname, '../..');
const lintOptions = (p: string) => ({ command: 'lint' as const, paths: [p], format: 'stylish' as const, rules: {} });

/**
 * Rules that cannot be shown by a sample file: `config` and `unreadable-file` are about the files
 * around the taxonomy.
 */
const NOT_SHOWN_IN_SAMPLES = new Set(['config', 'unreadable-file']);

/** `# problem: a, b` (YAML) or `<!-- problem: a -->` (Markdown) markers: "file:line" -> rule ids. */
function markers(reports: { relativePath: string; source?: string }[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of reports) {
    (r.source ?? '').split(/\r?\n/).forEach((line, i) => {
      const m = /(?:#|<!--)\s*problem:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/.exec(line);
      if (!m) return;
      const key = `${r.relativePath}:${i + 1}`;
      for (const id of m[1].split(',').map((s) => s.trim()))
        (out.get(key) ?? out.set(key, new Set()).get(key)!).add(id);
    });
  }
  return out;
}

describe('samples', () => {
  it('acme-telecom lints clean', async () => {
    const reports = await lint(lintOptions('samples/acme-telecom'), root);
    const problems = reports.flatMap((r) =>
      r.diagnostics.map((d) => `${r.relativePath}:${d.range.start.line + 1} ${d.ruleId}: ${d.message}`),
    );
    assert.deepEqual(problems, []);
    assert.ok(reports.length >= 20, `expected a realistic sample, got ${reports.length} files`);
  });

  it('with-problems reports every deliberate problem at its marked line, and nothing else', async () => {
    const reports = await lint(lintOptions('samples/with-problems'), root);
    const marked = markers(reports);
    const found = new Map<string, Set<string>>();
    for (const r of reports) {
      for (const d of r.diagnostics) {
        const key = `${r.relativePath}:${d.range.start.line + 1}`;
        (found.get(key) ?? found.set(key, new Set()).get(key)!).add(d.ruleId);
      }
    }
    const missing: string[] = [];
    for (const [key, ids] of marked)
      for (const id of ids) if (RULE_IDS.has(id) && !found.get(key)?.has(id)) missing.push(`${key} ${id}`);
    const unexpected: string[] = [];
    for (const [key, ids] of found)
      for (const id of ids) if (!marked.get(key)?.has(id)) unexpected.push(`${key} ${id}`);
    assert.deepEqual({ missing, unexpected }, { missing: [], unexpected: [] });
  });

  it('with-problems shows every rule at least once', async () => {
    const reports = await lint(lintOptions('samples/with-problems'), root);
    const shown = new Set(reports.flatMap((r) => r.diagnostics.map((d) => d.ruleId)));
    const notShown = [...RULE_IDS].filter((id) => !shown.has(id) && !NOT_SHOWN_IN_SAMPLES.has(id));
    assert.deepEqual(notShown, []);
  });

  it('every marker names a registered rule', async () => {
    const reports = await lint(lintOptions('samples/with-problems'), root);
    const unknown = [...markers(reports).entries()].flatMap(([key, ids]) =>
      [...ids].filter((id) => !RULE_IDS.has(id)).map((id) => `${key} ${id}`),
    );
    assert.deepEqual(unknown, []);
    assert.match(readFileSync(path.join(root, 'samples/with-problems/README.md'), 'utf8'), /touchpoint-owner/);
  });
});

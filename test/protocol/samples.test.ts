import * as assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { RULE_IDS } from '../../server/src/core';
import { LspTestClient } from './harness';

/** `# problem: a, b` (YAML) or `<!-- problem: a -->` (Markdown) markers of a sample, by `path:line`. */
function markers(c: LspTestClient, files: string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const rel of files) {
    c.text(rel)
      .split(/\r?\n/)
      .forEach((line, i) => {
        const m = /(?:#|<!--)\s*problem:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/.exec(line);
        if (!m) return;
        const key = `${rel}:${i + 1}`;
        for (const id of m[1].split(',').map((s) => s.trim()))
          (out.get(key) ?? out.set(key, new Set()).get(key)!).add(id);
      });
  }
  return out;
}

function listed(c: LspTestClient, dir = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(c.path(dir))) {
    const rel = dir ? `${dir}/${name}` : name;
    if (statSync(c.path(rel)).isDirectory()) out.push(...listed(c, rel));
    else if (/\.(ya?ml|md)$/.test(name) && name !== 'README.md') out.push(rel);
  }
  return out;
}

describe('protocol: the samples over stdio', function () {
  this.timeout(90000);

  it('with-problems: every marked problem at its line in files never opened, and nothing else', async () => {
    const c = await LspTestClient.start({ fixture: 'samples/with-problems' });
    try {
      await c.waitForReady();
      const marked = markers(c, listed(c));
      const found = c.problemsByLine();
      const missing: string[] = [];
      for (const [key, ids] of marked)
        for (const id of ids) if (RULE_IDS.has(id) && !found.get(key)?.has(id)) missing.push(`${key} ${id}`);
      const unexpected: string[] = [];
      for (const [key, ids] of found)
        for (const id of ids) if (!marked.get(key)?.has(id)) unexpected.push(`${key} ${id}`);
      assert.deepEqual({ missing, unexpected }, { missing: [], unexpected: [] });
      assert.ok(marked.size >= 20, `expected the sample's markers, found ${marked.size}`);
    } finally {
      await c.stop();
    }
  });

  it('with-problems: fixing the touchpoint-owner problem clears it; acme-telecom side by side stays clean and separate', async () => {
    const c = await LspTestClient.start({ fixture: 'samples', folders: ['.'] });
    try {
      await c.waitForReady();
      const journey = 'with-problems/journeys/mobile-switch.journey.yaml';
      await c.waitForDiagnostics(journey, (ds) => ds.some((d) => d.code === 'touchpoint-owner'));
      // Two taxonomies with the same ids never see each other: no duplicate-id across them.
      for (const [key, ids] of c.problemsByLine())
        assert.ok(!key.startsWith('acme-telecom/'), `${key} ${[...ids].join()}`);
      await c.open(journey);
      const [d] = c.diagnostics(journey).filter((x) => x.code === 'touchpoint-owner');
      const [fix] = (await c.codeActions(journey, d.range, [d]))!;
      await c.applyEdit(fix.edit!);
      await c.waitForDiagnostics(journey, (ds) => !ds.some((x) => x.code === 'touchpoint-owner'));
      // Hover in a sample doc shows the sample glossary's card.
      const doc = 'acme-telecom/docs/how-we-talk-about-customers.md';
      const text = c.text(doc);
      const at = text.search(/\bpersonas?\b/i);
      assert.ok(at > 0);
      const lineStart = text.lastIndexOf('\n', at) + 1;
      const h = await c.hover(doc, { line: text.slice(0, at).split('\n').length - 1, character: at - lineStart + 1 });
      assert.match(JSON.stringify(h), /Persona/);
    } finally {
      await c.stop();
    }
  });
});

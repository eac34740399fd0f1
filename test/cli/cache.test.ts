import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateWorkspace, SIZES } from '../../bench/generate';
import { cli, tempTree } from './support/cli';

/** A small generated taxonomy with planted problems, as files. */
function taxonomy(): Record<string, string> {
  const ws = generateWorkspace(
    { ...SIZES.S, journeys: 4, personas: 3, segments: 3, kpis: 3, docs: 2, glossaryFiles: 1, termsPerGlossary: 10 },
    3,
  );
  return Object.fromEntries(ws.files);
}

describe('cli: lint --cache', () => {
  it('reuses the results of an unchanged taxonomy, and reports exactly what a fresh lint reports', async () => {
    const t = tempTree(taxonomy());
    try {
      const cacheDir = path.join(t.dir, '.cache-here');
      const fresh = await cli(['lint', '.', '--format', 'json'], { cwd: t.dir });
      const first = await cli(['lint', '.', '--format', 'json', '--cache-location', cacheDir], { cwd: t.dir });
      assert.ok(readdirSync(cacheDir).length === 1, 'the cache file is written');
      const second = await cli(['lint', '.', '--format', 'json', '--cache-location', cacheDir], { cwd: t.dir });
      assert.equal(first.stdout, fresh.stdout);
      assert.equal(second.stdout, fresh.stdout);
      assert.equal(second.code, fresh.code);
    } finally {
      t.dispose();
    }
  });

  it('serves every report format from the cache exactly as a fresh lint writes it', async () => {
    const t = tempTree(taxonomy());
    try {
      for (const format of ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown']) {
        const fresh = await cli(['lint', '.', '--format', format], { cwd: t.dir });
        const args = ['lint', '.', '--format', format, '--cache'];
        await cli(args, { cwd: t.dir });
        const warm = await cli(args, { cwd: t.dir });
        assert.equal(warm.stdout, fresh.stdout, format);
        assert.equal(warm.code, fresh.code, format);
      }
    } finally {
      t.dispose();
    }
  });

  it('re-checks when a file, a severity or the set of files changes', async () => {
    const files = taxonomy();
    const t = tempTree(files);
    try {
      const args = ['lint', '.', '--format', 'json', '--cache'];
      await cli(args, { cwd: t.dir });
      assert.ok(existsSync(path.join(t.dir, '.cx-taxonomy-cache')), 'the default cache folder is used');
      // A changed file: a touchpoint loses its owner.
      const journey = Object.keys(files).find((p) => p.endsWith('.journey.yaml'))!;
      const edited = files[journey].replace(/^( {8})owner: [a-z0-9-]+\n/m, '');
      assert.notEqual(edited, files[journey]);
      writeFileSync(path.join(t.dir, journey), edited);
      const afterEdit = await cli(args, { cwd: t.dir });
      assert.equal(afterEdit.stdout, (await cli(['lint', '.', '--format', 'json'], { cwd: t.dir })).stdout);
      // A changed severity.
      const off = await cli([...args, '--rule', 'touchpoint-owner=off'], { cwd: t.dir });
      assert.ok(!off.stdout.includes('"touchpoint-owner"'), 'a rule turned off is not served from the cache');
      // A new file.
      writeFileSync(path.join(t.dir, 'extra.kpi.yaml'), 'kind: kpi\nid: extra-kpi\nname: Extra\n');
      const added = await cli(args, { cwd: t.dir });
      assert.equal(added.stdout, (await cli(['lint', '.', '--format', 'json'], { cwd: t.dir })).stdout);
    } finally {
      t.dispose();
    }
  });
});

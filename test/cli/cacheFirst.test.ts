import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateWorkspace, SIZES } from '../../bench/generate';
import { ROOT, tempTree } from './support/cli';

const CLI = path.join(ROOT, 'dist', 'cli.js');

/** The bundled CLI as a process (the main thread tries the cache before starting the lint thread). */
function lint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'lint', ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: lint --cache first on the main thread (dist/cli.js)', function () {
  this.timeout(300_000);
  before(() => execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'pipe', timeout: 170_000 }));

  it('answers an unchanged taxonomy as a fresh lint does, and a changed one with one copy of each warning', () => {
    const ws = generateWorkspace({ ...SIZES.S, journeys: 6, personas: 3, docs: 2 }, 5);
    const t = tempTree({ ...Object.fromEntries(ws.files), 'notes/extra.md': '# Notes\n' });
    try {
      // A path the lint skips, with a warning, next to the taxonomy.
      const args = ['.', 'notes/extra.md', '--format', 'json'];
      const fresh = lint(t.dir, ...args);
      assert.match(fresh.stderr, /notes\/extra\.md: skipped/);
      const cold = lint(t.dir, ...args, '--cache');
      const warm = lint(t.dir, ...args, '--cache');
      for (const run of [cold, warm]) {
        assert.equal(run.stdout, fresh.stdout);
        assert.equal(run.code, fresh.code);
        assert.equal(run.stderr, fresh.stderr, 'the warning once, whichever thread answered');
      }
      // A cache file that is not one of ours: ignored once, with one warning, and rebuilt.
      const cacheDir = path.join(t.dir, '.cx-taxonomy-cache');
      const [cacheFile] = readdirSync(cacheDir);
      writeFileSync(path.join(cacheDir, cacheFile), '{ not json');
      const broken = lint(t.dir, ...args, '--cache');
      assert.equal(broken.stdout, fresh.stdout);
      assert.equal(broken.stderr.match(/Ignoring the lint cache/g)?.length, 1, broken.stderr);
      assert.equal(lint(t.dir, ...args, '--cache').stderr, fresh.stderr, 'rebuilt, it answers again');
    } finally {
      t.dispose();
    }
  });
});

import * as assert from 'node:assert/strict';
import {
  createTaxonomyWorkspace,
  findTaxonomyRoot,
  loadWorkspace,
  partitionByConfig,
  RULE_IDS,
  type FileHost,
  type RootProbe,
} from '../../server/src/core';

/** A file system of '/'-paths: every path listed exists, and so do the folders above it. */
function probe(paths: readonly string[]): RootProbe {
  const all = new Set<string>();
  for (const p of paths) for (let q = p; q !== '/'; q = q.slice(0, q.lastIndexOf('/')) || '/') all.add(q);
  return {
    exists: (p) => all.has(p),
    join: (dir, name) => (dir === '/' ? `/${name}` : `${dir}/${name}`),
    dirname: (p) => p.slice(0, p.lastIndexOf('/')) || '/',
  };
}

describe('findTaxonomyRoot', () => {
  it('a config beats the repository root it is in', async () => {
    const fs = probe(['/repo/.git/HEAD', '/repo/tax/cx-taxonomy.config.yaml', '/repo/tax/journeys/a.journey.yaml']);
    const found = await findTaxonomyRoot('/repo/tax/journeys/a.journey.yaml', true, fs);
    assert.deepEqual(found, {
      dir: '/repo/tax',
      by: 'config',
      configNames: ['cx-taxonomy.config.yaml'],
      conflict: undefined,
    });
  });

  it('the nearest config wins, whichever its spelling', async () => {
    const fs = probe(['/repo/cx-taxonomy.config.yaml', '/repo/sub/cx-taxonomy.config.yml', '/repo/sub/x/a.kpi.yaml']);
    const found = await findTaxonomyRoot('/repo/sub/x', false, fs);
    assert.equal(found.dir, '/repo/sub');
    assert.deepEqual(found.configNames, ['cx-taxonomy.config.yml']);
  });

  it('without a config, the enclosing Git repository root: .git a folder or a file (worktree, submodule)', async () => {
    assert.deepEqual(
      await findTaxonomyRoot(
        '/repo/journeys/a.journey.yaml',
        true,
        probe(['/repo/.git/HEAD', '/repo/journeys/a.journey.yaml']),
      ),
      { dir: '/repo', by: 'git', configNames: [] },
    );
    const sub = probe([
      '/outer/.git/HEAD',
      '/outer/cx-taxonomy.config.yaml',
      '/outer/mod/.git',
      '/outer/mod/j/a.journey.yaml',
    ]);
    assert.equal(
      (await findTaxonomyRoot('/outer/mod/j', false, sub)).dir,
      '/outer/mod',
      'a config above the repository is not looked for',
    );
  });

  it('neither: the folder given, or the folder of the file given', async () => {
    const fs = probe(['/tmp/t/j/a.journey.yaml']);
    assert.deepEqual(await findTaxonomyRoot('/tmp/t/j', false, fs), { dir: '/tmp/t/j', by: 'folder', configNames: [] });
    assert.deepEqual(await findTaxonomyRoot('/tmp/t/j/a.journey.yaml', true, fs), {
      dir: '/tmp/t/j',
      by: 'folder',
      configNames: [],
    });
  });

  it('both spellings in one folder: a conflict naming both files', async () => {
    const found = await findTaxonomyRoot(
      '/r',
      false,
      probe(['/r/cx-taxonomy.config.yaml', '/r/cx-taxonomy.config.yml']),
    );
    assert.equal(found.dir, '/r');
    assert.match(
      found.conflict ?? '',
      /cx-taxonomy\.config\.yaml and cx-taxonomy\.config\.yml are both in this folder/,
    );
  });

  it('works with an asynchronous probe', async () => {
    const fs = probe(['/repo/.git', '/repo/a/b/c.kpi.yaml']);
    const found = await findTaxonomyRoot('/repo/a/b', false, { ...fs, exists: async (p) => fs.exists(p) });
    assert.equal(found.dir, '/repo');
  });
});

describe('config files of either spelling', () => {
  it('partitionByConfig makes a folder holding cx-taxonomy.config.yml a taxonomy of its own', () => {
    const groups = partitionByConfig(
      ['a.kpi.yaml', 'sub/cx-taxonomy.config.yml', 'sub/b.kpi.yaml', 'other/c.kpi.yaml'],
      ['other'],
    );
    assert.deepEqual([...groups.entries()].sort(), [
      ['', ['a.kpi.yaml']],
      ['other', ['other/c.kpi.yaml']],
      ['sub', ['sub/cx-taxonomy.config.yml', 'sub/b.kpi.yaml']],
    ]);
  });

  function host(files: Record<string, string>): FileHost {
    return { listFiles: () => Object.keys(files), readFile: async (id) => files[id], relativePath: (id) => id };
  }

  it('loadWorkspace reads cx-taxonomy.config.yml', async () => {
    const ws = createTaxonomyWorkspace();
    const r = await loadWorkspace(host({ 'cx-taxonomy.config.yml': 'rules:\n  unused-kpi: off\n' }), ws, RULE_IDS);
    assert.equal(r.config?.id, 'cx-taxonomy.config.yml');
    assert.equal(ws.currentConfig.rules['unused-kpi'], 'off');
  });

  it('beside cx-taxonomy.config.yaml, the .yml is not read and says why', async () => {
    const ws = createTaxonomyWorkspace();
    const r = await loadWorkspace(
      host({
        'cx-taxonomy.config.yml': 'rules:\n  unused-kpi: off\n',
        'cx-taxonomy.config.yaml': 'rules:\n  unused-kpi: error\n',
      }),
      ws,
      RULE_IDS,
    );
    ws.flush();
    assert.equal(r.config?.id, 'cx-taxonomy.config.yaml');
    assert.equal(ws.currentConfig.rules['unused-kpi'], 'error');
    const [d] = ws.diagnostics('cx-taxonomy.config.yml');
    assert.equal(d?.ruleId, 'config');
    assert.match(
      d.message,
      /cx-taxonomy\.config\.yaml and cx-taxonomy\.config\.yml are both in this folder: keep one of them/,
    );
    assert.deepEqual(ws.diagnostics('cx-taxonomy.config.yaml'), []);
  });
});

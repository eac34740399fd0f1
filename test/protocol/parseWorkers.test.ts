import * as assert from 'node:assert/strict';
import { generateWorkspace, SIZES } from '../../bench/generate';
import { LspTestClient } from './harness';

/** Every diagnostic published after the initial index, by path relative to the workspace. */
async function initialIndex(files: Record<string, string>, env: Record<string, string>) {
  const c = await LspTestClient.start({ files, env });
  try {
    await c.waitForReady(60_000);
    // Related information names other files: the workspace's folder (a temporary one) is left out.
    const base = c.uri('');
    const published = [...c.published]
      .map(([uri, p]) => `${uri} ${JSON.stringify(p.diagnostics)}`.split(base).join('<root>'))
      .sort();
    return { published, logs: [...c.logs] };
  } finally {
    await c.stop();
  }
}

describe('protocol: parse workers for the initial index', function () {
  this.timeout(180_000);

  it('indexes a 200+ file taxonomy through the parse workers with exactly the diagnostics of one thread', async () => {
    const ws = generateWorkspace({ ...SIZES.S, journeys: 240, personas: 20, docs: 10 }, 4, 'S-styled', {
      styled: true,
    });
    const files = Object.fromEntries(ws.files);
    const pooled = await initialIndex(files, {});
    const oneThread = await initialIndex(files, { CX_TAXONOMY_PARSE_WORKERS: '0' });
    assert.ok(pooled.published.length > 100, `${pooled.published.length} files published`);
    assert.deepEqual(pooled.published, oneThread.published);
    const stats = pooled.logs.map((l) => /^Parse workers: (\d+); of (\d+) YAML files (\d+) were parsed there/.exec(l));
    const [, workers, yaml, parsed] = stats.find((m) => m !== null)!.map(Number);
    assert.ok(workers >= 1);
    assert.ok(yaml >= 200);
    assert.ok(parsed > yaml * 0.9, pooled.logs.join('\n'));
    assert.ok(!oneThread.logs.some((l) => l.startsWith('Parse workers:')));
  });
});

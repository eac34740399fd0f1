import * as assert from 'node:assert/strict';
import { getHeapSpaceStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { collectGarbage, exposeGarbageCollection } from '../../server/src/node/collectGarbage';
import {
  OLD_GENERATION_GROWTH_PERCENT,
  oldGenerationGrowthFlag,
  SEMI_SPACE_FLAG,
  useWorker,
  YOUNG_GENERATION_MB,
} from '../../server/src/node/youngGeneration';

describe('young generation: the flag VS Code starts the server with', () => {
  it('gives the semi-spaces a worker thread gets (a young generation is three of them)', () => {
    assert.equal(SEMI_SPACE_FLAG, `--max-semi-space-size=${YOUNG_GENERATION_MB / 3}`);
    assert.equal(SEMI_SPACE_FLAG, '--max-semi-space-size=32');
  });

  it('sizes the young generation itself, so a server started with it needs no worker thread', () => {
    assert.equal(useWorker([SEMI_SPACE_FLAG], {}), false);
  });
});

describe('old generation: how far it grows before a full collection', () => {
  it('is capped for the CLI, unless the command line caps it already', () => {
    assert.equal(oldGenerationGrowthFlag([]), `--heap-growing-percent=${OLD_GENERATION_GROWTH_PERCENT}`);
    assert.equal(oldGenerationGrowthFlag(['--enable-source-maps']), '--heap-growing-percent=40');
    assert.equal(oldGenerationGrowthFlag(['--heap-growing-percent=80']), undefined);
    assert.equal(oldGenerationGrowthFlag(['--heap_growing_percent=80']), undefined);
  });
});

describe('collectGarbage: a full, compacting collection', () => {
  const scope = globalThis as { gc?: unknown };
  afterEach(() => delete scope.gc);

  it('does nothing in a thread without gc', () => {
    delete scope.gc;
    assert.equal(collectGarbage(), false);
  });

  it('runs, and gives back the pages the garbage held', () => {
    // What a thread made after exposeGarbageCollection() has (the server's), for this test's thread.
    exposeGarbageCollection();
    scope.gc = runInNewContext('gc');
    const oldSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')!;
    // Live objects spread among garbage on the same pages, as a load leaves them.
    const live: object[] = [];
    for (let round = 0; round < 4; round++) {
      let garbage: object[] = [];
      for (let i = 0; i < 300_000; i++) {
        const o = { i, s: `item-${i}`, a: [i] };
        if (i % 8 === 0) live.push(o);
        else garbage.push(o);
      }
      garbage = [];
      assert.equal(garbage.length, 0);
    }
    assert.equal(collectGarbage(), true);
    const after = oldSpace();
    // Compacted: the old generation's pages hold little besides what lives.
    assert.ok(
      after.space_size < after.space_used_size * 1.25 + 8e6,
      `old space ${after.space_size} bytes for ${after.space_used_size} used`,
    );
    assert.equal(live.length, 150_000);
  });
});

import * as assert from 'node:assert/strict';
import { collectGarbageWhenIdle } from '../../server/src/node/collectGarbage';

/** Waits while the event loop turns. */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `body` with a counting `gc` in place of the engine's (mocha's thread has none). */
async function withGc(body: (calls: () => number) => Promise<void>): Promise<void> {
  const g = globalThis as { gc?: unknown };
  const had = g.gc;
  let calls = 0;
  g.gc = () => calls++;
  try {
    await body(() => calls);
  } finally {
    g.gc = had;
  }
}

describe('the collection once the server is idle (collectGarbageWhenIdle)', () => {
  it('collects once after a quiet moment, and says the heap before and after', async () => {
    await withGc(async (calls) => {
      const told: number[][] = [];
      collectGarbageWhenIdle(
        () => false,
        (before, after) => told.push([before, after]),
        50,
      );
      assert.equal(calls(), 0, 'not at once');
      await sleep(300);
      assert.equal(calls(), 1);
      assert.equal(told.length, 1);
      assert.ok(told[0][0] > 0 && told[0][1] > 0);
    });
  });

  it('waits while the thread is busy, and collects once it is not', async () => {
    await withGc(async (calls) => {
      collectGarbageWhenIdle(
        () => false,
        () => undefined,
        50,
      );
      // Busy: the thread works most of each period.
      const until = Date.now() + 400;
      while (Date.now() < until) {
        const spin = Date.now() + 15;
        while (Date.now() < spin);
        await sleep(1);
      }
      assert.equal(calls(), 0, 'not while busy');
      await sleep(300);
      assert.equal(calls(), 1, 'once quiet');
    });
  });

  it('does nothing once stopped (the session ended)', async () => {
    await withGc(async (calls) => {
      let stopped = false;
      collectGarbageWhenIdle(
        () => stopped,
        () => undefined,
        50,
      );
      stopped = true;
      await sleep(300);
      assert.equal(calls(), 0);
    });
  });
});

import * as assert from 'node:assert/strict';
import { Debouncer } from '../../client/src/debouncer';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Debouncer (webview panels redraw once per burst)', () => {
  it('runs the action once after a burst of requests', async () => {
    let runs = 0;
    const d = new Debouncer(() => runs++);
    for (let i = 0; i < 5; i++) d.schedule(20);
    assert.equal(runs, 0);
    await pause(60);
    assert.equal(runs, 1);
  });

  it('does not run a cancelled action', async () => {
    let runs = 0;
    const d = new Debouncer(() => runs++);
    d.schedule(10);
    d.cancel();
    await pause(40);
    assert.equal(runs, 0);
    d.schedule(0);
    await pause(20);
    assert.equal(runs, 1);
  });
});

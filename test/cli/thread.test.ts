import * as assert from 'node:assert/strict';
import { NO_WORKER_ENV, useWorker } from '../../server/src/cli/thread';

describe('cli worker thread with a larger young generation (useWorker)', () => {
  it('is used by default, whatever other node flags are given', () => {
    assert.equal(useWorker([], {}), true);
    assert.equal(
      useWorker(['--cpu-prof', '--max-old-space-size=4096'], { NODE_OPTIONS: '--enable-source-maps' }),
      true,
    );
  });

  it('is not used when turned off', () => {
    assert.equal(useWorker([], { [NO_WORKER_ENV]: '1' }), false);
  });

  it('is not used when the caller sized the young generation', () => {
    assert.equal(useWorker(['--max-semi-space-size=64'], {}), false);
    assert.equal(useWorker([], { NODE_OPTIONS: '--max-old-space-size=4096 --max-semi-space-size=8' }), false);
  });
});

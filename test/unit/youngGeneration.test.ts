import * as assert from 'node:assert/strict';
import { SEMI_SPACE_FLAG, useWorker, YOUNG_GENERATION_MB } from '../../server/src/node/youngGeneration';

describe('young generation: the flag VS Code starts the server with', () => {
  it('gives the semi-spaces a worker thread gets (a young generation is three of them)', () => {
    assert.equal(SEMI_SPACE_FLAG, `--max-semi-space-size=${YOUNG_GENERATION_MB / 3}`);
    assert.equal(SEMI_SPACE_FLAG, '--max-semi-space-size=32');
  });

  it('sizes the young generation itself, so a server started with it needs no worker thread', () => {
    assert.equal(useWorker([SEMI_SPACE_FLAG], {}), false);
  });
});

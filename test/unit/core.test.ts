import * as assert from 'node:assert/strict';
import { baseTaxonomy, memoryWorkspace, summary } from '../support/workspace';

describe('core: a valid taxonomy', () => {
  it('has no problems', () => {
    const ws = memoryWorkspace(baseTaxonomy());
    assert.deepEqual(summary(ws), []);
  });
});

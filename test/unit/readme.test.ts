import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { withRulesTable } from '../../scripts/readme-rules';

describe('README', () => {
  const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  it('lists every rule with its default severity (run `npx tsx scripts/readme-rules.ts` to update)', () => {
    assert.equal(readme, withRulesTable(readme));
  });
  it('names the test command that CI runs', () => {
    assert.match(readme, /npm test/);
    assert.match(readFileSync(path.join(__dirname, '../../.ci/run'), 'utf8'), /npm test/);
  });
});

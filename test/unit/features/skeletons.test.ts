import * as assert from 'node:assert/strict';
import { SKELETONS, idFromFileName, skeletonText } from '../../../server/src/core/features/skeletons';
import { TAXONOMY_KINDS } from '../../../server/src/core';
import { memoryWorkspace, summary } from '../../support/workspace';

describe('features: file skeletons', () => {
  it('derives the id from the file name', () => {
    assert.equal(idFromFileName('personas/Busy Dad.persona.yaml'), 'busy-dad');
    assert.equal(idFromFileName('x/.persona.yml'), 'new-id');
  });

  for (const kind of TAXONOMY_KINDS) {
    it(`gives a ${kind} file that is valid YAML and passes the schema`, () => {
      assert.ok(SKELETONS[kind].startsWith(`kind: ${kind}\n`));
      const path = `new-thing.${kind}.yaml`;
      const ws = memoryWorkspace({ [path]: skeletonText(kind, path) });
      const structural = summary(ws).filter((s) => /yaml-syntax|schema|kind-mismatch/.test(s));
      assert.deepEqual(structural, []);
    });
  }
});

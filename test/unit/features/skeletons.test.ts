import * as assert from 'node:assert/strict';
import { idFromFileName, TAXONOMY_KINDS, templateSnippet, templateText } from '../../../server/src/core/domain';
import { memoryWorkspace, summary } from '../../support/workspace';

describe('features: file skeletons', () => {
  it('derives the id from the file name', () => {
    assert.equal(idFromFileName('personas/Busy Dad.persona.yaml'), 'busy-dad');
    assert.equal(idFromFileName('x/.persona.yml'), 'new-id');
    assert.equal(idFromFileName('Café & Crème.segment.yaml'), 'cafe-and-creme');
  });

  for (const kind of TAXONOMY_KINDS) {
    it(`gives a ${kind} file that is valid YAML and passes the schema`, () => {
      assert.ok(templateSnippet(kind, 'x').startsWith(`kind: ${kind}\n`));
      const path = `new-thing.${kind}.yaml`;
      // The plain text leaves owners blank for the user: fill them as the snippet's default does.
      const text = templateText(kind, idFromFileName(path), 'New thing').text.replace(/owner: $/gm, 'owner: team-id');
      const ws = memoryWorkspace({ [path]: text });
      const structural = summary(ws).filter((s) => /yaml-syntax|schema|kind-mismatch/.test(s));
      assert.deepEqual(structural, []);
    });
  }

  it('offers the snippet with tab stops and the id from the file name', () => {
    const snippet = templateSnippet('persona', 'busy-dad');
    assert.match(snippet, /^id: \$\{1:busy-dad\}$/m);
    assert.match(snippet, /^name: \$\{2:Persona name\}$/m);
    assert.match(snippet, /^owner: \$\{3:team-id\}$/m);
  });
});

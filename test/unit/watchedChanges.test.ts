import * as assert from 'node:assert/strict';
import { lastStateOfEachPath } from '../../server/src/lsp/session/watcher';

/** Watcher events seen while a folder is indexed are replayed as the last state of each path (issue 11, case 3). */
describe('watcher events replayed after indexing', () => {
  const f = (name: string) => `file:///w/${name}`;

  it('keeps the last state of each path: deleted then created is changed, created then deleted is deleted', () => {
    const out = lastStateOfEachPath([
      { uri: f('a.persona.yaml'), type: 'deleted' },
      { uri: f('b.persona.yaml'), type: 'created' },
      { uri: f('a.persona.yaml'), type: 'created' },
      { uri: f('b.persona.yaml'), type: 'deleted' },
      { uri: f('c.persona.yaml'), type: 'changed' },
      { uri: f('c.persona.yaml'), type: 'changed' },
    ]);
    assert.deepEqual(out, [
      { uri: f('a.persona.yaml'), type: 'changed' },
      { uri: f('b.persona.yaml'), type: 'deleted' },
      { uri: f('c.persona.yaml'), type: 'changed' },
    ]);
  });

  it('orders paths by their last change, so a file created in a folder deleted before it stays', () => {
    const out = lastStateOfEachPath([
      { uri: f('dir/x.kpi.yaml'), type: 'changed' },
      { uri: f('dir'), type: 'deleted' },
      { uri: f('dir/x.kpi.yaml'), type: 'created' },
    ]);
    assert.deepEqual(
      out.map((c) => c.uri),
      [f('dir'), f('dir/x.kpi.yaml')],
    );
  });
});

import * as assert from 'node:assert/strict';
import { quickFixes } from '../../../server/src/core/features/codeActions';
import { diagnosticsOf, lines, memoryWorkspace, uriOf } from '../../support/workspace';
import { featureTaxonomy } from './fixture';

describe('features: quick fixes', () => {
  it('answers the fixes recorded with the diagnostic the editor shows', () => {
    const files = featureTaxonomy();
    files['p.persona.yaml'] = files['p.persona.yaml'].replace('owner: cx-ops', 'owner: cx-opz');
    const ws = memoryWorkspace(files);
    const [d] = diagnosticsOf(ws, 'p.persona.yaml', 'unresolved-reference');
    const fixes = quickFixes(ws, uriOf('p.persona.yaml'), d.range, [
      { ruleId: d.ruleId, range: d.range, message: d.message },
    ]);
    assert.deepEqual(
      fixes.map((f) => [f.title, f.edits[0].newText, f.isPreferred]),
      [['Change to `cx-ops`', 'cx-ops', true]],
    );
  });

  it('offers nothing for a diagnostic that no longer exists (the file changed)', () => {
    const files = featureTaxonomy();
    files['p.persona.yaml'] = files['p.persona.yaml'].replace('owner: cx-ops', 'owner: cx-opz');
    const ws = memoryWorkspace(files);
    const [d] = diagnosticsOf(ws, 'p.persona.yaml', 'unresolved-reference');
    const stale = { ruleId: d.ruleId, range: d.range, message: 'an older message' };
    assert.deepEqual(quickFixes(ws, uriOf('p.persona.yaml'), d.range, [stale]), []);
  });

  it('falls back to the diagnostics under the range when the editor sends none', () => {
    const files = {
      ...featureTaxonomy(),
      'j.journey.yaml': lines(
        'kind: journey',
        'id: j',
        'name: J',
        'owner: cx-ops',
        'stages:',
        '  - id: s',
        '    name: S',
        '    touchpoints:',
        '      - id: t',
        '        name: T',
      ),
    };
    const ws = memoryWorkspace(files);
    const [d] = diagnosticsOf(ws, 'j.journey.yaml', 'touchpoint-owner');
    const fixes = quickFixes(ws, uriOf('j.journey.yaml'), d.range, []);
    // The touchpoint's owner (preferred), and its stage's, which the touchpoint would inherit.
    assert.deepEqual(
      fixes.map((f) => f.title),
      [
        'Make `cx-ops` the owner of touchpoint `T`',
        'Make `cx-ops` the owner of stage `S` (and of its touchpoints without one)',
      ],
    );
    assert.equal(fixes[0].edits[0].newText, '\n        owner: cx-ops');
    assert.equal(fixes[1].edits[0].newText, '\n    owner: cx-ops');
  });
});

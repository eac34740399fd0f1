import * as assert from 'node:assert/strict';
import { diagnosticsOf, lines, summary } from '../../support/workspace';
import { taxonomy, textOf } from '../terms/support';

const traveller = (...extra: string[]) =>
  lines('kind: persona', 'id: traveller', 'name: Ana, the traveller', 'owner: cx-ops', ...extra);

describe('rule orphan-persona', () => {
  it('hints at a persona no journey or segment uses and that lists no segment', () => {
    const ws = taxonomy({ 't.persona.yaml': traveller() });
    const [d, ...rest] = diagnosticsOf(ws, 't.persona.yaml', 'orphan-persona');
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'hint');
    assert.equal(d.unnecessary, true);
    assert.equal(textOf(ws, 't.persona.yaml', d), 'traveller');
    assert.match(d.message, /^No journey or segment uses the persona "Ana, the traveller"\./);
  });

  it('is quiet when a journey follows it, a segment lists it, it lists a segment, or it is deprecated', () => {
    assert.deepEqual(summary(taxonomy(), 'orphan-persona'), []);
    const seg = lines('kind: segment', 'id: travel', 'name: Travel', 'owner: brand-marketing', 'personas: [traveller]');
    assert.deepEqual(
      summary(taxonomy({ 't.persona.yaml': traveller(), 'travel.segment.yaml': seg }), 'orphan-persona'),
      [],
    );
    assert.deepEqual(summary(taxonomy({ 't.persona.yaml': traveller('segments: [families]') }), 'orphan-persona'), []);
    assert.deepEqual(summary(taxonomy({ 't.persona.yaml': traveller('status: deprecated') }), 'orphan-persona'), []);
  });
});

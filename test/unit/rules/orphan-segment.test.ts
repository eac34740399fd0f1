import * as assert from 'node:assert/strict';
import { diagnosticsOf, lines, summary } from '../../support/workspace';
import { taxonomy, textOf } from '../terms/support';

const students = (...extra: string[]) =>
  lines('kind: segment', 'id: students', 'name: University students', 'owner: brand-marketing', ...extra);

describe('rule orphan-segment', () => {
  it('hints at a segment no persona or journey uses and that lists no persona', () => {
    const ws = taxonomy({ 'st.segment.yaml': students() });
    const [d, ...rest] = diagnosticsOf(ws, 'st.segment.yaml', 'orphan-segment');
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'hint');
    assert.equal(d.unnecessary, true);
    assert.equal(textOf(ws, 'st.segment.yaml', d), 'students');
    assert.match(d.message, /^No persona or journey uses the segment "University students"\./);
  });

  it('is quiet when a persona or journey lists it, it lists a persona, or it is deprecated', () => {
    assert.deepEqual(summary(taxonomy(), 'orphan-segment'), []);
    const persona = lines('kind: persona', 'id: student', 'name: Student', 'owner: cx-ops', 'segments: [students]');
    assert.deepEqual(
      summary(taxonomy({ 'st.segment.yaml': students(), 'student.persona.yaml': persona }), 'orphan-segment'),
      [],
    );
    assert.deepEqual(
      summary(taxonomy({ 'st.segment.yaml': students('personas: [busy-parent]') }), 'orphan-segment'),
      [],
    );
    assert.deepEqual(summary(taxonomy({ 'st.segment.yaml': students('status: deprecated') }), 'orphan-segment'), []);
  });
});

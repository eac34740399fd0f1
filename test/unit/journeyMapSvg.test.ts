import * as assert from 'node:assert/strict';
import { renderJourneyMapSvg, wrap, xml } from '../../client/src/journeyMap/svg';
import { journeyMapOf } from '../../server/src/core/journeyMap';
import { baseTaxonomy, lines, memoryWorkspace, uriOf } from '../support/workspace';

function model(name = 'Welcome email') {
  const ws = memoryWorkspace({
    ...baseTaxonomy(),
    'j.journey.yaml': lines(
      'kind: journey',
      'id: onboarding',
      'name: Onboarding',
      'stages:',
      '  - id: welcome',
      '    name: Welcome',
      '    touchpoints:',
      '      - id: welcome-email',
      `        name: ${JSON.stringify(name)}`,
      '        owner: brand-marketing',
      '        handoff: cx-ops',
      '      - id: call',
      '        name: Call',
      '        owner: cx-ops',
      '      - id: orphan',
      '        name: Orphan',
    ),
  });
  const m = journeyMapOf(ws, uriOf('j.journey.yaml'));
  assert.ok(m);
  return m;
}

describe('journey map SVG export', () => {
  it('escapes markup and drops characters XML forbids', () => {
    assert.equal(xml('<script>&"\'\u0001'), '&lt;script&gt;&amp;&quot;&apos;');
  });

  it('wraps long names within a few lines', () => {
    assert.deepEqual(wrap('a b c', 3), ['a b', 'c']);
    assert.equal(wrap('word '.repeat(100), 20, 3).length, 3);
    assert.ok(wrap('x'.repeat(50), 10, 9).every((l) => l.length <= 10));
  });

  it('renders a standalone SVG with user text escaped', () => {
    const svg = renderJourneyMapSvg(model('<img src=x onerror=alert(1)> & co'));
    assert.match(svg, /^<\?xml/);
    assert.ok(svg.includes('&lt;img src=x onerror=alert(1)&gt; &amp; co'));
    assert.ok(!svg.includes('<img'));
    assert.ok(!/https?:\/\/(?!www\.w3\.org\/2000\/svg)/.test(svg), 'no remote references');
  });

  it('draws the unowned card in red with its reason, and the handoff as an arrow', () => {
    const svg = renderJourneyMapSvg(model());
    assert.ok(svg.includes('No owner'));
    assert.ok(svg.includes('Touchpoint Orphan in stage Welcome'), 'the touchpoint-owner message');
    assert.equal((svg.match(/class="handoff"/g) ?? []).length, 1);
    assert.ok(svg.includes('#8e44ad'), 'marketing colour for the brand-marketing card');
  });

  it('marks a deprecated touchpoint (struck, dashed, with its reason), a draft journey and a deprecated KPI', () => {
    const ws = memoryWorkspace(
      {
        ...baseTaxonomy(),
        'k.kpi.yaml': baseTaxonomy()['k.kpi.yaml'] + lines('status: deprecated', 'replacedBy: csat'),
        'j.journey.yaml': lines(
          'kind: journey',
          'id: onboarding',
          'name: Onboarding',
          'status: draft',
          'stages:',
          '  - id: welcome',
          '    name: Welcome',
          '    touchpoints:',
          '      - id: fax',
          '        name: Fax the form',
          '        owner: cx-ops',
          '        status: deprecated',
          '        kpis: [nps]',
        ),
      },
      { today: '2026-12-03' },
    );
    const svg = renderJourneyMapSvg(journeyMapOf(ws, uriOf('j.journey.yaml'))!);
    assert.match(svg, /<text class="mark"[^>]*>Draft: not approved yet\.<\/text>/);
    assert.match(svg, /<text class="name struck"[^>]*>Fax the form<\/text>/);
    assert.match(svg, /<text class="mark"[^>]*>Deprecated\.<\/text>/);
    assert.match(svg, /stroke-dasharray="5 3"\/>/);
    assert.match(svg, />KPIs: nps \(deprecated\)</);
  });
});

import * as assert from 'node:assert/strict';
import { facetKey, normaliseLabel } from '../../../server/src/core';
import { STAGE_NAME_FACET } from '../../../server/src/core/rules/lifecycle-mapping-conflict';
import { baseTaxonomy, diagnosticsOf, lines, memoryWorkspace, summary, uriOf } from '../../support/workspace';
import { taxonomy, textOf } from '../terms/support';

const journey = (id: string, stageName: string, lifecycle: string) =>
  lines(
    'kind: journey',
    `id: ${id}`,
    `name: ${id}`,
    'persona: busy-parent',
    'owner: cx-ops',
    'stages:',
    `  - id: s1`,
    `    name: ${stageName}`,
    `    lifecycleStage: ${lifecycle}`,
    '    touchpoints: []',
  );

describe('rule lifecycle-mapping-conflict', () => {
  it('reports each mapping of a same-named stage to another lifecycle stage, linking the other', () => {
    const ws = taxonomy({
      'a.journey.yaml': journey('a', 'Discover', 'awareness'),
      'b.journey.yaml': journey('b', 'discover', 'consideration'),
    });
    assert.deepEqual(summary(ws, 'lifecycle-mapping-conflict'), [
      'a.journey.yaml:9 lifecycle-mapping-conflict',
      'b.journey.yaml:9 lifecycle-mapping-conflict',
    ]);
    const [d] = diagnosticsOf(ws, 'a.journey.yaml', 'lifecycle-mapping-conflict');
    assert.equal(d.severity, 'warning');
    assert.equal(textOf(ws, 'a.journey.yaml', d), 'awareness');
    assert.match(
      d.message,
      /^The stage "Discover" maps to the lifecycle stage `awareness` here, but to `consideration` in journey `b`\./,
    );
    assert.equal(d.related?.[0].location.uri, uriOf('b.journey.yaml'));
    assert.equal(d.related?.[0].location.range.start.line, 8);
  });

  it('is quiet for the same mapping, other names, and stages without a mapping', () => {
    assert.deepEqual(
      summary(
        taxonomy({
          'a.journey.yaml': journey('a', 'Discover', 'awareness'),
          'b.journey.yaml': journey('b', 'Discover', 'awareness'),
        }),
        'lifecycle-mapping-conflict',
      ),
      [],
    );
    assert.deepEqual(
      summary(
        taxonomy({
          'a.journey.yaml': journey('a', 'Discover', 'awareness'),
          'b.journey.yaml': journey('b', 'Explore', 'consideration'),
        }),
        'lifecycle-mapping-conflict',
      ),
      [],
    );
    assert.deepEqual(
      summary(
        taxonomy({
          'a.journey.yaml': journey('a', 'Discover', 'awareness'),
          'b.journey.yaml': journey('b', 'Discover', ''),
        }),
        'lifecycle-mapping-conflict',
      ),
      [],
    );
  });

  it('re-checks only the journeys that share the stage name', () => {
    const ws = taxonomy({
      'a.journey.yaml': journey('a', 'Discover', 'awareness'),
      'b.journey.yaml': journey('b', 'Discover', 'awareness'),
      'c.journey.yaml': journey('c', 'Explore', 'awareness'),
    });
    assert.deepEqual([...ws.dependentsOf(facetKey(STAGE_NAME_FACET, normaliseLabel('Discover')))].sort(), [
      uriOf('a.journey.yaml'),
      uriOf('b.journey.yaml'),
    ]);
    ws.setFile(uriOf('b.journey.yaml'), 'b.journey.yaml', journey('b', 'Discover', 'consideration'));
    assert.deepEqual([...ws.pending()].sort(), [uriOf('a.journey.yaml'), uriOf('b.journey.yaml')]);
    ws.flush();
    assert.deepEqual(summary(ws, 'lifecycle-mapping-conflict'), [
      'a.journey.yaml:9 lifecycle-mapping-conflict',
      'b.journey.yaml:9 lifecycle-mapping-conflict',
    ]);
  });
});

describe('rule lifecycle-mapping-conflict at scale', () => {
  it('names a few journeys per mapping and links at most 20 places when many disagree', () => {
    const journey = (id: string, stage: string) =>
      lines(
        'kind: journey',
        `id: ${id}`,
        `name: ${id}`,
        'owner: cx-ops',
        'stages:',
        '  - id: discover',
        '    name: Discover',
        `    lifecycleStage: ${stage}`,
        '    owner: cx-ops',
        '    touchpoints: []',
      );
    const files: Record<string, string> = { ...baseTaxonomy(), 'a.journey.yaml': journey('a', 'awareness') };
    for (let i = 0; i < 50; i++) files[`j${i}.journey.yaml`] = journey(`j${i}`, 'consideration');
    const ws = memoryWorkspace(files);
    const [d] = diagnosticsOf(ws, 'a.journey.yaml', 'lifecycle-mapping-conflict');
    assert.match(d.message, /`consideration` in 50 journeys \(`j\d+`, `j\d+`, `j\d+`, …\)/);
    assert.equal(d.related?.length, 20);
  });
});

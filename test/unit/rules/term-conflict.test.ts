import * as assert from 'node:assert/strict';
import { diagnosticsOf, lines, summary, uriOf } from '../../support/workspace';
import { taxonomy } from '../terms/support';

const marketing = (extra: string[] = []) =>
  lines(
    'kind: glossary',
    'vocabulary: marketing',
    'terms:',
    '  - id: campaign-engagement',
    '    term: Engagement',
    '    definition: Clicks and opens per thousand people reached.',
    ...extra,
  );
const cx = (alias = 'engagements', extra: string[] = []) =>
  lines(
    'kind: glossary',
    'vocabulary: cx',
    'terms:',
    '  - id: customer-engagement',
    '    term: Customer engagement',
    '    definition: How much a customer relies on us.',
    `    aliases: [${alias}]`,
    ...extra,
  );

describe('rule term-conflict', () => {
  it('reports both colliding labels (case and plural aside), each pointing at the other', () => {
    const ws = taxonomy({ 'marketing.glossary.yaml': marketing(), 'cx.glossary.yaml': cx() });
    assert.deepEqual(summary(ws, 'term-conflict'), [
      'cx.glossary.yaml:7 term-conflict',
      'marketing.glossary.yaml:5 term-conflict',
    ]);
    const [m] = diagnosticsOf(ws, 'marketing.glossary.yaml', 'term-conflict');
    assert.equal(m.severity, 'warning');
    assert.deepEqual(m.range, { start: { line: 4, character: 10 }, end: { line: 4, character: 20 } });
    assert.match(
      m.message,
      /^"Engagement" \(marketing\) is also a label of the CX term `customer-engagement` \("Customer engagement"\), which is defined differently\./,
    );
    assert.equal(m.related?.[0].location.uri, uriOf('cx.glossary.yaml'));
    assert.equal(m.related?.[0].location.range.start.line, 6);
    const [c] = diagnosticsOf(ws, 'cx.glossary.yaml', 'term-conflict');
    assert.equal(c.related?.[0].location.uri, uriOf('marketing.glossary.yaml'));
    assert.match(c.message, /the marketing term `campaign-engagement`/);
  });

  it('is quiet when the terms are linked with `equivalent` (either way)', () => {
    const ws = taxonomy({
      'marketing.glossary.yaml': marketing(['    equivalent: customer-engagement']),
      'cx.glossary.yaml': cx(),
    });
    assert.deepEqual(summary(ws, 'term-conflict'), []);
  });

  it('is quiet when the definitions agree', () => {
    const ws = taxonomy({
      'marketing.glossary.yaml': marketing(),
      'cx.glossary.yaml': cx('engagement', []).replace(
        'How much a customer relies on us.',
        'clicks and opens per thousand  people reached',
      ),
    });
    assert.deepEqual(summary(ws, 'term-conflict'), []);
  });

  it('leaves labels within one vocabulary and labels to avoid to label-clash', () => {
    const sameVocab = cx('engagement').replace('vocabulary: cx', 'vocabulary: marketing');
    assert.deepEqual(
      summary(taxonomy({ 'marketing.glossary.yaml': marketing(), 'cx.glossary.yaml': sameVocab }), 'term-conflict'),
      [],
    );
    const avoided = cx('journey').replace('aliases: [journey]', 'avoid: [engagement]');
    assert.deepEqual(
      summary(taxonomy({ 'marketing.glossary.yaml': marketing(), 'cx.glossary.yaml': avoided }), 'term-conflict'),
      [],
    );
  });

  it('goes away on both sides when one label is renamed', () => {
    const ws = taxonomy({ 'marketing.glossary.yaml': marketing(), 'cx.glossary.yaml': cx() });
    ws.setFile(uriOf('cx.glossary.yaml'), 'cx.glossary.yaml', cx('reliance'));
    ws.flush();
    assert.deepEqual(summary(ws, 'term-conflict'), []);
  });
});

import * as assert from 'node:assert/strict';
import { diagnosticsOf, lines, summary } from '../../support/workspace';
import { taxonomy, textOf } from '../terms/support';

const glossary = (a: string, b: string) =>
  lines(
    'kind: glossary',
    'vocabulary: marketing',
    'terms:',
    '  - id: upsell',
    '    term: Upsell',
    '    definition: Selling more.',
    `    equivalent: ${a}`,
    '  - id: clv',
    '    term: Customer lifetime value',
    '    definition: Margin over the relationship.',
    `    equivalent: ${b}`,
  );

describe('rule equivalent-same-vocabulary', () => {
  it('reports an `equivalent` between two terms of one vocabulary, on both', () => {
    const ws = taxonomy({ 'extra.glossary.yaml': glossary('clv', 'upsell') });
    assert.deepEqual(summary(ws, 'equivalent-same-vocabulary'), [
      'extra.glossary.yaml:11 equivalent-same-vocabulary',
      'extra.glossary.yaml:7 equivalent-same-vocabulary',
    ]);
    const [d] = diagnosticsOf(ws, 'extra.glossary.yaml', 'equivalent-same-vocabulary');
    assert.equal(d.severity, 'warning');
    assert.equal(textOf(ws, 'extra.glossary.yaml', d), 'clv');
    assert.match(d.message, /^`clv` is a term of the same marketing vocabulary\./);
  });

  it('reports a term that is its own equivalent', () => {
    const ws = taxonomy({ 'extra.glossary.yaml': glossary('upsell', 'persona') });
    assert.match(
      diagnosticsOf(ws, 'extra.glossary.yaml', 'equivalent-same-vocabulary')[0].message,
      /names itself as its equivalent/,
    );
  });

  it('is quiet for equivalents across vocabularies', () => {
    assert.deepEqual(summary(taxonomy(), 'equivalent-same-vocabulary'), []);
  });
});

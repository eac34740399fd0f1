import * as assert from 'node:assert/strict';
import { diagnosticsOf, lines, summary, uriOf } from '../../support/workspace';
import { taxonomy, textOf } from '../terms/support';

const glossary = (vocabulary: string, ...terms: string[][]) =>
  lines('kind: glossary', `vocabulary: ${vocabulary}`, 'terms:', ...terms.flat());
const term = (id: string, label: string, ...extra: string[]) => [
  `  - id: ${id}`,
  `    term: ${label}`,
  `    definition: About ${id}.`,
  ...extra,
];

describe('rule label-clash', () => {
  it('reports a label that is the term of one and an alias of another term of one vocabulary, on both', () => {
    const g = glossary(
      'marketing',
      term('customer-lifecycle', 'Customer lifecycle', '    aliases: [lifecycle stages]'),
      term('lifecycle-stage', 'Lifecycle stage'),
    );
    const ws = taxonomy({ 'extra.glossary.yaml': g });
    assert.deepEqual(summary(ws, 'label-clash'), [
      'extra.glossary.yaml:7 label-clash',
      'extra.glossary.yaml:9 label-clash',
    ]);
    const [alias, preferred] = diagnosticsOf(ws, 'extra.glossary.yaml', 'label-clash');
    assert.equal(alias.severity, 'warning');
    assert.equal(textOf(ws, 'extra.glossary.yaml', alias), 'lifecycle stages');
    assert.match(
      alias.message,
      /^"lifecycle stages" is an alias here and the preferred term of `lifecycle-stage`, both in the marketing vocabulary\./,
    );
    assert.equal(alias.related?.[0].location.range.start.line, 8);
    assert.match(
      preferred.message,
      /^"Lifecycle stage" is the preferred term here and an alias of `customer-lifecycle`/,
    );
  });

  it('reports a label avoided by one term and accepted by another, in any vocabularies', () => {
    const sales = glossary('sales', term('target-group', 'Target group'));
    const ws = taxonomy({ 'sales.glossary.yaml': sales });
    assert.deepEqual(summary(ws, 'label-clash'), [
      'marketing.glossary.yaml:9 label-clash',
      'sales.glossary.yaml:5 label-clash',
    ]);
    const [avoided] = diagnosticsOf(ws, 'marketing.glossary.yaml', 'label-clash');
    assert.match(
      avoided.message,
      /^"target group" is listed here as a label to avoid, but it is the preferred term of `target-group`\./,
    );
    assert.equal(avoided.related?.[0].location.uri, uriOf('sales.glossary.yaml'));
  });

  it('reports a label given two roles in one term', () => {
    const g = glossary(
      'cx',
      term('nps', 'NPS', '    aliases: [Net promoter score, nps]', '    avoid: [net promoter scores]'),
    );
    const ws = taxonomy({ 'extra.glossary.yaml': g });
    const ds = diagnosticsOf(ws, 'extra.glossary.yaml', 'label-clash');
    assert.deepEqual(
      ds.map((d) => textOf(ws, 'extra.glossary.yaml', d)),
      ['nps', 'net promoter scores'],
    );
    assert.match(
      ds[0].message,
      /^"nps" is already the preferred term here; a label has one role in a term\. Remove it from `aliases`\./,
    );
    assert.match(ds[1].message, /^"net promoter scores" is already an alias here/);
  });

  it('leaves one label in two vocabularies to term-conflict, and is quiet for distinct labels', () => {
    assert.deepEqual(summary(taxonomy(), 'label-clash'), []);
    const sales = glossary('sales', term('sales-segment', 'Segment'));
    assert.deepEqual(summary(taxonomy({ 'sales.glossary.yaml': sales }), 'label-clash'), []);
  });
});

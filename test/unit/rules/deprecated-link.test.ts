import * as assert from 'node:assert/strict';
import { diagnosticsOf, lines, summary } from '../../support/workspace';
import { taxonomy, textOf } from '../terms/support';

const glossary = (status: string, field: string) =>
  lines(
    'kind: glossary',
    'vocabulary: marketing',
    'terms:',
    '  - id: funnel',
    '    term: Funnel',
    '    definition: The old model.',
    '    status: deprecated',
    '  - id: lifecycle',
    '    term: Lifecycle',
    '    definition: The new model.',
    `    status: ${status}`,
    `    ${field}`,
  );

describe('rule deprecated-link', () => {
  it('reports an approved term linking to a deprecated one, at the link', () => {
    for (const field of ['related: [funnel]', 'broader: funnel']) {
      const ws = taxonomy({ 'extra.glossary.yaml': glossary('approved', field) });
      const [d, ...rest] = diagnosticsOf(ws, 'extra.glossary.yaml', 'deprecated-link');
      assert.equal(rest.length, 0, field);
      assert.equal(d.severity, 'warning');
      assert.equal(d.deprecated, true);
      assert.equal(textOf(ws, 'extra.glossary.yaml', d), 'funnel');
      assert.match(
        d.message,
        /^This approved term links in `(related|broader)` to `funnel` \("Funnel"\), which is deprecated\./,
      );
    }
  });

  it('is quiet for draft terms and for links to live terms', () => {
    assert.deepEqual(
      summary(taxonomy({ 'extra.glossary.yaml': glossary('draft', 'related: [funnel]') }), 'deprecated-link'),
      [],
    );
    assert.deepEqual(summary(taxonomy(), 'deprecated-link'), []);
  });
});

import * as assert from 'node:assert/strict';
import { diagnosticsOf, lines, summary, uriOf } from '../../support/workspace';
import { taxonomy } from '../terms/support';

/** A glossary of one vocabulary holding terms given as [id, label, aliases?, extra lines?]. */
function glossary(vocabulary: string, terms: [string, string, string[]?, string[]?][]): string {
  return lines(
    'kind: glossary',
    `vocabulary: ${vocabulary}`,
    'terms:',
    ...terms.flatMap(([id, label, aliases, extra]) => [
      `  - id: ${id}`,
      `    term: ${label}`,
      `    definition: What ${id} means here.`,
      ...(aliases ? [`    aliases: [${aliases.join(', ')}]`] : []),
      ...(extra ?? []),
    ]),
  );
}

const rule = 'near-duplicate-term';

describe('rule near-duplicate-term', () => {
  it('reports labels that differ only by case, hyphens or spaces, both sides, each pointing at the other', () => {
    const ws = taxonomy({
      'a.glossary.yaml': glossary('marketing', [['e-mail', 'E-mail']]),
      'b.glossary.yaml': glossary('cx', [['email-contact', 'Email contact', ['email']]]),
    });
    assert.deepEqual(summary(ws, rule), [
      'a.glossary.yaml:5 near-duplicate-term',
      'b.glossary.yaml:7 near-duplicate-term',
    ]);
    const [a] = diagnosticsOf(ws, 'a.glossary.yaml', rule);
    assert.equal(a.severity, 'warning');
    assert.deepEqual(a.range, { start: { line: 4, character: 10 }, end: { line: 4, character: 16 } });
    assert.match(
      a.message,
      /^"E-mail" \(the marketing term `e-mail`\) and "email" \(the CX term `email-contact`\) differ only in case, hyphens or spaces\./,
    );
    assert.equal(a.related?.[0].location.uri, uriOf('b.glossary.yaml'));
    assert.equal(a.related?.[0].location.range.start.line, 6);
    assert.match(a.related?.[0].message ?? '', /"email", an alias of the CX term `email-contact`/);
    const [b] = diagnosticsOf(ws, 'b.glossary.yaml', rule);
    assert.equal(b.related?.[0].location.uri, uriOf('a.glossary.yaml'));
    assert.equal(b.related?.[0].location.range.start.line, 4);
  });

  it('reports "check out" and "checkouts" (a space and a plural)', () => {
    const ws = taxonomy({
      'a.glossary.yaml': glossary('marketing', [
        ['check-out', 'Check out'],
        ['checkout-page', 'Checkout page', ['checkouts']],
      ]),
    });
    assert.deepEqual(summary(ws, rule), [
      'a.glossary.yaml:10 near-duplicate-term',
      'a.glossary.yaml:5 near-duplicate-term',
    ]);
  });

  for (const [british, american] of [
    ['personalisation', 'personalization'],
    ['behaviour', 'behavior'],
    ['analyse', 'analyze'],
    ['centre', 'center'],
    ['travelled', 'traveled'],
    ['hyperpersonalised offer', 'hyperpersonalized offer'],
    ['loyalty programme', 'loyalty program'],
  ])
    it(`reports British and American spellings: "${british}" and "${american}"`, () => {
      const ws = taxonomy({
        'a.glossary.yaml': glossary('marketing', [['british', british]]),
        'b.glossary.yaml': glossary('cx', [['american', american]]),
      });
      assert.deepEqual(summary(ws, rule), [
        'a.glossary.yaml:5 near-duplicate-term',
        'b.glossary.yaml:5 near-duplicate-term',
      ]);
      assert.match(
        diagnosticsOf(ws, 'a.glossary.yaml', rule)[0].message,
        /differ only in British and American spelling/,
      );
    });

  it('reports labels of 8 letters or more one edit apart, and not shorter ones or other short words', () => {
    const ws = taxonomy({
      'a.glossary.yaml': glossary('marketing', [
        ['onboarding', 'Onboarding'],
        ['journey-map', 'Journey map'],
        ['sales-lead', 'Sales lead'],
      ]),
      'b.glossary.yaml': glossary('cx', [
        ['onbording', 'Onbording'],
        ['journey-gap', 'Journey gap'],
        ['sales-load', 'Sales load'],
      ]),
    });
    assert.deepEqual(summary(ws, rule), [
      'a.glossary.yaml:5 near-duplicate-term',
      'b.glossary.yaml:5 near-duplicate-term',
    ]);
    assert.match(diagnosticsOf(ws, 'b.glossary.yaml', rule)[0].message, /are one letter apart/);
    const short = taxonomy({
      'a.glossary.yaml': glossary('marketing', [['reach', 'Reach']]),
      'b.glossary.yaml': glossary('cx', [['teach', 'Teach']]),
    });
    assert.deepEqual(summary(short, rule), []);
  });

  it('is quiet when the terms are linked by `equivalent` or `replacedBy`, either way', () => {
    for (const [extraA, extraB] of [
      [['    equivalent: email-contact'], []],
      [[], ['    equivalent: e-mail']],
      [['    replacedBy: email-contact', '    status: deprecated'], []],
    ]) {
      const ws = taxonomy({
        'a.glossary.yaml': glossary('marketing', [['e-mail', 'E-mail', undefined, extraA]]),
        'b.glossary.yaml': glossary('cx', [['email-contact', 'Email contact', ['email'], extraB]]),
      });
      assert.deepEqual(summary(ws, rule), [], JSON.stringify(extraA.concat(extraB)));
    }
  });

  it('leaves identical labels (case and plural aside) to term-conflict and label-clash, and labels to avoid alone', () => {
    const ws = taxonomy({
      'a.glossary.yaml': glossary('marketing', [['engagement', 'Engagement']]),
      'b.glossary.yaml': glossary('cx', [['customer-engagement', 'Customer engagement', ['engagements']]]),
    });
    assert.deepEqual(summary(ws, rule), []);
    assert.equal(summary(ws, 'term-conflict').length, 2);
    const avoided = taxonomy({
      'a.glossary.yaml': glossary('marketing', [['email', 'Email']]),
      'b.glossary.yaml': glossary('cx', [['mail', 'Mail', undefined, ['    avoid: [e-mail]']]]),
    });
    assert.deepEqual(summary(avoided, rule), []);
  });

  it('is quiet for two labels of one term and for unrelated labels', () => {
    const ws = taxonomy({
      'a.glossary.yaml': glossary('marketing', [
        ['email', 'Email', ['e-mail', 'E mail']],
        ['colour', 'Colour scheme'],
      ]),
    });
    assert.deepEqual(summary(ws, rule), []);
  });

  it('follows edits: appears when the other label is written, and goes when it is renamed', () => {
    const ws = taxonomy({
      'a.glossary.yaml': glossary('marketing', [['centre', 'Contact centre']]),
      'b.glossary.yaml': glossary('cx', [['hub', 'Contact hub']]),
    });
    assert.deepEqual(summary(ws, rule), []);
    ws.setFile(uriOf('b.glossary.yaml'), 'b.glossary.yaml', glossary('cx', [['hub', 'Contact center']]));
    ws.flush();
    assert.deepEqual(summary(ws, rule), [
      'a.glossary.yaml:5 near-duplicate-term',
      'b.glossary.yaml:5 near-duplicate-term',
    ]);
    ws.setFile(uriOf('b.glossary.yaml'), 'b.glossary.yaml', glossary('cx', [['hub', 'Contact hub']]));
    ws.flush();
    assert.deepEqual(summary(ws, rule), []);
  });
});

import * as assert from 'node:assert/strict';
import { safeFixOf } from '../../../server/src/core/features';
import { diagnosticsOf, lines, summary, uriOf } from '../../support/workspace';
import { applyEdits, taxonomy } from '../terms/support';

const rule = 'acronym-term';

const acronymGlossary = (extra: string[] = []) =>
  lines(
    'kind: glossary',
    'vocabulary: marketing',
    'terms:',
    '  - id: clv',
    '    term: CLV',
    '    definition: What a customer is worth to us over the whole relationship.',
    ...extra,
  );

const spelt = (aliases?: string, extra: string[] = []) =>
  lines(
    'kind: glossary',
    'vocabulary: marketing',
    'terms:',
    '  - id: customer-lifetime-value',
    '    term: Customer lifetime value',
    '    definition: The margin a customer brings over the whole relationship.',
    ...(aliases === undefined ? [] : [`    aliases: ${aliases}`]),
    ...extra,
  );

describe('rule acronym-term', () => {
  it('reports an acronym term whose spelt-out term does not list it, with a fix adding the alias (key missing)', () => {
    const ws = taxonomy({ 'a.glossary.yaml': acronymGlossary(), 'b.glossary.yaml': spelt() });
    assert.deepEqual(summary(ws, rule), ['a.glossary.yaml:5 acronym-term']);
    const [d] = diagnosticsOf(ws, 'a.glossary.yaml', rule);
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.range, { start: { line: 4, character: 10 }, end: { line: 4, character: 13 } });
    assert.match(
      d.message,
      /^"CLV" \(the marketing term `clv`\) stands for "Customer lifetime value" \(the marketing term `customer-lifetime-value`\), which does not list it\./,
    );
    assert.equal(d.related?.[0].location.uri, uriOf('b.glossary.yaml'));
    assert.equal(d.related?.[0].location.range.start.line, 4);
    assert.equal(d.fixes?.length, 1);
    assert.equal(d.fixes![0].isPreferred, true);
    assert.equal(d.fixes![0].title, 'Add "CLV" to the aliases of term `customer-lifetime-value`');
    const after = applyEdits(ws, d.fixes![0].edits);
    assert.equal(
      after['b.glossary.yaml'],
      spelt().replace('value\n    definition', 'value\n    aliases: [CLV]\n    definition'),
    );
    assert.deepEqual(summary(ws, rule), []);
  });

  it('adds to a flow list and to a block list of aliases', () => {
    const flow = taxonomy({ 'a.glossary.yaml': acronymGlossary(), 'b.glossary.yaml': spelt('[lifetime value]') });
    const [f] = diagnosticsOf(flow, 'a.glossary.yaml', rule);
    assert.match(applyEdits(flow, f.fixes![0].edits)['b.glossary.yaml'], /aliases: \[lifetime value, CLV\]/);
    const block = taxonomy({
      'a.glossary.yaml': acronymGlossary(),
      'b.glossary.yaml': spelt('', ['      - lifetime value']).replace('aliases: \n', 'aliases:\n'),
    });
    const [b] = diagnosticsOf(block, 'a.glossary.yaml', rule);
    assert.match(
      applyEdits(block, b.fixes![0].edits)['b.glossary.yaml'],
      /aliases:\n {6}- lifetime value\n {6}- CLV\n/,
    );
  });

  it('prefers the fix with one spelt-out term, offers a choice with two, and leaves both to a person (no safe fix)', () => {
    const one = taxonomy({
      'a.glossary.yaml': acronymGlossary([
        '  - id: customer-lifetime-value',
        '    term: Customer lifetime value',
        '    definition: The margin a customer brings.',
      ]),
    });
    const [d] = diagnosticsOf(one, 'a.glossary.yaml', rule);
    assert.equal(d.fixes?.[0].isPreferred, true);
    assert.ok(d.fixes![0].edits.length > 0);
    assert.equal(
      safeFixOf(d, uriOf('a.glossary.yaml')),
      undefined,
      'the acronym stays on two terms until one is retired',
    );
    const two = taxonomy({
      'a.glossary.yaml': acronymGlossary(),
      'b.glossary.yaml': spelt(),
      'c.glossary.yaml': lines(
        'kind: glossary',
        'vocabulary: cx',
        'terms:',
        '  - id: cost-per-lead-visit',
        '    term: Cost per lead visit',
        '    definition: Spend divided by visits.',
        '    aliases: [cost-of-lead visit]',
      ),
    });
    const [m] = diagnosticsOf(two, 'a.glossary.yaml', rule);
    assert.equal(m.fixes?.length, 2);
    assert.ok(m.fixes!.every((f) => !f.isPreferred));
    assert.match(m.message, /none of which lists it/);
    assert.equal(safeFixOf(m, uriOf('a.glossary.yaml')), undefined);
  });

  it('finds acronyms that leave small words out ("voice of the customer": VOC)', () => {
    const ws = taxonomy({
      'a.glossary.yaml': acronymGlossary().replace(/CLV/, 'VOC').replace('id: clv', 'id: voc'),
      'b.glossary.yaml': spelt().replace('Customer lifetime value', 'Voice of the customer'),
    });
    assert.deepEqual(summary(ws, rule), ['a.glossary.yaml:5 acronym-term']);
  });

  it('is quiet when the spelt-out term lists the acronym (alias or avoid), or spells it itself', () => {
    for (const b of [spelt('[CLV]'), spelt(undefined, ['    avoid: [CLV]'])]) {
      const ws = taxonomy({ 'a.glossary.yaml': acronymGlossary(), 'b.glossary.yaml': b });
      assert.deepEqual(summary(ws, rule), []);
    }
    const own = taxonomy({
      'a.glossary.yaml': acronymGlossary(['    aliases: [customer lifetime value]']),
      'b.glossary.yaml': spelt().replace('Customer lifetime value', 'Cost of lost volume'),
    });
    assert.deepEqual(summary(own, rule), []);
  });

  it('is quiet when the terms are linked by `equivalent` or `replacedBy`, or no term spells it out', () => {
    for (const [a, b] of [
      [acronymGlossary(['    equivalent: customer-lifetime-value']), spelt()],
      [acronymGlossary(), spelt(undefined, ['    equivalent: clv'])],
      [acronymGlossary(['    status: deprecated', '    replacedBy: customer-lifetime-value']), spelt()],
      [acronymGlossary(), spelt().replace('Customer lifetime value', 'Lifetime value')],
    ]) {
      const ws = taxonomy({ 'a.glossary.yaml': a, 'b.glossary.yaml': b });
      assert.deepEqual(summary(ws, rule), []);
    }
  });

  it('follows edits of the other file: appears when a term spells the acronym out, goes when it lists it', () => {
    const ws = taxonomy({
      'a.glossary.yaml': acronymGlossary(),
      'b.glossary.yaml': spelt().replace('Customer lifetime value', 'Lifetime value'),
    });
    assert.deepEqual(summary(ws, rule), []);
    ws.setFile(uriOf('b.glossary.yaml'), 'b.glossary.yaml', spelt());
    ws.flush();
    assert.deepEqual(summary(ws, rule), ['a.glossary.yaml:5 acronym-term']);
    ws.setFile(uriOf('b.glossary.yaml'), 'b.glossary.yaml', spelt('[CLV]'));
    ws.flush();
    assert.deepEqual(summary(ws, rule), []);
  });
});

import * as assert from 'node:assert/strict';
import {
  caseStyleOf,
  matchCase,
  normaliseLabel,
  TermMatcher,
  wordKey,
  type MatchLabel,
} from '../../../server/src/core/terms';

interface L extends MatchLabel {
  id: string;
}

function matcher(...labels: string[]): TermMatcher<L> {
  return TermMatcher.build(labels.map((label, i) => ({ label, id: `t${i}` })));
}

/** The occurrences as `text@start` strings, easy to compare. */
function found(m: TermMatcher<L>, text: string): string[] {
  return m.findAll(text).map((x) => `${x.text}@${x.start}`);
}

describe('terms: matcher', () => {
  it('finds a label case-insensitively, with its offsets', () => {
    const m = matcher('Segment');
    assert.deepEqual(found(m, 'Each SEGMENT and each segment'), ['SEGMENT@5', 'segment@22']);
  });

  it('treats singular and plural as the same word', () => {
    const m = matcher('customer journey', 'KPI', 'persona', 'category', 'touch', 'cookie', 'business');
    assert.deepEqual(found(m, 'customer journeys'), ['customer journeys@0']);
    assert.deepEqual(found(m, 'our KPIs'), ['KPIs@4']);
    assert.deepEqual(found(m, 'personas'), ['personas@0']);
    assert.deepEqual(found(m, 'categories'), ['categories@0']);
    assert.deepEqual(found(m, 'touches'), ['touches@0']);
    assert.deepEqual(found(m, 'cookies'), ['cookies@0']);
    assert.deepEqual(found(m, 'businesses'), ['businesses@0']);
  });

  it('finds the singular of a label written in the plural', () => {
    assert.deepEqual(found(matcher('Target groups'), 'a target group'), ['target group@2']);
  });

  it('keeps short acronyms as written (CES is not the plural of CE)', () => {
    assert.equal(wordKey('ces'), 'ces');
    assert.notEqual(normaliseLabel('CES'), normaliseLabel('CE'));
    assert.deepEqual(found(matcher('CE'), 'CES'), []);
  });

  it('matches multi-word terms across line breaks and extra whitespace', () => {
    const m = matcher('customer journey map');
    assert.deepEqual(found(m, 'the customer\n    journey   map.'), ['customer\n    journey   map@4']);
    assert.deepEqual(found(m, 'the customer\r\n journey\tmap'), ['customer\r\n journey\tmap@4']);
  });

  it('prefers the longest label at a position', () => {
    const m = matcher('customer journey', 'customer journey map', 'journey');
    assert.deepEqual(found(m, 'a customer journey map and a customer journey'), [
      'customer journey map@2',
      'customer journey@29',
    ]);
  });

  it('falls back to a shorter label when the longest is not followed by the rest', () => {
    const m = matcher('customer journey', 'customer journey map');
    assert.deepEqual(found(m, 'customer journey mapping'), ['customer journey@0']);
  });

  it('matches whole words only', () => {
    const m = matcher('CX', 'segment');
    assert.deepEqual(found(m, 'CXO segmentation'), []);
    assert.deepEqual(found(m, 'CX-led (segment), "CX".'), ['CX@0', 'segment@8', 'CX@19']);
  });

  it('matches labels with punctuation inside', () => {
    const m = matcher('360-degree view', 'Node.js', 'CX', 'A/B test');
    assert.deepEqual(found(m, 'A 360-degree view of Node.js and CX, with an A/B test.'), [
      '360-degree view@2',
      'Node.js@21',
      'CX@33',
      'A/B test@45',
    ]);
    assert.deepEqual(found(m, 'a 360 degree view, A / B test'), []);
    assert.deepEqual(found(m, 'a/b tests'), ['a/b tests@0']);
  });

  it('does not find a word joined to another by a dot', () => {
    const m = matcher('node', 'js');
    assert.deepEqual(found(m, 'Node.js'), []);
    assert.deepEqual(found(m, 'Node. js'), ['Node@0', 'js@6']);
  });

  it('unifies dash and apostrophe variants', () => {
    const m = matcher('360-degree view', "customer's voice");
    assert.deepEqual(found(m, '360\u2013degree view and customer\u2019s voice'), [
      '360\u2013degree view@0',
      'customer\u2019s voice@20',
    ]);
  });

  it('returns every label that reads the same', () => {
    const m = matcher('Segment', 'segments');
    const [hit] = m.findAll('segment');
    assert.deepEqual(
      hit.labels.map((l) => l.id),
      ['t0', 't1'],
    );
  });

  it('finds the term at an offset, also right after it', () => {
    const m = matcher('customer journey');
    const text = 'Map the customer journey today.';
    assert.equal(m.termAt(text, 10)?.text, 'customer journey');
    assert.equal(m.termAt(text, 24)?.text, 'customer journey');
    assert.equal(m.termAt(text, 2), undefined);
    const long = 'word '.repeat(10_000) + 'customer journey' + ' word'.repeat(10_000);
    assert.equal(m.termAt(long, 50_003)?.start, 50_000);
  });

  it('finds every continuation of a word that starts many labels', () => {
    const words = Array.from({ length: 80 }, (_, k) => `w${k}x`);
    const m = matcher('customer', ...words.map((w) => `customer ${w}`));
    assert.deepEqual(found(m, 'customer w17x, customer w79x, customer zz, customer'), [
      'customer w17x@0',
      'customer w79x@15',
      'customer@30',
      'customer@43',
    ]);
  });

  it('ignores empty labels and finds nothing with no labels', () => {
    assert.equal(matcher('', '   ').size, 0);
    assert.deepEqual(TermMatcher.empty().findAll('anything'), []);
  });

  it('scans only the given slice', () => {
    const m = matcher('segment');
    assert.deepEqual(
      m.findAll('segment segment segment', 8, 15).map((x) => x.start),
      [8],
    );
  });
});

describe('terms: capitalisation of replacements', () => {
  it('reads case styles', () => {
    assert.equal(caseStyleOf('TARGET GROUP'), 'upper');
    assert.equal(caseStyleOf('target group'), 'lower');
    assert.equal(caseStyleOf('Target Group'), 'title');
    assert.equal(caseStyleOf('Target group'), 'sentence');
    assert.equal(caseStyleOf('tarGet'), 'other');
  });

  it('writes the replacement the way the original was written', () => {
    assert.equal(matchCase('Target group', 'Segment'), 'Segment');
    assert.equal(matchCase('TARGET GROUP', 'Segment'), 'SEGMENT');
    assert.equal(matchCase('target group', 'Segment'), 'segment');
    assert.equal(matchCase('Target Group', 'Customer journey'), 'Customer Journey');
    assert.equal(matchCase('customer path', 'Customer journey'), 'customer journey');
    assert.equal(matchCase('Customer path', 'customer journey'), 'Customer journey');
  });

  it('keeps acronyms and inner capitals', () => {
    assert.equal(matchCase('net promoter', 'NPS survey'), 'NPS survey');
    assert.equal(matchCase('Avatar', 'iPhone user'), 'iPhone user');
    assert.equal(matchCase('avatar', 'CX persona'), 'CX persona');
  });
});

describe('terms: acronym plurals', () => {
  it('reads KPIs, SKUs and CEs as plurals of the acronym', () => {
    const m = matcher('KPI', 'SKU', 'CE');
    assert.deepEqual(found(m, 'KPIs, SKUs, CEs'), ['KPIs@0', 'SKUs@6', 'CEs@12']);
  });
});

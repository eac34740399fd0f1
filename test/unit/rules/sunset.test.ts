import * as assert from 'node:assert/strict';
import type { TaxonomyConfig } from '../../../server/src/core';
import { baseTaxonomy, diagnosticsOf, lines, memoryWorkspace, summary } from '../../support/workspace';

/** The base taxonomy with the segment `families` given a sunset (and optionally a replacement). */
function withSegmentSunset(sunset: string, replacedBy?: string): Record<string, string> {
  const files = baseTaxonomy();
  files['s.segment.yaml'] += `sunset: ${sunset}\n${replacedBy ? `replacedBy: ${replacedBy}\n` : ''}`;
  if (replacedBy)
    files['s2.segment.yaml'] = lines(
      'kind: segment',
      `id: ${replacedBy}`,
      'name: Young families',
      'owner: brand-marketing',
      'personas: [busy-parent]',
    );
  return files;
}

/** A glossary whose term "dial-up bundle" has a sunset, replaced by "fibre bundle". */
function glossaryWithSunsetTerm(sunset: string): Record<string, string> {
  return {
    'g.glossary.yaml': lines(
      'kind: glossary',
      'vocabulary: shared',
      'owner: cx-ops',
      'terms:',
      '  - id: dial-up-bundle',
      '    term: Dial-up bundle',
      '    definition: The old dial-up bundle, sold until the network closed.',
      '    aliases: [modem bundle]',
      `    sunset: ${sunset}`,
      '    replacedBy: fibre-bundle',
      '  - id: fibre-bundle',
      '    term: Fibre bundle',
      '    definition: Broadband over fibre with a landline.',
      '    related: [dial-up-bundle]',
    ),
  };
}

const on = (today: string, extra: Partial<TaxonomyConfig> = {}) => ({ today, ...extra });

describe('rules sunset-passed and sunset-approaching', () => {
  // The segment's sunset is 2027-03-31 and the warning window the default 30 days: the window opens
  // on 2027-03-01, the sunset passes on 2027-04-01.
  const SUNSET = '2027-03-31';

  it('a day after the sunset: every id reference and the definition are errors, naming the date, the days and the replacement', () => {
    const ws = memoryWorkspace(withSegmentSunset(SUNSET, 'young-families'), on('2027-04-01'));
    assert.deepEqual(summary(ws, 'sunset-passed'), [
      'p.persona.yaml:5 sunset-passed',
      's.segment.yaml:7 sunset-passed',
    ]);
    assert.deepEqual(summary(ws, 'sunset-approaching'), []);
    const [use] = diagnosticsOf(ws, 'p.persona.yaml', 'sunset-passed');
    assert.equal(use.severity, 'error');
    assert.equal(
      use.message,
      'This names the segment `families` ("Families"), which reached its sunset on 2027-03-31 (yesterday). Use `young-families` instead.',
    );
    assert.deepEqual(use.range, { start: { line: 4, character: 11 }, end: { line: 4, character: 19 } });
    assert.equal(use.related?.[0].location.range.start.line, 6, 'related information points at the sunset');
    const [def] = diagnosticsOf(ws, 's.segment.yaml', 'sunset-passed');
    assert.equal(
      def.message,
      "This segment's sunset was 2027-03-31 (yesterday); `young-families` replaces it. Remove it once nothing uses it, or move the date.",
    );
    assert.deepEqual(def.range, { start: { line: 6, character: 8 }, end: { line: 6, character: 18 } });
  });

  it('on the day of the sunset it is approaching, not passed ("today")', () => {
    const ws = memoryWorkspace(withSegmentSunset(SUNSET), on(SUNSET));
    assert.deepEqual(summary(ws, 'sunset-passed'), []);
    assert.deepEqual(summary(ws, 'sunset-approaching'), [
      'p.persona.yaml:5 sunset-approaching',
      's.segment.yaml:7 sunset-approaching',
    ]);
    const [use] = diagnosticsOf(ws, 'p.persona.yaml', 'sunset-approaching');
    assert.equal(use.severity, 'warning');
    assert.equal(
      use.message,
      'This names the segment `families` ("Families"), which reaches its sunset on 2027-03-31 (today). Plan to stop using it before then.',
    );
  });

  it('on the first day of the warning window it is approaching ("in 30 days"); the day before, nothing', () => {
    const inside = memoryWorkspace(withSegmentSunset(SUNSET), on('2027-03-01'));
    const [def] = diagnosticsOf(inside, 's.segment.yaml', 'sunset-approaching');
    assert.equal(def.message, "This segment's sunset is 2027-03-31 (in 30 days): its uses are reported until then.");
    assert.equal(summary(inside, 'sunset-approaching').length, 2);
    const before = memoryWorkspace(withSegmentSunset(SUNSET), on('2027-02-28'));
    assert.deepEqual([...summary(before, 'sunset-approaching'), ...summary(before, 'sunset-passed')], []);
  });

  it('sunsetWarningDays sets the window', () => {
    const ws = memoryWorkspace(withSegmentSunset(SUNSET), on('2027-03-21', { sunsetWarningDays: 10 }));
    assert.equal(summary(ws, 'sunset-approaching').length, 2);
    const earlier = memoryWorkspace(withSegmentSunset(SUNSET), on('2027-03-20', { sunsetWarningDays: 10 }));
    assert.deepEqual(summary(earlier, 'sunset-approaching'), []);
  });

  it('a term past its sunset: its labels in free text and Markdown, and its id in another term, are errors', () => {
    const files: Record<string, string> = {
      ...baseTaxonomy(),
      ...glossaryWithSunsetTerm('2020-01-01'),
      'docs/offers.md': '# Offers\n\nFamilies on a modem bundle move first.\n',
    };
    files['p.persona.yaml'] += 'description: Still pays for a Dial-up bundles package.\n';
    const ws = memoryWorkspace(files, on('2027-01-01'));
    assert.deepEqual(summary(ws, 'sunset-passed'), [
      'docs/offers.md:3 sunset-passed',
      'g.glossary.yaml:14 sunset-passed',
      'g.glossary.yaml:9 sunset-passed',
      'p.persona.yaml:6 sunset-passed',
    ]);
    const [label] = diagnosticsOf(ws, 'p.persona.yaml', 'sunset-passed');
    assert.equal(
      label.message,
      '"Dial-up bundles" is the glossary term `dial-up-bundle` ("Dial-up bundle"), which reached its sunset on 2020-01-01 (2,557 days ago). Use "Fibre bundle" (term `fibre-bundle`) instead.',
    );
    assert.equal(label.deprecated, true);
    const [md] = diagnosticsOf(ws, 'docs/offers.md', 'sunset-passed');
    assert.deepEqual(md.range, { start: { line: 2, character: 14 }, end: { line: 2, character: 26 } });
    // The term's own definition says "dial-up bundle": not a use.
    assert.ok(!diagnosticsOf(ws, 'g.glossary.yaml', 'sunset-passed').some((d) => d.range.start.line === 6));
  });

  it('an impossible date is reported once, at the definition, and never compared', () => {
    const ws = memoryWorkspace(withSegmentSunset('2027-02-30'), on('2027-03-01'));
    assert.deepEqual(summary(ws, 'sunset-passed'), ['s.segment.yaml:7 sunset-passed']);
    assert.deepEqual(summary(ws, 'sunset-approaching'), []);
    const [d] = diagnosticsOf(ws, 's.segment.yaml', 'sunset-passed');
    assert.match(d.message, /^`2027-02-30` is not a date of the calendar/);
  });

  it('no false positive: no sunset, a distant sunset, or a malformed one (the schema says it)', () => {
    for (const files of [baseTaxonomy(), withSegmentSunset('2099-12-31'), withSegmentSunset('next spring')]) {
      const ws = memoryWorkspace(files, on('2027-01-01'));
      assert.deepEqual([...summary(ws, 'sunset-passed'), ...summary(ws, 'sunset-approaching')], []);
    }
  });

  it('moving the sunset in the editor re-checks the files that use it', () => {
    const files = withSegmentSunset('2099-12-31');
    const ws = memoryWorkspace(files, on('2027-04-01'));
    assert.deepEqual(summary(ws, 'sunset-passed'), []);
    ws.setFile('mem:///s.segment.yaml', 's.segment.yaml', files['s.segment.yaml'].replace('2099-12-31', SUNSET));
    ws.flush();
    assert.deepEqual(summary(ws, 'sunset-passed'), [
      'p.persona.yaml:5 sunset-passed',
      's.segment.yaml:7 sunset-passed',
    ]);
  });
});

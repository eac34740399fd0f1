import * as assert from 'node:assert/strict';
import { directiveLineFor, formatDirective, type TaxonomyWorkspace } from '../../server/src/core';
import { lines, uriOf } from '../support/workspace';
import { applyEdits, taxonomy } from './terms/support';

/** A journey whose stage has no owner, so each touchpoint without one is a `touchpoint-owner` finding. */
function journey(...touchpoints: string[]): string {
  return lines(
    'kind: journey',
    'id: onboarding',
    'name: Onboarding',
    'persona: busy-parent',
    'owner: cx-ops',
    'stages:',
    '  - id: welcome',
    '    name: Welcome',
    '    lifecycleStage: onboarding',
    '    touchpoints:',
    ...touchpoints,
  );
}

/** The lines of one touchpoint (no owner); `kpis: [nps]` keeps the KPI in use. */
function touchpoint(id: string, first = `      - id: ${id}`, ...extra: string[]): string[] {
  return [first, `        name: ${id}`, '        channel: email', '        kpis: [nps]', ...extra];
}

/** What a file shows and what its directives silence, as `line rule` (1-based lines). */
function outcome(ws: TaxonomyWorkspace, path: string): { shown: string[]; suppressed: string[] } {
  const uri = uriOf(path);
  return {
    shown: ws.diagnostics(uri).map((d) => `${d.range.start.line + 1} ${d.ruleId}`),
    suppressed: ws
      .suppressed(uri)
      .map((d) => `${d.range.start.line + 1} ${d.ruleId}: ${d.suppressions.map((s) => s.justification).join(' | ')}`),
  };
}

const J = 'j.journey.yaml';

describe('inline suppressions (cx-taxonomy-disable comments)', () => {
  describe('in YAML', () => {
    it('disable-next-line with a rule and a reason silences the next line only, keeping the reason', () => {
      const ws = taxonomy({
        [J]: journey(
          '      # cx-taxonomy-disable-next-line touchpoint-owner -- owner agreed at the Q3 review',
          ...touchpoint('a'),
          ...touchpoint('b'),
        ),
      });
      assert.deepEqual(outcome(ws, J), {
        shown: ['16 touchpoint-owner'],
        suppressed: ['12 touchpoint-owner: owner agreed at the Q3 review'],
      });
      assert.deepEqual(ws.suppressed(uriOf(J))[0].suppressions, [
        { kind: 'directive', justification: 'owner agreed at the Q3 review' },
      ]);
    });

    it('disable-line at the end of a line, with and without a rule list', () => {
      const ws = taxonomy({
        [J]: journey(
          ...touchpoint('a', '      - id: a # cx-taxonomy-disable-line touchpoint-owner'),
          ...touchpoint('b', '      - id: b # cx-taxonomy-disable-line'),
        ),
      });
      assert.deepEqual(outcome(ws, J), { shown: [], suppressed: ['11 touchpoint-owner: ', '15 touchpoint-owner: '] });
    });

    it('a rule list of several rules, separated by commas', () => {
      const ws = taxonomy({
        [J]: journey(
          '      # cx-taxonomy-disable-next-line unused-kpi,touchpoint-owner , kpi-owner -- legacy',
          ...touchpoint('a'),
        ),
      });
      assert.deepEqual(outcome(ws, J).suppressed, ['12 touchpoint-owner: legacy']);
      // The two rules of the first list that silenced nothing are reported one by one.
      assert.deepEqual(
        ws.diagnostics(uriOf(J)).map((d) => d.message),
        ['unused-kpi', 'kpi-owner'].map(
          (id) =>
            `Unused cx-taxonomy-disable directive (no problems were reported from \`${id}\`): remove \`${id}\` from it.`,
        ),
      );
    });

    it('a file-level directive in the first comment block silences the rule everywhere in the file, CRLF line ends too', () => {
      const text =
        lines(
          '# Onboarding journey.',
          '#',
          '# cx-taxonomy-disable touchpoint-owner -- owners are assigned in the next release',
          '',
        ) + journey(...touchpoint('a'), ...touchpoint('b'));
      for (const t of [text, text.replace(/\n/g, '\r\n')]) {
        const ws = taxonomy({ [J]: t });
        assert.deepEqual(outcome(ws, J).shown, []);
        assert.equal(outcome(ws, J).suppressed.length, 2);
      }
    });

    it('CRLF line ends: disable-next-line and disable-line find their lines', () => {
      const text = journey(
        '      # cx-taxonomy-disable-next-line touchpoint-owner -- why',
        ...touchpoint('a'),
        ...touchpoint('b', '      - id: b # cx-taxonomy-disable-line touchpoint-owner'),
        ...touchpoint('c'),
      ).replace(/\n/g, '\r\n');
      const ws = taxonomy({ [J]: text });
      assert.deepEqual(outcome(ws, J), {
        shown: ['20 touchpoint-owner'],
        suppressed: ['12 touchpoint-owner: why', '16 touchpoint-owner: '],
      });
    });

    it('a file-level directive after content counts for nothing and is reported', () => {
      const ws = taxonomy({ [J]: journey(...touchpoint('a')) + '# cx-taxonomy-disable touchpoint-owner\n' });
      assert.deepEqual(outcome(ws, J), { shown: ['11 touchpoint-owner', '15 disable-directive'], suppressed: [] });
    });

    it('`#` inside a quoted string or a block scalar is not a comment, so not a directive', () => {
      const ws = taxonomy({
        [J]: journey(
          ...touchpoint('a', '      - id: a', '        description: "see # cx-taxonomy-disable-line"'),
          ...touchpoint(
            'b',
            '      - id: b',
            '        description: |',
            '          # cx-taxonomy-disable-next-line touchpoint-owner',
            '          text',
          ),
          ...touchpoint('c', '      - id: c', "        description: 'a # cx-taxonomy-disable'"),
        ),
      });
      assert.deepEqual(outcome(ws, J), {
        shown: ['11 touchpoint-owner', '16 touchpoint-owner', '23 touchpoint-owner'],
        suppressed: [],
      });
    });

    it('a directive for a line that starts a block scalar covers every line of it', () => {
      const segment = lines(
        'kind: segment',
        'id: families',
        'name: Families',
        'owner: brand-marketing',
        'personas: [busy-parent]',
        'lifecycleStage: acquisition',
        '# cx-taxonomy-disable-next-line deprecated-term -- quoting the 2019 brief',
        'description: >',
        '  Households with children, the',
        '  target group of the bundle.',
      );
      const ws = taxonomy({ 's.segment.yaml': segment });
      assert.deepEqual(outcome(ws, 's.segment.yaml'), {
        shown: [],
        suppressed: ['10 deprecated-term: quoting the 2019 brief'],
      });
    });

    it('an unknown rule id is reported where it is written, with the likely rule as a fix; the known ones still work', () => {
      const ws = taxonomy({
        [J]: journey('      # cx-taxonomy-disable-next-line touchpoint-ownr, touchpoint-owner', ...touchpoint('a')),
      });
      assert.deepEqual(outcome(ws, J), { shown: ['11 disable-directive'], suppressed: ['12 touchpoint-owner: '] });
      const [d] = ws.diagnostics(uriOf(J));
      assert.equal(d.severity, 'error');
      assert.equal(
        d.message,
        'Definition for rule `touchpoint-ownr` was not found, so this comment silences nothing for it. Did you mean `touchpoint-owner`?',
      );
      assert.deepEqual([d.range.start.character, d.range.end.character], [38, 53]);
      assert.equal(d.fixes?.[0].edits[0].newText, 'touchpoint-owner');
    });

    it('a directive that silences nothing is reported (faded hint in the editor) with a fix that removes it', () => {
      const text = journey(
        '      # cx-taxonomy-disable-next-line kpi-owner -- stale',
        ...touchpoint('a', '      - id: a', '        owner: cx-ops'),
      );
      const ws = taxonomy({ [J]: text });
      const [d, ...rest] = ws.diagnostics(uriOf(J));
      assert.equal(rest.length, 0);
      assert.equal(d.ruleId, 'unused-disable-directive');
      assert.equal(d.severity, 'hint');
      assert.equal(d.unnecessary, true);
      assert.equal(
        d.message,
        'Unused cx-taxonomy-disable directive (no problems were reported from `kpi-owner`): remove it.',
      );
      const after = applyEdits(ws, d.fixes![0].edits);
      assert.equal(after[J], text.replace('      # cx-taxonomy-disable-next-line kpi-owner -- stale\n', ''));
      assert.deepEqual(outcome(ws, J), { shown: [], suppressed: [] });
    });

    it('an idle rule of a list is reported alone, and its fix keeps the rest of the list', () => {
      const ws = taxonomy({
        [J]: journey(...touchpoint('a', '      - id: a # cx-taxonomy-disable-line kpi-owner, touchpoint-owner -- why')),
      });
      const [d, ...rest] = ws.diagnostics(uriOf(J));
      assert.equal(rest.length, 0);
      assert.equal(
        d.message,
        'Unused cx-taxonomy-disable directive (no problems were reported from `kpi-owner`): remove `kpi-owner` from it.',
      );
      const after = applyEdits(ws, d.fixes![0].edits);
      assert.match(after[J], /- id: a # cx-taxonomy-disable-line touchpoint-owner -- why\n/);
      assert.deepEqual(outcome(ws, J), { shown: [], suppressed: ['11 touchpoint-owner: why'] });
    });

    it('the config can turn unused-directive reports off', () => {
      const ws = taxonomy(
        {
          [J]: journey(
            '      # cx-taxonomy-disable-next-line kpi-owner',
            ...touchpoint('a', '      - id: a', '        owner: cx-ops'),
          ),
        },
        'rules:\n  unused-disable-directive: off\n',
      );
      assert.deepEqual(outcome(ws, J), { shown: [], suppressed: [] });
    });

    it('removing the comment brings the finding back (the file is read again)', () => {
      const ws = taxonomy({
        [J]: journey('      # cx-taxonomy-disable-next-line touchpoint-owner', ...touchpoint('a')),
      });
      assert.deepEqual(outcome(ws, J).shown, []);
      ws.setFile(uriOf(J), J, journey(...touchpoint('a')));
      ws.flush();
      assert.deepEqual(outcome(ws, J), { shown: ['11 touchpoint-owner'], suppressed: [] });
    });
  });

  describe('in Markdown', () => {
    const doc = 'docs/guide.md';
    const shown = (ws: TaxonomyWorkspace) => outcome(ws, doc);

    it('disable-next-line, disable-line and a reason', () => {
      const ws = taxonomy({
        [doc]: lines(
          '# Guide',
          '',
          '<!-- cx-taxonomy-disable-next-line deprecated-term -- quoted from the 2019 brief -->',
          'Our target group is families.',
          '',
          'Every target group has an owner. <!-- cx-taxonomy-disable-line deprecated-term -->',
          '',
          'A target group again.',
        ),
      });
      assert.deepEqual(shown(ws), {
        shown: ['8 deprecated-term'],
        suppressed: ['4 deprecated-term: quoted from the 2019 brief', '6 deprecated-term: '],
      });
    });

    it('a file-level directive before any content, after front matter', () => {
      const ws = taxonomy({
        [doc]: lines(
          '---',
          'title: Guide',
          '---',
          '',
          '<!-- cx-taxonomy-disable deprecated-term -->',
          '# Guide',
          '',
          'Our target group is families.',
        ),
      });
      assert.deepEqual(shown(ws), { shown: [], suppressed: ['8 deprecated-term: '] });
      const late = taxonomy({
        [doc]: lines('# Guide', '<!-- cx-taxonomy-disable deprecated-term -->', 'Our target group is families.'),
      });
      assert.deepEqual(shown(late), { shown: ['2 disable-directive', '3 deprecated-term'], suppressed: [] });
    });

    it('a comment inside fenced or inline code is not a directive', () => {
      const ws = taxonomy({
        [doc]: lines(
          '# Guide',
          '',
          '```html',
          '<!-- cx-taxonomy-disable-next-line -->',
          '```',
          'Our target group is families.',
          '',
          'Write `<!-- cx-taxonomy-disable-line -->` to silence a target group.',
        ),
      });
      assert.deepEqual(shown(ws), { shown: ['6 deprecated-term', '8 deprecated-term'], suppressed: [] });
    });

    it('CRLF line ends and an unknown rule', () => {
      const ws = taxonomy({
        [doc]: lines(
          '# Guide',
          '<!-- cx-taxonomy-disable-next-line deprecated-terms -->',
          'Our target group is families.',
        ).replace(/\n/g, '\r\n'),
      });
      assert.deepEqual(shown(ws), { shown: ['2 disable-directive', '3 deprecated-term'], suppressed: [] });
    });
  });

  it('directiveLineFor: a next-line comment for a line inside a block scalar goes above the line it starts on', () => {
    const segment = lines(
      'kind: segment',
      'id: families',
      'description: >',
      '  Households with children, the',
      '  target group of the bundle.',
      'name: Families',
    );
    const ws = taxonomy({ 's.segment.yaml': segment });
    const file = ws.getFile(uriOf('s.segment.yaml'))!;
    assert.deepEqual(
      [0, 2, 3, 4, 5].map((l) => directiveLineFor(file, l)),
      [0, 2, 2, 2, 5],
    );
  });

  it('a byte order mark before the first comment block keeps a file-level directive at the top', () => {
    const ws = taxonomy({ [J]: '\ufeff# cx-taxonomy-disable touchpoint-owner\n' + journey(...touchpoint('a')) });
    assert.deepEqual(outcome(ws, J), { shown: [], suppressed: ['12 touchpoint-owner: '] });
  });

  it('formatDirective writes comments that read back as the directive', () => {
    assert.equal(
      formatDirective({
        scope: 'next-line',
        syntax: 'yaml',
        rules: ['touchpoint-owner', 'kpi-owner'],
        reason: 'owner pending',
      }),
      '# cx-taxonomy-disable-next-line touchpoint-owner, kpi-owner -- owner pending',
    );
    assert.equal(
      formatDirective({ scope: 'file', syntax: 'markdown', rules: [], reason: 'a --> b' }),
      '<!-- cx-taxonomy-disable -- a - -> b -->',
    );
    const comment = formatDirective({
      scope: 'next-line',
      syntax: 'markdown',
      rules: ['deprecated-term'],
      reason: 'quoted',
    });
    const ws = taxonomy({ 'docs/g.md': lines('# G', comment, 'Our target group.') });
    assert.deepEqual(outcome(ws, 'docs/g.md'), { shown: [], suppressed: ['3 deprecated-term: quoted'] });
  });
});

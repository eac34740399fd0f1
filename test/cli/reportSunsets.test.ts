import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from '../../server/src/cli/args';
import { RULE_IDS } from '../../server/src/core';
import { cli, tempTree } from './support/cli';

/**
 * A taxonomy with three sunsets: the segment `dsl-households` (2027-01-31, replaced by
 * `fibre-households`, used by a persona and a journey), the KPI `call-volume` (2027-03-15, unused)
 * and the glossary term `modem` (2026-06-30, used by its label in a doc).
 */
function taxonomy() {
  return tempTree({
    'cx-taxonomy.config.yaml': 'docs: ["docs/**/*.md"]\n',
    'org.teams.yaml': 'kind: teams\nteams:\n  - id: cx-ops\n    name: CX Operations\n    function: cx\n',
    'dsl.segment.yaml': [
      'kind: segment',
      'id: dsl-households',
      'name: DSL households',
      'owner: cx-ops',
      'personas: [pat]',
      'sunset: 2027-01-31',
      'replacedBy: fibre-households',
      '',
    ].join('\n'),
    'fibre.segment.yaml': 'kind: segment\nid: fibre-households\nname: Fibre households\nowner: cx-ops\n',
    'pat.persona.yaml': 'kind: persona\nid: pat\nname: Pat\nowner: cx-ops\nsegments: [dsl-households]\n',
    'calls.kpi.yaml': 'kind: kpi\nid: call-volume\nname: Call volume\nowner: cx-ops\nsunset: 2027-03-15\n',
    'g.glossary.yaml': [
      'kind: glossary',
      'vocabulary: shared',
      'owner: cx-ops',
      'terms:',
      '  - id: modem',
      '    term: Modem',
      '    definition: The box of the old network.',
      '    sunset: 2026-06-30',
      '',
    ].join('\n'),
    'docs/help.md': '# Help\n\nRestart the modem first.\n',
  });
}

describe('cli report sunsets', () => {
  it('md: passed sunsets with each use as path:line, then those within the window; --today pins the date', async () => {
    const t = taxonomy();
    try {
      const r = await cli(['report', 'sunsets', '--today', '2027-01-20'], { cwd: t.dir });
      assert.equal(r.code, 0, r.stderr);
      const md = r.stdout;
      assert.match(md, /^# Sunsets: cx-cli-/);
      assert.match(md, /As of 2027-01-20: 1 passed \(still used in 1 place\), 1 within 30 days \(used in 1 place\)\./);
      const passed = md.slice(md.indexOf('## Passed'), md.indexOf('## Within 30 days'));
      assert.match(
        passed,
        /\| 2026-06-30 \(204 days ago\) \| glossary term `modem` \(Modem\) \| {2}\| `g\.glossary\.yaml:8` \| `docs\/help\.md:3` text "modem" \|/,
      );
      const upcoming = md.slice(md.indexOf('## Within 30 days'));
      assert.match(
        upcoming,
        /\| 2027-01-31 \(in 11 days\) \| segment `dsl-households` \(DSL households\) \| `fibre-households` \| `dsl\.segment\.yaml:6` \| `pat\.persona\.yaml:5` `segments` \|/,
      );
      assert.doesNotMatch(md, /call-volume/, 'the KPI is 54 days away: outside the default window');
    } finally {
      t.dispose();
    }
  });

  it('--within widens the window; the day after a sunset it moves to Passed', async () => {
    const t = taxonomy();
    try {
      const wide = await cli(['report', 'sunsets', '--within', '60', '--today', '2027-01-20'], { cwd: t.dir });
      assert.match(wide.stdout, /## Within 60 days[\s\S]*call-volume[\s\S]*\| nothing \|/);
      const after = await cli(['report', 'sunsets', '--within=0', '--today', '2027-02-01'], { cwd: t.dir });
      const passed = after.stdout.slice(after.stdout.indexOf('## Passed'), after.stdout.indexOf('## Within 0 days'));
      assert.match(passed, /2027-01-31 \(yesterday\) \| segment `dsl-households`/);
      assert.match(after.stdout, /✅ No sunset within 0 days\./);
    } finally {
      t.dispose();
    }
  });

  it('csv has one row per use with unsigned day counts; json keeps the data; CX_TAXONOMY_TODAY pins the date', async () => {
    const t = taxonomy();
    try {
      const env = { CX_TAXONOMY_TODAY: '2027-01-20' };
      const csv = await cli(['report', 'sunsets', '-f', 'csv', '--within', '60'], { cwd: t.dir, env });
      assert.equal(csv.code, 0, csv.stderr);
      assert.deepEqual(csv.stdout.split('\r\n'), [
        'State,Sunset,Days past,Days left,Kind,Id,Name,Replaced by,Defined at,Used at,Use,Text',
        'passed,2026-06-30,204,,term,modem,Modem,,g.glossary.yaml:8,docs/help.md:3,text,modem',
        'approaching,2027-01-31,,11,segment,dsl-households,DSL households,fibre-households,dsl.segment.yaml:6,pat.persona.yaml:5,segments,dsl-households',
        'approaching,2027-03-15,,54,kpi,call-volume,Call volume,,calls.kpi.yaml:5,,,',
        '',
      ]);
      const out = path.join(t.dir, 'sunsets.json');
      const json = await cli(['report', 'sunsets', '--format', 'json', '--output', out], { cwd: t.dir, env });
      assert.equal(json.code, 0, json.stderr);
      const data = JSON.parse(readFileSync(out, 'utf8')) as {
        today: string;
        within: number;
        sunsets: { id: string; state: string; days: number; uses: { at: string; how: string }[] }[];
      };
      assert.equal(data.today, '2027-01-20');
      assert.equal(data.within, 30);
      assert.deepEqual(
        data.sunsets.map((s) => [s.id, s.state, s.days, s.uses.map((u) => `${u.at} ${u.how}`)]),
        [
          ['modem', 'passed', -204, ['docs/help.md:3 label']],
          ['dsl-households', 'approaching', 11, ['pat.persona.yaml:5 reference']],
        ],
      );
    } finally {
      t.dispose();
    }
  });

  it('the config sets the default window (sunsetWarningDays)', async () => {
    const t = taxonomy();
    try {
      const t2 = tempTree({ 'wide.yaml': 'sunsetWarningDays: 60\n' });
      try {
        const wide = await cli(['report', 'sunsets', t.dir, '--today', '2027-01-20', '-c', 'wide.yaml'], {
          cwd: t2.dir,
        });
        assert.equal(wide.code, 0, wide.stderr);
        assert.match(wide.stdout, /## Within 60 days[\s\S]*call-volume/);
      } finally {
        t2.dispose();
      }
    } finally {
      t.dispose();
    }
  });

  it('report dispatches on its subject: help lists both, an unknown one names both, bad --within is a usage error', async () => {
    const help = await cli(['report', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /report ownership \[path\] \[options\][\s\S]*report sunsets \[path\] \[options\]/);
    assert.match(help.stdout, /--within <DAYS>/);
    const main = await cli(['--help']);
    assert.match(main.stdout, /cx-taxonomy report ownership[^\n]*\n\s+cx-taxonomy report sunsets/);
    const unknown = await cli(['report', 'sunset']);
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.stderr,
      /Unknown report "sunset"; the reports are: cx-taxonomy report ownership, cx-taxonomy report sunsets/,
    );
    const bad = await cli(['report', 'sunsets', '--within', '-3']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--within needs a whole number of days/);
    const wrongToday = await cli(['report', 'sunsets', '--today', '2027-02-30']);
    assert.equal(wrongToday.code, 2);
    assert.deepEqual(parseArgs(['report', 'sunsets', 'x', '--within', '7', '-f', 'json'], RULE_IDS), {
      command: 'report-sunsets',
      format: 'json',
      paths: ['x'],
      within: 7,
    });
    assert.deepEqual(parseArgs(['report', 'sunsets', '--help'], RULE_IDS), { command: 'help', topic: 'report' });
  });
});

import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { useColor } from '../../server/src/cli/color';
import { createProgress } from '../../server/src/cli/progress';
import { Capture, cli, tempTree, WITH_PROBLEMS } from './support/cli';

const ESC = /\u001b\[/;

describe('cli colour and progress', () => {
  describe('colour', () => {
    it('follows the flag, then FORCE_COLOR, then NO_COLOR, then TERM=dumb, then the terminal', () => {
      assert.equal(useColor({ env: {}, isTTY: true }), true);
      assert.equal(useColor({ env: {}, isTTY: false }), false);
      assert.equal(useColor({ env: { NO_COLOR: '1' }, isTTY: true }), false);
      assert.equal(useColor({ env: { NO_COLOR: '' }, isTTY: true }), true, 'an empty NO_COLOR is unset (no-color.org)');
      assert.equal(useColor({ env: { TERM: 'dumb' }, isTTY: true }), false);
      assert.equal(useColor({ env: { FORCE_COLOR: '1' }, isTTY: false }), true);
      assert.equal(useColor({ env: { FORCE_COLOR: '0' }, isTTY: true }), false);
      assert.equal(useColor({ env: { FORCE_COLOR: 'false', NO_COLOR: '1' }, isTTY: true }), false);
      assert.equal(useColor({ env: { FORCE_COLOR: '1', NO_COLOR: '1' }, isTTY: false }), true);
      assert.equal(useColor({ flag: false, env: { FORCE_COLOR: '1' }, isTTY: true }), false);
      assert.equal(useColor({ flag: true, env: { NO_COLOR: '1' }, isTTY: false }), true);
    });

    it('stylish is coloured on a terminal only', async () => {
      assert.match((await cli(['lint', WITH_PROBLEMS], { stdoutTTY: true })).stdout, ESC);
      assert.doesNotMatch((await cli(['lint', WITH_PROBLEMS], { stdoutTTY: false })).stdout, ESC);
      assert.doesNotMatch((await cli(['lint', WITH_PROBLEMS, '--no-color'], { stdoutTTY: true })).stdout, ESC);
      assert.doesNotMatch(
        (await cli(['lint', WITH_PROBLEMS], { stdoutTTY: true, env: { NO_COLOR: '1' } })).stdout,
        ESC,
      );
      assert.match((await cli(['lint', WITH_PROBLEMS], { env: { FORCE_COLOR: '1' } })).stdout, ESC);
      assert.match((await cli(['lint', WITH_PROBLEMS, '--color'])).stdout, ESC);
    });

    it('machine formats are never coloured', async () => {
      for (const f of ['json', 'sarif', 'junit', 'github', 'markdown']) {
        assert.doesNotMatch(
          (await cli(['lint', WITH_PROBLEMS, '-f', f, '--color'], { stdoutTTY: true })).stdout,
          ESC,
          f,
        );
      }
    });
  });

  describe('progress', () => {
    it('is silent when stderr is not a terminal', () => {
      const s = new Capture(false);
      const p = createProgress(s, { delayMs: 0 });
      p.update(1, 2);
      p.done();
      assert.equal(s.text, '');
    });

    it('is silent for a run shorter than the delay', () => {
      let t = 0;
      const s = new Capture(true);
      const p = createProgress(s, { delayMs: 500, now: () => t });
      t = 100;
      p.update(5, 10);
      p.done();
      assert.equal(s.text, '');
    });

    it('shows files done of total on one rewritten line, throttled, and clears it', () => {
      let t = 0;
      const s = new Capture(true);
      const p = createProgress(s, { delayMs: 500, intervalMs: 100, now: () => t });
      t = 600;
      p.update(1, 3);
      t = 650;
      p.update(2, 3); // within the interval: skipped
      t = 660;
      p.update(3, 3); // the last one always draws
      p.done();
      assert.equal(s.text, '\r\u001b[2KChecking files 1/3 (33%)\r\u001b[2KChecking files 3/3 (100%)\r\u001b[2K');
    });

    it('a long lint on a terminal shows it on stderr and leaves stdout clean', async () => {
      const r = await cli(['lint', WITH_PROBLEMS, '-f', 'json'], { stderrTTY: true, progressDelayMs: 0 });
      assert.match(r.stderr, /Checking files \d+\/\d+ \(100%\)/);
      assert.ok(r.stderr.endsWith('\r\u001b[2K'), 'the line is cleared at the end');
      JSON.parse(r.stdout);
    });
  });
});

describe('cli sarif fingerprints', () => {
  it('survive the offending line moving, and tell identical lines apart', async () => {
    const journey = (prefix: string) =>
      [
        prefix + 'kind: journey',
        'id: j',
        'name: J',
        'stages:',
        '  - id: s',
        '    name: S',
        '    lifecycleStage: conversion',
        '    touchpoints:',
        '      - name: Same',
        '        channel: web',
        '      - name: Same',
        '        channel: web',
        '',
      ].join('\n');
    const tree = tempTree({
      'org.teams.yaml': 'kind: teams\nteams:\n  - id: t\n    name: T\n    function: cx\n',
      'j.journey.yaml': journey(''),
    });
    const results = async () => {
      const r = await cli(['lint', '-f', 'sarif'], { cwd: tree.dir });
      return (
        JSON.parse(r.stdout).runs[0].results as {
          ruleId: string;
          partialFingerprints: Record<string, string>;
          locations: { physicalLocation: { region: { startLine: number } } }[];
        }[]
      ).filter((x) => x.ruleId === 'touchpoint-owner');
    };
    try {
      const before = await results();
      assert.equal(before.length, 2);
      writeFileSync(path.join(tree.dir, 'j.journey.yaml'), journey('# A comment\n\n# moves every line down\n'));
      const after = await results();
      assert.equal(after.length, 2);
      assert.notEqual(
        after[0].locations[0].physicalLocation.region.startLine,
        before[0].locations[0].physicalLocation.region.startLine,
      );
      assert.deepEqual(
        after.map((x) => x.partialFingerprints['cxTaxonomy/v1']),
        before.map((x) => x.partialFingerprints['cxTaxonomy/v1']),
      );
      assert.notEqual(before[0].partialFingerprints['cxTaxonomy/v1'], before[1].partialFingerprints['cxTaxonomy/v1']);
    } finally {
      tree.dispose();
    }
  });
});

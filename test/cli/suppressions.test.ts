import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { baseTaxonomy, lines } from '../support/workspace';
import { cli, tempTree } from './support/cli';

/** The base taxonomy whose journey has a second touchpoint with no owner (stage has none either). */
function withUnowned(comment: string): Record<string, string> {
  const files = baseTaxonomy();
  files['j.journey.yaml'] += lines(
    comment,
    '      - id: welcome-call',
    '        name: Welcome call',
    '        channel: phone',
  );
  return files;
}

const SILENCED = '      # cx-taxonomy-disable-next-line touchpoint-owner -- owner agreed at the Q3 review';
const STALE = '      # cx-taxonomy-disable-next-line kpi-owner';

interface JsonFile {
  filePath: string;
  messages: { ruleId: string; severity: number }[];
  suppressedMessages: { ruleId: string; line: number; suppressions: { kind: string; justification: string }[] }[];
  errorCount: number;
}

const journeyOf = (stdout: string) =>
  (JSON.parse(stdout) as JsonFile[]).find((f) => f.filePath.endsWith('j.journey.yaml'))!;

describe('cli: cx-taxonomy-disable comments', () => {
  it('JSON puts a silenced finding in suppressedMessages with its reason, and the run passes', async () => {
    const t = tempTree(withUnowned(SILENCED));
    try {
      const r = await cli(['lint', '.', '--format', 'json'], { cwd: t.dir });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const j = journeyOf(r.stdout);
      assert.deepEqual(j.messages, []);
      assert.equal(j.errorCount, 0);
      assert.deepEqual(
        j.suppressedMessages.map((m) => [m.ruleId, m.line, m.suppressions]),
        [['touchpoint-owner', 17, [{ kind: 'directive', justification: 'owner agreed at the Q3 review' }]]],
      );
      // Without the comment the same run fails: the comment is what passes it.
      const u = tempTree(withUnowned(''));
      try {
        assert.equal((await cli(['lint', '.'], { cwd: u.dir })).code, 1);
      } finally {
        u.dispose();
      }
    } finally {
      t.dispose();
    }
  });

  it('SARIF lists a silenced finding as a result with an inSource suppression; stylish leaves it out', async () => {
    const t = tempTree(withUnowned(SILENCED));
    try {
      const r = await cli(['lint', '.', '--format', 'sarif'], { cwd: t.dir });
      assert.equal(r.code, 0, r.stderr);
      const results = JSON.parse(r.stdout).runs[0].results as {
        ruleId: string;
        level: string;
        suppressions?: unknown[];
      }[];
      assert.deepEqual(
        results.map((x) => [x.ruleId, x.level, x.suppressions]),
        [['touchpoint-owner', 'error', [{ kind: 'inSource', justification: 'owner agreed at the Q3 review' }]]],
      );
      const stylish = await cli(['lint', '.'], { cwd: t.dir });
      assert.equal(stylish.code, 0);
      assert.doesNotMatch(stylish.stdout, /touchpoint-owner/);
    } finally {
      t.dispose();
    }
  });

  it('a directive that silences nothing is reported only when asked: --report-unused-disable-directives (errors, as ESLint) or its -severity', async () => {
    const files = baseTaxonomy();
    files['j.journey.yaml'] = files['j.journey.yaml'].replace(
      '      - id: welcome-email\n',
      `${STALE}\n      - id: welcome-email\n`,
    );
    const t = tempTree(files);
    try {
      const quiet = await cli(['lint', '.', '--format', 'json'], { cwd: t.dir });
      assert.equal(quiet.code, 0);
      assert.deepEqual(journeyOf(quiet.stdout).messages, []);

      const asked = await cli(['lint', '.', '--format', 'json', '--report-unused-disable-directives'], { cwd: t.dir });
      assert.equal(asked.code, 1);
      assert.deepEqual(
        journeyOf(asked.stdout).messages.map((m) => [m.ruleId, m.severity]),
        [['unused-disable-directive', 2]],
      );

      const warn = await cli(['lint', '.', '--report-unused-disable-directives-severity', 'warn'], { cwd: t.dir });
      assert.equal(warn.code, 0);
      assert.match(warn.stdout, /Unused cx-taxonomy-disable directive \(no problems were reported from `kpi-owner`\)/);
      assert.match(warn.stdout, /1 warning/);

      const both = await cli(
        ['lint', '.', '--report-unused-disable-directives', '--report-unused-disable-directives-severity', 'warn'],
        { cwd: t.dir },
      );
      assert.equal(both.code, 2);
      assert.match(both.stderr, /cannot be used together/);
    } finally {
      t.dispose();
    }
  });

  it('an unknown rule in a directive fails the run', async () => {
    const t = tempTree(withUnowned('      # cx-taxonomy-disable-next-line touchpoint-ownr'));
    try {
      const r = await cli(['lint', '.', '--format', 'json'], { cwd: t.dir });
      assert.equal(r.code, 1);
      assert.deepEqual(
        journeyOf(r.stdout).messages.map((m) => m.ruleId),
        ['disable-directive', 'touchpoint-owner'],
      );
    } finally {
      t.dispose();
    }
  });

  it('--cache restores silenced findings as they were found', async () => {
    const t = tempTree(withUnowned(SILENCED));
    try {
      const cacheDir = path.join(t.dir, '.cache');
      const args = ['lint', '.', '--format', 'json', '--cache-location', cacheDir];
      const first = await cli(args, { cwd: t.dir });
      const second = await cli(args, { cwd: t.dir });
      assert.equal(second.stdout, first.stdout);
      assert.equal(second.stderr, '', 'the cache is read, not rebuilt');
      assert.equal(journeyOf(second.stdout).suppressedMessages.length, 1);
      const sarif = await cli(['lint', '.', '--format', 'sarif', '--cache-location', cacheDir], { cwd: t.dir });
      assert.match(sarif.stdout, /"inSource"/);
    } finally {
      t.dispose();
    }
  });
});

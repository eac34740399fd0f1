import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { TaxonomyDiagnostic } from '../../server/src/core';
import {
  applyBaseline,
  formatBaseline,
  parseBaseline,
  pruneBaseline,
  recordBaseline,
  type Baseline,
} from '../../server/src/cli/baseline';
import { cli, ROOT, WITH_PROBLEMS } from './support/cli';

const FILE = 'cx-taxonomy-suppressions.json';

interface JsonFile {
  filePath: string;
  messages: { ruleId: string; line: number }[];
  suppressedMessages: { ruleId: string; suppressions: { kind: string; justification: string }[] }[];
}

/** A finding of a rule at a severity, for the pure tests. */
const finding = (ruleId: string, severity: TaxonomyDiagnostic['severity'] = 'error', line = 0): TaxonomyDiagnostic => ({
  ruleId,
  severity,
  message: ruleId,
  range: { start: { line, character: 0 }, end: { line, character: 1 } },
});

describe('cli: the baseline (--suppress-all, --suppress-rule, --prune-suppressions)', () => {
  let dir: string;
  const file = (rel: string) => path.join(dir, ...rel.split('/'));
  const read = (rel: string) => readFileSync(file(rel), 'utf8');
  const edit = (rel: string, from: string, to: string) => {
    const text = read(rel);
    assert.ok(text.includes(from), `${rel} holds ${from}`);
    writeFileSync(file(rel), text.replace(from, to));
  };
  const lint = (...args: string[]) => cli(['lint', ...args], { cwd: dir });
  const baseline = (): Baseline => JSON.parse(read(FILE)) as Baseline;

  beforeEach(() => {
    // samples/with-problems less its one file that does not parse, which no baseline silences.
    dir = mkdtempSync(path.join(tmpdir(), 'cx-baseline-'));
    cpSync(path.join(ROOT, WITH_PROBLEMS), dir, { recursive: true });
    rmSync(file('journeys/broken.journey.yaml'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lives through suppress-all, a new finding, a fix and a prune', async () => {
    assert.equal((await lint()).code, 1);

    // 1. Every current finding is recorded: the run passes, the file is sorted and stable.
    const suppress = await lint('--suppress-all');
    assert.equal(suppress.code, 0, suppress.stdout + suppress.stderr);
    const text = read(FILE);
    assert.equal(text, formatBaseline(JSON.parse(text) as Baseline), 'keys sorted, 2-space JSON, final newline');
    assert.deepEqual(Object.keys(baseline()), Object.keys(baseline()).sort());
    assert.deepEqual(baseline()['journeys/mobile-switch.journey.yaml']['touchpoint-owner'], { count: 1 });
    assert.deepEqual(baseline()['kpis/average-handle-time.kpi.yaml'], { 'kpi-owner': { count: 1 } });
    assert.equal((await lint('--suppress-all')).code, 0);
    assert.equal(read(FILE), text, 'a second suppress-all writes the same bytes');

    // The findings are still there, as suppressed: JSON's suppressedMessages, SARIF's external.
    const json = await lint('--format', 'json');
    assert.equal(json.code, 0, json.stderr);
    assert.equal(json.stderr, '');
    const journey = (JSON.parse(json.stdout) as JsonFile[]).find((f) =>
      f.filePath.endsWith('mobile-switch.journey.yaml'),
    )!;
    assert.deepEqual(
      journey.suppressedMessages.filter((m) => m.ruleId === 'touchpoint-owner').map((m) => m.suppressions),
      [[{ kind: 'file', justification: '' }]],
    );
    const sarif = JSON.parse((await lint('--format', 'sarif')).stdout) as {
      runs: { results: { ruleId: string; suppressions?: { kind: string }[] }[] }[];
    };
    const owner = sarif.runs[0].results.find((r) => r.ruleId === 'touchpoint-owner')!;
    assert.deepEqual(owner.suppressions, [{ kind: 'external' }]);

    // 2. One more unowned touchpoint in that journey: both are reported, and the run fails.
    edit(
      'journeys/mobile-switch.journey.yaml',
      '        channel: sms\n',
      '        channel: sms\n      - id: order-confirmation-email\n        name: Order confirmation by email\n        channel: email\n',
    );
    const more = await lint('--format', 'json');
    assert.equal(more.code, 1);
    const reported = (JSON.parse(more.stdout) as JsonFile[]).find((f) =>
      f.filePath.endsWith('mobile-switch.journey.yaml'),
    )!;
    assert.equal(reported.messages.filter((m) => m.ruleId === 'touchpoint-owner').length, 2);
    edit(
      'journeys/mobile-switch.journey.yaml',
      '      - id: order-confirmation-email\n        name: Order confirmation by email\n        channel: email\n',
      '',
    );
    assert.equal((await lint()).code, 0);

    // 3. A suppressed finding fixed: the run still passes, with a warning that the baseline is stale.
    edit(
      'kpis/average-handle-time.kpi.yaml',
      'name: Average handle time\n',
      'name: Average handle time\nowner: customer-care\n',
    );
    const fixed = await lint();
    assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
    assert.match(
      fixed.stderr,
      /^cx-taxonomy: warning: There are suppressions left that do not occur anymore \(1 in cx-taxonomy-suppressions\.json\)\. Consider re-running the command with --prune-suppressions\.$/m,
    );

    // 4. Pruned: the entry is gone, the warning too, and a new kpi-owner finding there fails.
    const prune = await lint('--prune-suppressions');
    assert.equal(prune.code, 0);
    assert.equal(prune.stderr, '');
    assert.equal(baseline()['kpis/average-handle-time.kpi.yaml'], undefined);
    assert.deepEqual(baseline()['journeys/mobile-switch.journey.yaml']['touchpoint-owner'], { count: 1 });
    assert.equal(read(FILE), formatBaseline(baseline()));
    assert.equal((await lint()).stderr, '');
    edit('kpis/average-handle-time.kpi.yaml', 'owner: customer-care\n', '');
    assert.equal((await lint('--max-warnings', '0')).code, 1);
  });

  it('--suppress-rule records that rule only, and is repeatable', async () => {
    const r = await lint('--suppress-rule', 'touchpoint-owner', '--suppress-rule', 'kpi-owner');
    assert.equal(r.code, 1, 'the other rules still fail the run');
    assert.deepEqual(baseline(), {
      'journeys/mobile-switch.journey.yaml': { 'touchpoint-owner': { count: 1 } },
      'kpis/average-handle-time.kpi.yaml': { 'kpi-owner': { count: 1 } },
    });
    assert.doesNotMatch(r.stdout, /touchpoint-owner|kpi-owner/);
    assert.match(r.stdout, /duplicate-id/);
  });

  it('a file renamed since the baseline: its old entry is stale and pruned, its findings are new', async () => {
    assert.equal((await lint('--suppress-all')).code, 0);
    renameSync(file('kpis/average-handle-time.kpi.yaml'), file('kpis/aht.kpi.yaml'));
    const r = await lint('--max-warnings', '0');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /kpis\/aht\.kpi\.yaml\n.*kpi-owner/);
    assert.match(r.stderr, /There are suppressions left that do not occur anymore \(1 in/);
    assert.equal((await lint('--prune-suppressions')).code, 0);
    assert.equal(baseline()['kpis/average-handle-time.kpi.yaml'], undefined);
    assert.equal((await lint('--suppress-all', '--max-warnings', '0')).code, 0);
    assert.deepEqual(baseline()['kpis/aht.kpi.yaml'], { 'kpi-owner': { count: 1 } });
  });

  it('linting one file applies and prunes its entries only', async () => {
    assert.equal((await lint('--suppress-all')).code, 0);
    edit(
      'kpis/average-handle-time.kpi.yaml',
      'name: Average handle time\n',
      'name: Average handle time\nowner: customer-care\n',
    );
    const one = await lint('journeys/mobile-switch.journey.yaml');
    assert.equal(one.code, 0, one.stdout);
    assert.equal(one.stderr, '', 'a file not linted is not reported stale');
    assert.equal((await lint('--prune-suppressions', 'journeys/mobile-switch.journey.yaml')).code, 0);
    assert.deepEqual(baseline()['kpis/average-handle-time.kpi.yaml'], { 'kpi-owner': { count: 1 } });
  });

  it('--suppressions-location keeps the baseline elsewhere, with paths still relative to the taxonomy root', async () => {
    assert.equal((await lint('--suppress-all', '--suppressions-location', '.ci/baseline.json')).code, 0);
    assert.equal(existsSync(file(FILE)), false);
    const moved = JSON.parse(read('.ci/baseline.json')) as Baseline;
    assert.deepEqual(moved['kpis/average-handle-time.kpi.yaml'], { 'kpi-owner': { count: 1 } });
    assert.equal((await lint('--suppressions-location', '.ci/baseline.json')).code, 0);
    assert.equal((await lint()).code, 1, 'without it, the default file (absent) applies');
  });

  it('misuse is a usage error (exit 2) in one line', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--suppress-all', '--suppress-rule', 'kpi-owner'],
        /--suppress-all and --suppress-rule cannot be used together/,
      ],
      [['--suppress-all', '--prune-suppressions'], /--prune-suppressions and --suppress-all cannot be used together/],
      [['--suppress-rule', 'no-such-rule'], /Unknown rule "no-such-rule" in --suppress-rule/],
    ];
    for (const [args, message] of cases) {
      const r = await lint(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(r.stderr.split('\n').length, 2);
    }
    writeFileSync(file(FILE), '{ "kpis/arpu.kpi.yaml": { "kpi-owner": 3 } }\n');
    const broken = await lint();
    assert.equal(broken.code, 2);
    assert.match(
      broken.stderr,
      /^cx-taxonomy: Invalid suppressions file cx-taxonomy-suppressions\.json: "kpis\/arpu\.kpi\.yaml" > "kpi-owner" should be \{ "count": <a whole number> \}\.\n$/,
    );
  });
});

describe('baseline (pure)', () => {
  it('suppresses up to the count and reports every finding of a rule over it, as ESLint', () => {
    const b: Baseline = { 'a.kpi.yaml': { 'kpi-owner': { count: 2 } } };
    const two = applyBaseline(
      b,
      [{ key: 'a.kpi.yaml', diagnostics: [finding('kpi-owner'), finding('kpi-owner', 'error', 3)] }],
      () => true,
    );
    assert.equal(two.files[0].diagnostics.length, 0);
    assert.equal(two.files[0].suppressed.length, 2);
    assert.deepEqual(two.unused, {});
    const three = applyBaseline(
      b,
      [{ key: 'a.kpi.yaml', diagnostics: [finding('kpi-owner'), finding('kpi-owner'), finding('kpi-owner')] }],
      () => true,
    );
    assert.equal(three.files[0].diagnostics.length, 3);
    assert.deepEqual(three.unused, {});
    const one = applyBaseline(b, [{ key: 'a.kpi.yaml', diagnostics: [finding('kpi-owner')] }], () => true);
    assert.deepEqual(one.unused, { 'a.kpi.yaml': { 'kpi-owner': { count: 1 } } });
    assert.deepEqual(pruneBaseline(b, one.unused), { 'a.kpi.yaml': { 'kpi-owner': { count: 1 } } });
  });

  it('counts errors and warnings, never info, hints or a file that does not parse', () => {
    const b = recordBaseline({}, [
      {
        key: 'j.journey.yaml',
        diagnostics: [
          finding('yaml-syntax'),
          finding('unused-kpi', 'hint'),
          finding('kpi-overlap', 'warning'),
          finding('schema'),
        ],
      },
    ]);
    assert.deepEqual(b, { 'j.journey.yaml': { 'kpi-overlap': { count: 1 }, schema: { count: 1 } } });
  });

  it('records exactly the current findings of the files linted, and keeps the others', () => {
    const b: Baseline = {
      'a.kpi.yaml': { 'kpi-owner': { count: 4 }, schema: { count: 1 } },
      'b.kpi.yaml': { schema: { count: 2 } },
    };
    assert.deepEqual(recordBaseline(b, [{ key: 'a.kpi.yaml', diagnostics: [finding('kpi-owner')] }]), {
      'a.kpi.yaml': { 'kpi-owner': { count: 1 } },
      'b.kpi.yaml': { schema: { count: 2 } },
    });
    assert.deepEqual(
      recordBaseline(b, [{ key: 'a.kpi.yaml', diagnostics: [finding('kpi-owner')] }], new Set(['schema'])),
      { 'a.kpi.yaml': { 'kpi-owner': { count: 4 } }, 'b.kpi.yaml': { schema: { count: 2 } } },
    );
  });

  it('writes sorted keys whatever the order they came in, and reads back what it wrote', () => {
    const text = formatBaseline({
      'z.kpi.yaml': { b: { count: 1 }, a: { count: 2 } },
      'a.kpi.yaml': { c: { count: 3 } },
    });
    assert.equal(
      text,
      '{\n  "a.kpi.yaml": {\n    "c": {\n      "count": 3\n    }\n  },\n  "z.kpi.yaml": {\n    "a": {\n      "count": 2\n    },\n    "b": {\n      "count": 1\n    }\n  }\n}\n',
    );
    assert.equal(formatBaseline(parseBaseline(text)), text);
    assert.throws(() => parseBaseline('[]'), /expected an object of files/);
  });
});

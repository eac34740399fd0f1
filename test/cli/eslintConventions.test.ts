import * as assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from '../../server/src/cli/args';
import { UsageError } from '../../server/src/cli/command';
import type { LintOptions } from '../../server/src/cli/commands/lintOptions';
import { RULE_IDS } from '../../server/src/core';
import { baseTaxonomy } from '../support/workspace';
import { cli, linesOf, tempTree, WITH_PROBLEMS } from './support/cli';

interface JsonMessage {
  ruleId: string;
  severity: number;
  cxSeverity: string;
  fatal?: boolean;
}

interface JsonFile {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
}

const lint = (...argv: string[]) => parseArgs(['lint', ...argv], RULE_IDS) as LintOptions;

async function jsonOf(argv: string[], cwd?: string): Promise<{ code: number; files: JsonFile[] }> {
  const r = await cli(['lint', ...argv, '--format', 'json'], { cwd });
  return { code: r.code, files: JSON.parse(r.stdout) as JsonFile[] };
}

describe("cli: ESLint's JSON and option conventions", () => {
  it('JSON `filePath` is absolute', async () => {
    const { files } = await jsonOf([WITH_PROBLEMS]);
    assert.ok(files.length > 30);
    for (const f of files) {
      assert.ok(path.isAbsolute(f.filePath), f.filePath);
      assert.ok(existsSync(f.filePath), f.filePath);
    }
  });

  it('a file that does not parse has a fatal message, counted in fatalErrorCount', async () => {
    const { files } = await jsonOf([WITH_PROBLEMS]);
    const broken = files.find((f) => f.filePath.endsWith(path.join('journeys', 'broken.journey.yaml')))!;
    assert.deepEqual(
      broken.messages.map((m) => [m.ruleId, m.severity, m.fatal]),
      [['yaml-syntax', 2, true]],
    );
    assert.equal(broken.fatalErrorCount, 1);
    assert.equal(broken.errorCount, 1);
    for (const f of files) {
      if (f === broken) continue;
      assert.equal(f.fatalErrorCount, 0, f.filePath);
      assert.ok(
        f.messages.every((m) => m.fatal === undefined),
        f.filePath,
      );
    }
  });

  it('a file that cannot be read has a fatal message; it counts as a fatal error when unreadable-file is an error', async () => {
    const t = tempTree(baseTaxonomy());
    try {
      writeFileSync(
        path.join(t.dir, 'latin1.persona.yaml'),
        Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xe9, 0x0a]),
      );
      const isIt = (f: JsonFile) => f.filePath === path.join(t.dir, 'latin1.persona.yaml');
      const asWarning = (await jsonOf(['.'], t.dir)).files.find(isIt)!;
      assert.deepEqual(
        asWarning.messages.map((m) => [m.ruleId, m.severity, m.fatal]),
        [['unreadable-file', 1, true]],
      );
      assert.deepEqual([asWarning.errorCount, asWarning.fatalErrorCount, asWarning.warningCount], [0, 0, 1]);
      const asError = (await jsonOf(['.', '--rule', 'unreadable-file=2'], t.dir)).files.find(isIt)!;
      assert.deepEqual(
        asError.messages.map((m) => [m.ruleId, m.severity, m.fatal]),
        [['unreadable-file', 2, true]],
      );
      assert.deepEqual([asError.errorCount, asError.fatalErrorCount, asError.warningCount], [1, 1, 0]);
    } finally {
      t.dispose();
    }
  });

  it("hints and infos are not warnings: JSON warningCount, stylish's summary and --max-warnings agree", async () => {
    // Every rule with an error in the sample is turned off (ESLint's `=0`), leaving warnings and hints.
    const all = await jsonOf([WITH_PROBLEMS]);
    const errorRules = [
      ...new Set(all.files.flatMap((f) => f.messages.filter((m) => m.severity === 2).map((m) => m.ruleId))),
    ];
    const off = errorRules.flatMap((id) => ['--rule', `${id}=0`]);
    const { files } = await jsonOf([WITH_PROBLEMS, ...off]);
    const messages = files.flatMap((f) => f.messages);
    const warnings = messages.filter((m) => m.cxSeverity === 'warning').length;
    const milder = messages.filter((m) => m.cxSeverity === 'hint' || m.cxSeverity === 'info').length;
    assert.ok(warnings > 0 && milder > 0, 'the sample has warnings and hints');
    assert.equal(
      files.reduce((n, f) => n + f.errorCount, 0),
      0,
    );
    assert.equal(
      files.reduce((n, f) => n + f.warningCount, 0),
      warnings,
    );

    const stylish = await cli(['lint', WITH_PROBLEMS, ...off]);
    assert.equal(stylish.code, 0);
    assert.match(
      linesOf(stylish.stdout).find((l) => l.startsWith('✖'))!,
      new RegExp(`\\(0 errors, ${warnings} warnings, `),
    );
    const atLimit = await cli(['lint', WITH_PROBLEMS, ...off, '--max-warnings', String(warnings)]);
    assert.equal(atLimit.code, 0, atLimit.stderr);
    const over = await cli(['lint', WITH_PROBLEMS, ...off, '--max-warnings', String(warnings - 1)]);
    assert.equal(over.code, 1);
    assert.equal(over.stderr, `cx-taxonomy found too many warnings (maximum: ${warnings - 1}).\n`);
  });

  it('--rule takes warn and 0/1/2 as ESLint does', async () => {
    assert.deepEqual(lint('--rule', 'touchpoint-owner=warn').rules, { 'touchpoint-owner': 'warning' });
    assert.deepEqual(lint('--rule', 'touchpoint-owner=0', '--rule', 'kpi-owner=1', '--rule', 'unused-kpi:2').rules, {
      'touchpoint-owner': 'off',
      'kpi-owner': 'warning',
      'unused-kpi': 'error',
    });
    assert.deepEqual(lint('--rule', 'touchpoint-owner=off', '--rule', 'kpi-owner=hint').rules, {
      'touchpoint-owner': 'off',
      'kpi-owner': 'hint',
    });
    assert.throws(() => lint('--rule', 'touchpoint-owner=3'), /Unknown severity "3" for touchpoint-owner in --rule/);

    const severities = async (value: string) =>
      (
        await jsonOf([`${WITH_PROBLEMS}/journeys/mobile-switch.journey.yaml`, '--rule', `touchpoint-owner=${value}`])
      ).files[0].messages
        .filter((m) => m.ruleId === 'touchpoint-owner')
        .map((m) => m.cxSeverity);
    assert.deepEqual(await severities('warn'), ['warning']);
    assert.deepEqual(await severities('1'), ['warning']);
    assert.deepEqual(await severities('2'), ['error']);
    assert.deepEqual(await severities('0'), []);
  });

  it('a misspelt option, command or rule gets "did you mean"', async () => {
    const r = await cli(['lint', WITH_PROBLEMS, '--max-warning', '3']);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      'cx-taxonomy: Unknown option "--max-warning" for lint. Did you mean --max-warnings? Run cx-taxonomy lint --help for its options.\n',
    );
    assert.match((await cli(['lint', '--fix-dryrun'])).stderr, /Did you mean --fix-dry-run\?/);
    assert.match(
      (await cli(['lint', '--max-warning=3'])).stderr,
      /Unknown option "--max-warning=3" for lint\. Did you mean --max-warnings\?/,
    );
    assert.match((await cli(['export', 'glossary', '--outptu', 'x.md'])).stderr, /Did you mean --output\?/);
    assert.match((await cli(['--verson'])).stderr, /Did you mean --version\?/);
    assert.match((await cli(['lnt'])).stderr, /Unknown command "lnt"\. Did you mean lint\?/);
    assert.match(
      (await cli(['lint', '--rule', 'touchpoint-owners=error'])).stderr,
      /Unknown rule "touchpoint-owners" in --rule\. Did you mean touchpoint-owner\?/,
    );
    // Nothing close: no guess.
    assert.doesNotMatch((await cli(['lint', '--zzzzzzzz'])).stderr, /Did you mean/);
    assert.throws(
      () => lint('--colour'),
      (err: unknown) => err instanceof UsageError && /Did you mean --color\?/.test(err.message),
    );
  });
});

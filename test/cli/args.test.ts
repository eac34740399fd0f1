import * as assert from 'node:assert/strict';
import { parseArgs } from '../../server/src/cli/args';
import { UsageError } from '../../server/src/cli/command';
import type { LintOptions } from '../../server/src/cli/commands/lintOptions';
import { RULE_IDS } from '../../server/src/core';
import * as path from 'node:path';
import { cli, ROOT, WITH_PROBLEMS } from './support/cli';

const lint = (...argv: string[]) => parseArgs(['lint', ...argv], RULE_IDS) as LintOptions;

describe('cli arguments', () => {
  it('defaults: stylish to stdout over the current folder', () => {
    const o = lint();
    assert.deepEqual(o.outputs, [{ format: 'stylish' }]);
    assert.deepEqual(o.paths, ['.']);
    assert.equal(o.quiet, false);
    assert.equal(o.color, undefined);
  });

  it('binds each --output to the --format before it; a leading --output waits for the next --format', () => {
    assert.deepEqual(lint('-f', 'sarif', '-o', 'a.sarif', '-f', 'github').outputs, [
      { format: 'sarif', output: 'a.sarif' },
      { format: 'github' },
    ]);
    assert.deepEqual(lint('-o', 'a.xml', '-f', 'junit', '--format=json').outputs, [
      { format: 'junit', output: 'a.xml' },
      { format: 'json' },
    ]);
    assert.deepEqual(lint('--format', 'github', '--format', 'sarif', '--output', 'b.sarif').outputs, [
      { format: 'github' },
      { format: 'sarif', output: 'b.sarif' },
    ]);
    assert.deepEqual(lint('--output', 'report.txt').outputs, [{ format: 'stylish', output: 'report.txt' }]);
  });

  it('reads --flag=value, repeated --rule, and a negative --max-warnings', () => {
    const o = lint(
      '--rule',
      'kpi-owner=error',
      '--rule=touchpoint-owner=warning',
      '--max-warnings',
      '-1',
      '--quiet',
      '--no-color',
      'a',
      'b',
    );
    assert.deepEqual(o.rules, { 'kpi-owner': 'error', 'touchpoint-owner': 'warning' });
    assert.equal(o.maxWarnings, -1);
    assert.equal(o.quiet, true);
    assert.equal(o.color, false);
    assert.deepEqual(o.paths, ['a', 'b']);
  });

  it('takes everything after -- as a path', () => {
    assert.deepEqual(lint('--', '--odd-folder').paths, ['--odd-folder']);
  });

  it('parses explain, export and report', () => {
    assert.deepEqual(parseArgs(['explain', 'customer journey', 'samples/acme-telecom'], RULE_IDS), {
      command: 'explain',
      term: 'customer journey',
      paths: ['samples/acme-telecom'],
    });
    assert.deepEqual(parseArgs(['export', 'glossary', '-f', 'html', '-o', 'g.html'], RULE_IDS), {
      command: 'export-glossary',
      format: 'html',
      output: 'g.html',
      paths: ['.'],
    });
    assert.deepEqual(parseArgs(['report', 'ownership', 'x', '--format=csv'], RULE_IDS), {
      command: 'report-ownership',
      format: 'csv',
      paths: ['x'],
    });
    assert.deepEqual(parseArgs(['report', 'ownership', '--help'], RULE_IDS), { command: 'help', topic: 'report' });
  });

  it('rejects what it does not know', () => {
    for (const argv of [
      ['lint', '-x'],
      ['lint', '--rule', 'x=error'],
      ['lint', '--format', 'tap'],
      ['explain', '--json', 'x'],
      ['report', 'ownership', '--quiet'],
    ]) {
      assert.throws(() => parseArgs(argv, RULE_IDS), UsageError, argv.join(' '));
    }
  });
});

describe('cli paths', () => {
  it('linting one file reports that file only, read with its whole taxonomy', async () => {
    const r = await cli(['lint', `${WITH_PROBLEMS}/journeys/mobile-switch.journey.yaml`, '-f', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    assert.deepEqual(
      files.map((f) => f.filePath),
      [path.join(ROOT, WITH_PROBLEMS, 'journeys', 'mobile-switch.journey.yaml')],
    );
    const rules = files[0].messages.map((m) => m.ruleId);
    assert.ok(rules.includes('touchpoint-owner'));
    assert.ok(!rules.includes('unresolved-reference'), 'teams, personas and KPIs of the taxonomy are known');
  });

  it('a folder of two taxonomies keeps their ids apart', async () => {
    const r = await cli(['lint', 'samples', '-f', 'json']);
    const messages = (JSON.parse(r.stdout) as { messages: { ruleId: string; message: string }[] }[]).flatMap(
      (f) => f.messages,
    );
    assert.ok(!messages.some((m) => m.ruleId === 'duplicate-id' && /acme-telecom/.test(m.message)));
  });
});

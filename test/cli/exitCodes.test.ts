import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cli, CLEAN, linesOf, tempTree, WITH_PROBLEMS } from './support/cli';

const TEAMS = 'kind: teams\nteams:\n  - id: cx-ops\n    name: CX Ops\n    function: cx\n';
/** A KPI without an owner: one `kpi-owner` warning and nothing else. */
const UNOWNED_KPI = (id: string) => `kind: kpi\nid: ${id}\nname: ${id}\ndirection: increase\n`;

/** Exactly one line on stderr, nothing on stdout, exit 2. */
function assertUsageError(r: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '');
  assert.equal(linesOf(r.stderr).length, 1, `one line: ${JSON.stringify(r.stderr)}`);
  assert.ok(r.stderr.endsWith('\n'));
  assert.match(r.stderr, /^cx-taxonomy: /);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
}

describe('cli exit codes (as ESLint documents them)', () => {
  it('0 for a clean taxonomy', async () => {
    const r = await cli(['lint', CLEAN]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^No problems in \d+ files\.\n$/);
  });

  it('1 when there are errors', async () => {
    assert.equal((await cli(['lint', WITH_PROBLEMS])).code, 1);
  });

  describe('warnings and --max-warnings', () => {
    let tree: ReturnType<typeof tempTree>;
    before(() => {
      tree = tempTree({ 'org.teams.yaml': TEAMS, 'a.kpi.yaml': UNOWNED_KPI('a'), 'b.kpi.yaml': UNOWNED_KPI('b') });
    });
    after(() => tree.dispose());

    it('0 with warnings only and no --max-warnings', async () => {
      const r = await cli(['lint', '.'], { cwd: tree.dir });
      assert.equal(r.code, 0, r.stdout);
      assert.match(r.stdout, /\(0 errors, 2 warnings\b/);
    });

    it('0 when the warnings are within --max-warnings', async () => {
      assert.equal((await cli(['lint', '--max-warnings', '2'], { cwd: tree.dir })).code, 0);
      assert.equal((await cli(['lint', '--max-warnings', '-1'], { cwd: tree.dir })).code, 0);
    });

    it('1 when the warnings exceed --max-warnings, with the reason on stderr', async () => {
      const r = await cli(['lint', '--max-warnings', '1', '--format', 'json'], { cwd: tree.dir });
      assert.equal(r.code, 1);
      assert.equal(r.stderr, 'cx-taxonomy found too many warnings (maximum: 1).\n');
      JSON.parse(r.stdout);
      assert.equal((await cli(['lint', '--max-warnings', '0'], { cwd: tree.dir })).code, 1);
    });

    it('--quiet drops warnings from the output and from the count', async () => {
      const r = await cli(['lint', '--quiet', '--max-warnings', '0'], { cwd: tree.dir });
      assert.equal(r.code, 0);
      assert.equal(r.stdout, 'No problems in 3 files.\n');
    });

    it('--rule raises a warning to an error (exit 1) or turns it off', async () => {
      assert.equal((await cli(['lint', '--rule', 'kpi-owner=error'], { cwd: tree.dir })).code, 1);
      const off = await cli(['lint', '--rule', 'kpi-owner=off', '--max-warnings', '0'], { cwd: tree.dir });
      assert.equal(off.code, 0);
      assert.doesNotMatch(off.stdout, /kpi-owner/);
      assert.match(off.stdout, /\(0 errors, 0 warnings\b|^No problems/m);
    });
  });

  it('--quiet keeps the errors (exit 1) and drops the rest', async () => {
    const r = await cli(['lint', WITH_PROBLEMS, '--quiet', '--format', 'json']);
    assert.equal(r.code, 1);
    const messages = (JSON.parse(r.stdout) as { messages: { severity: number }[] }[]).flatMap((f) => f.messages);
    assert.ok(messages.length > 0);
    assert.ok(messages.every((m) => m.severity === 2));
  });

  it('--config replaces the taxonomy config', async () => {
    const tree = tempTree({
      'org.teams.yaml': TEAMS,
      'a.kpi.yaml': UNOWNED_KPI('a'),
      'strict.yaml': 'rules:\n  kpi-owner: error\n',
    });
    try {
      assert.equal((await cli(['lint', '--config', 'strict.yaml'], { cwd: tree.dir })).code, 1);
    } finally {
      tree.dispose();
    }
  });

  describe('2 for usage and configuration errors: one line on stderr', () => {
    const cases: [string, string[], RegExp][] = [
      ['an unknown flag', ['lint', '--frobnicate'], /Unknown option "--frobnicate" for lint/],
      ['an unknown command', ['lnt'], /Unknown command "lnt"/],
      ['an unknown rule id', ['lint', CLEAN, '--rule', 'no-such-rule=error'], /Unknown rule "no-such-rule"/],
      ['an unknown severity', ['lint', CLEAN, '--rule', 'kpi-owner=loud'], /Unknown severity "loud"/],
      ['a malformed --rule', ['lint', CLEAN, '--rule', 'kpi-owner'], /--rule needs id=severity/],
      [
        'an unknown format',
        ['lint', CLEAN, '--format', 'xml'],
        /Unknown format "xml".*stylish, json, sarif, junit, github, markdown/,
      ],
      ['a missing path', ['lint', 'no/such/folder'], /No such file or folder: no\/such\/folder/],
      ['a bad --max-warnings', ['lint', CLEAN, '--max-warnings', 'many'], /--max-warnings needs a whole number/],
      [
        'a negative --max-warnings other than -1',
        ['lint', CLEAN, '--max-warnings', '-3'],
        /--max-warnings needs a whole number/,
      ],
      ['a fractional --max-warnings', ['lint', CLEAN, '--max-warnings=1.5'], /--max-warnings needs a whole number/],
      ['a flag without its value', ['lint', CLEAN, '--format'], /--format needs a value/],
      [
        'two formats for the terminal',
        ['lint', CLEAN, '--format', 'json', '--format', 'github'],
        /Only one format can go to the terminal/,
      ],
      [
        'an --output after another',
        ['lint', CLEAN, '-f', 'json', '-o', 'a.json', '-o', 'b.json'],
        /--output b.json has no --format after it/,
      ],
      [
        'the same --output twice',
        ['lint', CLEAN, '-f', 'json', '-o', 'a.json', '-f', 'sarif', '-o', 'a.json'],
        /--output a.json is given twice/,
      ],
      [
        'a missing --config',
        ['lint', CLEAN, '--config', 'nope.yaml'],
        /Cannot read the config nope.yaml: no such file/,
      ],
      ['a folder without taxonomy files', ['lint', 'schemas'], /No taxonomy files/],
      ['a file that is not a taxonomy file', ['lint', 'package.json'], /package.json is not a taxonomy file/],
      ['explain without a term', ['explain'], /explain needs a term/],
      ['export of something else', ['export', 'personas'], /only the glossary can be exported/],
      [
        'an unknown export format',
        ['export', 'glossary', CLEAN, '--format', 'pdf'],
        /Unknown format "pdf".*md, html, json/,
      ],
      ['an unknown report', ['report', 'kpis'], /Unknown report "kpis"/],
      [
        'an unknown report format',
        ['report', 'ownership', CLEAN, '-f', 'xlsx'],
        /Unknown format "xlsx".*md, csv, html/,
      ],
      ['an export over two taxonomies', ['export', 'glossary', 'samples'], /holds 2 taxonomies/],
    ];
    for (const [what, argv, pattern] of cases) {
      it(what, async () => assertUsageError(await cli(argv), pattern));
    }

    it('a broken config file', async () => {
      const tree = tempTree({ 'cx-taxonomy.config.yaml': 'rules:\n  kpi-owner: loud\n', 'org.teams.yaml': TEAMS });
      try {
        assertUsageError(
          await cli(['lint'], { cwd: tree.dir }),
          /Invalid config cx-taxonomy.config.yaml:2:\d+: The severity of `kpi-owner`/,
        );
      } finally {
        tree.dispose();
      }
    });

    it('an output file that cannot be written', async () => {
      assertUsageError(
        await cli(['lint', CLEAN, '-f', 'sarif', '-o', 'package.json/x.sarif']),
        /Cannot write package.json\/x.sarif/,
      );
    });
  });

  it('--help and --version exit 0', async () => {
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /cx-taxonomy lint/);
    const lintHelp = await cli(['lint', '--help']);
    assert.equal(lintHelp.code, 0);
    for (const flag of ['--format', '--output', '--max-warnings', '--rule', '--config', '--quiet', '--no-color'])
      assert.ok(lintHelp.stdout.includes(flag), flag);
    const version = await cli(['--version']);
    assert.equal(version.code, 0);
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    assert.equal(version.stdout, `${pkg.version}\n`);
    assert.equal((await cli([])).code, 0);
    assert.equal((await cli(['help', 'explain'])).stdout.includes('explain TERM'), true);
  });

  it('several --format/--output pairs in one run; a --format without --output goes to stdout', async () => {
    const tree = tempTree({});
    try {
      const sarif = path.join(tree.dir, 'out', 'cx.sarif');
      const junit = path.join(tree.dir, 'cx.xml');
      const r = await cli([
        'lint',
        WITH_PROBLEMS,
        '-o',
        junit,
        '-f',
        'junit',
        '--format',
        'sarif',
        '--output',
        sarif,
        '--format',
        'markdown',
      ]);
      assert.equal(r.code, 1);
      assert.equal(JSON.parse(readFileSync(sarif, 'utf8')).version, '2.1.0');
      // An `-o` before any `-f` binds to the next format.
      assert.match(readFileSync(junit, 'utf8'), /^<\?xml/);
      assert.match(r.stdout, /^### ❌ cx-taxonomy/);
    } finally {
      tree.dispose();
    }
  });

  it('--output without --format writes stylish to the file, with no colour', async () => {
    const tree = tempTree({});
    try {
      const out = path.join(tree.dir, 'report.txt');
      const r = await cli(['lint', WITH_PROBLEMS, '--output', out, '--color']);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      const text = readFileSync(out, 'utf8');
      assert.match(text, /touchpoint-owner/);
      assert.doesNotMatch(text, /\u001b\[/);
    } finally {
      tree.dispose();
    }
  });
});

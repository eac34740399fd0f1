/**
 * The CLI as an attacker (a pull request with hostile files) and as a new CI machine meet it:
 * links out of the taxonomy are not read, no output line can start with text from the taxonomy,
 * `--output` never overwrites what is read and never hangs, a foreign cache is ignored.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ensureServerBuilt } from '../protocol/harness';
import { cli, linesOf, ROOT, tempTree, type CliResult } from './support/cli';

const TEAMS = 'kind: teams\nteams:\n  - id: cx-ops\n    name: CX Ops\n    function: cx\n';
const PERSONA = 'kind: persona\nid: busy\nname: Busy\nowner: cx-ops\n';
const JOURNEY = [
  'kind: journey',
  'id: pay',
  'name: Pay',
  'persona: busy',
  'owner: cx-ops',
  'stages:',
  '  - id: pay',
  '    name: Pay',
  '    lifecycleStage: conversion',
  '    touchpoints:',
  '      - id: pay-now',
  '        name: Pay now',
  '        channel: web',
  '',
].join('\n');
const GLOSSARY =
  'kind: glossary\nvocabulary: cx\nowner: cx-ops\nterms:\n  - id: widget\n    term: Widget\n    avoid: [doohickey]\n    definition: A thing.\n    status: approved\n';

/** A folder outside every taxonomy, holding what a link must never leak. */
function secrets(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cx-secret-'));
  writeFileSync(path.join(dir, 'passwd'), 'root:x:0:0:SECRET-ROOT-LINE:/root:/bin/bash\ndaemon:x:1:1:SECRET-DAEMON\n');
  writeFileSync(path.join(dir, 'leak.md'), '# Leak\n\nEvery doohickey SECRET-DOC-LINE.\n');
  writeFileSync(
    path.join(dir, 'outside.persona.yaml'),
    'kind: persona\nid: SECRET-PERSONA\nname: SECRET-NAME\nowner: nobody\n',
  );
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Fails (instead of waiting for mocha's timeout) when the CLI does not finish in time. */
async function within(ms: number, run: Promise<CliResult>): Promise<CliResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the CLI did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([run, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the bundled CLI in a child process; its exit code, or null when it was killed after `ms`. */
async function spawnWithin(ms: number, args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  ensureServerBuilt();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli.js'), ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, ms);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  return { code, stderr };
}

describe('cli hardening', function () {
  this.timeout(60_000);

  describe('symbolic links out of the taxonomy are not read', () => {
    let tree: ReturnType<typeof tempTree>;
    let outside: ReturnType<typeof secrets>;
    before(() => {
      outside = secrets();
      tree = tempTree({
        '.src/org.teams.yaml': TEAMS,
        'personas/busy.persona.yaml': PERSONA,
        'journeys/pay.journey.yaml': JOURNEY,
        'cx.glossary.yaml': GLOSSARY,
      });
      symlinkSync(path.join(outside.dir, 'passwd'), path.join(tree.dir, 'personas/pw.persona.yaml'));
      symlinkSync(outside.dir, path.join(tree.dir, 'shared'));
      // A link inside the taxonomy keeps working: the teams live in a dot-folder the walk skips.
      symlinkSync('.src/org.teams.yaml', path.join(tree.dir, 'org.teams.yaml'));
    });
    after(() => {
      tree.dispose();
      outside.dispose();
    });

    it('a linked file says why it is not read, quotes nothing of it, and a linked folder is one warning line', async () => {
      for (const format of ['stylish', 'github', 'json', 'sarif', 'markdown', 'junit']) {
        const r = await cli(['lint', '.', '--format', format], { cwd: tree.dir });
        assert.doesNotMatch(r.stdout + r.stderr, /SECRET/, `${format} quotes nothing from outside`);
        assert.ok(r.stdout.includes('pw.persona.yaml'), `${format} names the link`);
        assert.match(r.stdout, /symbolic link to a file outside the taxonomy folder/, format);
        const warnings = linesOf(r.stderr);
        assert.equal(warnings.length, 1, r.stderr);
        assert.match(
          warnings[0],
          /^cx-taxonomy: warning: shared: a symbolic link to a folder outside the taxonomy folder/,
        );
      }
    });

    it('the link is an unreadable-file problem; the linked folder adds no file; a link inside resolves', async () => {
      const r = await cli(['lint', '.', '--format', 'json'], { cwd: tree.dir });
      const reports = (
        JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[]
      ).map((x) => ({ ...x, filePath: path.relative(tree.dir, x.filePath).split(path.sep).join('/') }));
      assert.deepEqual(reports.map((x) => x.filePath).sort(), [
        'cx.glossary.yaml',
        'journeys/pay.journey.yaml',
        'org.teams.yaml',
        'personas/busy.persona.yaml',
        'personas/pw.persona.yaml',
      ]);
      const pw = reports.find((x) => x.filePath === 'personas/pw.persona.yaml')!;
      assert.deepEqual(
        pw.messages.map((m) => m.ruleId),
        ['unreadable-file'],
      );
      // The teams come through the inside link: no owner is unresolved.
      assert.ok(!reports.some((x) => x.messages.some((m) => m.ruleId === 'unresolved-reference')), r.stdout);
    });

    it('a config that is a link out of the taxonomy is refused in one line, unread', async () => {
      const t = tempTree({ 'personas/busy.persona.yaml': PERSONA });
      try {
        symlinkSync(path.join(outside.dir, 'passwd'), path.join(t.dir, 'cx-taxonomy.config.yaml'));
        const r = await cli(['lint', '.'], { cwd: t.dir });
        assert.equal(r.code, 2);
        assert.equal(linesOf(r.stderr).length, 1, r.stderr);
        assert.match(
          r.stderr,
          /cx-taxonomy\.config\.yaml: it is a symbolic link to a file outside the taxonomy folder/,
        );
        assert.doesNotMatch(r.stdout + r.stderr, /SECRET/);
      } finally {
        t.dispose();
      }
    });

    it('naming the link itself does not read it either', async () => {
      const r = await cli(['lint', 'personas/pw.persona.yaml', '--format', 'json'], { cwd: tree.dir });
      assert.doesNotMatch(r.stdout + r.stderr, /SECRET/);
      assert.match(r.stdout, /unreadable-file/);
    });
  });

  describe('no output line starts with text from the taxonomy', () => {
    const INJECT =
      'nope\n::error file=README.md,line=1::Injected\r##vso[task.setvariable variable=x]1\u2028::warning::Also';
    let tree: ReturnType<typeof tempTree>;
    before(() => {
      const q = JSON.stringify(INJECT);
      tree = tempTree({
        'org.teams.yaml': `kind: teams\nteams:\n  - id: cx-ops\n    name: ${q}\n    function: cx\n`,
        'personas/busy.persona.yaml': `kind: persona\nid: busy\nname: ${q}\nowner: ${q}\ndescription: ${q}\n`,
        'journeys/pay.journey.yaml': JOURNEY.replace('name: Pay now', `name: ${q}`).replace(
          'owner: cx-ops',
          `owner: ${q}`,
        ),
        'cx.glossary.yaml': GLOSSARY.replace('term: Widget', `term: ${q}`).replace(
          'definition: A thing.',
          `definition: ${JSON.stringify(`${INJECT} ${'word '.repeat(30)}::error::wrapped`)}`,
        ),
        // A file whose very name would start a line with a command.
        [`::error file=x::named\n##vso[x].persona.yaml`]: `kind: persona\nid: named\nname: Named\nowner: ${q}\n`,
      });
    });
    after(() => tree.dispose());

    /** No line, leading spaces ignored as the runners ignore them, starts a runner command. */
    function assertNoCommandLine(text: string, where: string, github = false): void {
      // Runners split on CR and LF; the other outputs must not break lines at U+2028/2029/0085 either.
      for (const line of text.split(github ? /\r\n|[\r\n]/ : /\r\n|[\r\n\u0085\u2028\u2029]/)) {
        const t = line.trimStart();
        if (
          github &&
          /^::(error|warning|notice) file=[^:]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::/.test(t)
        )
          continue;
        assert.ok(
          !t.startsWith('::') && !t.startsWith('##vso[') && !t.startsWith('##['),
          `${where}: ${JSON.stringify(line)}`,
        );
      }
    }

    it('lint, in every format', async () => {
      for (const format of ['stylish', 'github', 'markdown', 'junit', 'json', 'sarif']) {
        const r = await cli(['lint', '.', '--format', format], { cwd: tree.dir });
        assert.equal(r.code, 1, `${format}: ${r.stderr}`);
        assert.match(r.stdout, /Injected/, `${format} still shows the text`);
        assertNoCommandLine(r.stdout, format, format === 'github');
        assertNoCommandLine(r.stderr, `${format} stderr`);
      }
    });

    it('explain, the exports and the ownership reports', async () => {
      const runs = [
        ['explain', 'widget'],
        ['export', 'glossary', '--format', 'md'],
        ['export', 'glossary', '--format', 'html'],
        ['export', 'glossary', '--format', 'json'],
        ['report', 'ownership', '--format', 'md'],
        ['report', 'ownership', '--format', 'csv'],
        ['report', 'ownership', '--format', 'html'],
      ];
      for (const args of runs) {
        const r = await cli(args, { cwd: tree.dir, env: { COLUMNS: '60' } });
        assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
        assertNoCommandLine(r.stdout, args.join(' '));
      }
    });
  });

  describe('--output', () => {
    let tree: ReturnType<typeof tempTree>;
    beforeEach(() => {
      tree = tempTree({
        'org.teams.yaml': TEAMS,
        'personas/busy.persona.yaml': PERSONA,
        'journeys/pay.journey.yaml': JOURNEY,
        'cx.glossary.yaml': GLOSSARY,
        'docs/guide.md': '# Guide\n',
      });
    });
    afterEach(() => tree.dispose());

    const refused = async (args: string[], file: string) => {
      const before = existsSync(path.join(tree.dir, file))
        ? readFileSync(path.join(tree.dir, file), 'utf8')
        : undefined;
      const r = await cli(args, { cwd: tree.dir });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.equal(linesOf(r.stderr).length, 1, r.stderr);
      assert.match(r.stderr, /^cx-taxonomy: Refusing to write /);
      const after = existsSync(path.join(tree.dir, file)) ? readFileSync(path.join(tree.dir, file), 'utf8') : undefined;
      assert.equal(after, before, `${file} is untouched`);
    };

    it('refuses an input, a taxonomy-named path in the tree, and a path the docs globs select', async () => {
      await refused(['lint', '.', '-f', 'json', '-o', 'personas/x.persona.yaml'], 'personas/x.persona.yaml');
      await refused(['lint', '.', '-f', 'json', '-o', 'personas/busy.persona.yaml'], 'personas/busy.persona.yaml');
      await refused(
        ['lint', 'personas/busy.persona.yaml', '-f', 'json', '-o', 'personas/busy.persona.yaml'],
        'personas/busy.persona.yaml',
      );
      await refused(['lint', '.', '-f', 'markdown', '-o', 'docs/report.md'], 'docs/report.md');
      await refused(['lint', '.', '-f', 'json', '-o', 'cx-taxonomy.config.yaml'], 'cx-taxonomy.config.yaml');
      await refused(['export', 'glossary', '--format', 'html', '-o', 'cx.glossary.yaml'], 'cx.glossary.yaml');
      await refused(['report', 'ownership', '--format', 'md', '-o', 'docs/owners.md'], 'docs/owners.md');
      // Nothing was written by a refused run, not even the other outputs.
      await refused(
        ['lint', '.', '-f', 'json', '-o', 'ok.json', '-f', 'sarif', '-o', 'journeys/y.journey.yaml'],
        'ok.json',
      );
    });

    it('writes elsewhere whole, with no temporary file left, and `-` is standard output', async () => {
      const r = await cli(['lint', '.', '-f', 'json', '-o', 'out/report.json'], { cwd: tree.dir });
      assert.equal(r.stderr, '');
      assert.notEqual(r.code, 2);
      assert.ok(Array.isArray(JSON.parse(readFileSync(path.join(tree.dir, 'out/report.json'), 'utf8'))));
      assert.deepEqual(readdirSync(path.join(tree.dir, 'out')), ['report.json']);
      const dash = await cli(['lint', '.', '-f', 'json', '-o', '-'], { cwd: tree.dir });
      assert.equal(dash.stderr, '');
      assert.ok(Array.isArray(JSON.parse(dash.stdout)));
      assert.ok(!existsSync(path.join(tree.dir, '-')), 'no file named -');
      const exp = await cli(['export', 'glossary', '-o', '-'], { cwd: tree.dir });
      assert.match(exp.stdout, /^# Glossary/);
      assert.ok(!existsSync(path.join(tree.dir, '-')));
    });

    it('an unwritable path fails within seconds with exit 2 (in-process and through the worker thread)', async () => {
      for (const target of ['/proc/nope/x.sarif', '/proc/nope/deeper/x.sarif']) {
        const r = await within(10_000, cli(['lint', '.', '-f', 'sarif', '-o', target], { cwd: tree.dir }));
        assert.equal(r.code, 2);
        assert.equal(linesOf(r.stderr).length, 1, r.stderr);
        assert.match(r.stderr, /^cx-taxonomy: Cannot write \/proc\/nope\//);
      }
      const { code, stderr } = await spawnWithin(
        15_000,
        ['lint', '.', '-f', 'sarif', '-o', '/proc/nope/x.sarif'],
        tree.dir,
      );
      assert.equal(code, 2, `exit code (null: still running after 15 s); stderr: ${stderr}`);
    });
  });

  describe('--cache', () => {
    let tree: ReturnType<typeof tempTree>;
    before(() => {
      tree = tempTree({
        'org.teams.yaml': TEAMS,
        'personas/busy.persona.yaml': PERSONA.replace('owner: cx-ops', 'owner: ghost'),
        'journeys/pay.journey.yaml': JOURNEY,
      });
    });
    after(() => tree.dispose());

    it('a cache file that is unreadable or foreign is ignored with one warning line, and rebuilt', async () => {
      const cacheDir = path.join(tree.dir, 'cache');
      const args = ['lint', '.', '--format', 'json', '--cache-location', cacheDir];
      const fresh = await cli(['lint', '.', '--format', 'json'], { cwd: tree.dir });
      assert.equal(fresh.code, 1);
      const first = await cli(args, { cwd: tree.dir });
      assert.equal(first.stderr, '');
      const [name] = readdirSync(cacheDir);
      const file = path.join(cacheDir, name);
      const good = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & {
        files: Record<string, { diagnostics: unknown[] }>;
      };
      assert.equal(good.tool, 'cx-taxonomy');
      assert.equal(typeof good.version, 'string');
      assert.equal(typeof good.format, 'number');
      const broken = (d: unknown) =>
        JSON.stringify({
          ...good,
          files: Object.fromEntries(Object.entries(good.files).map(([k, v]) => [k, { ...v, diagnostics: [d] }])),
        });
      const foreign = [
        'null',
        '{"files":null}',
        '[]',
        'not json {',
        JSON.stringify({ ...good, version: '0.0.0-other' }),
        JSON.stringify({ ...good, format: 999 }),
        broken(null),
        broken({ ruleId: 'x', severity: 'error', message: 'm', range: null }),
        broken({
          ruleId: 'x',
          severity: 'loud',
          message: 'm',
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        }),
      ];
      for (const text of foreign) {
        writeFileSync(file, text);
        const r = await cli(args, { cwd: tree.dir });
        assert.equal(r.code, fresh.code, `${text}: ${r.stderr}`);
        assert.equal(r.stdout, fresh.stdout, text);
        const warnings = linesOf(r.stderr);
        assert.equal(warnings.length, 1, `${text}: ${r.stderr}`);
        assert.match(warnings[0], /^cx-taxonomy: warning: Ignoring the lint cache .*It is rebuilt\.$/);
        // Rebuilt: the next run reads it silently.
        assert.equal(JSON.parse(readFileSync(file, 'utf8')).version, good.version);
        const again = await cli(args, { cwd: tree.dir });
        assert.equal(again.stderr, '', text);
        assert.equal(again.stdout, fresh.stdout);
      }
    });

    it('an unwritable cache location neither hangs nor fails the run', async () => {
      // In a child process: the old recursive mkdir spun synchronously, blocking any timer here.
      const r = await spawnWithin(
        15_000,
        ['lint', '.', '--format', 'json', '--cache-location', '/proc/nope/cache'],
        tree.dir,
      );
      assert.equal(r.code, 1, `exit code (null: still running after 15 s); stderr: ${r.stderr}`);
    });
  });
});

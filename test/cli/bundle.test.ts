import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLEAN, linesOf, ROOT, tempTree, WITH_PROBLEMS } from './support/cli';
import { sarifValidator } from './support/sarifSchema';

const CLI = path.join(ROOT, 'dist', 'cli.js');

/** Runs the bundled CLI as a user's shell would: a child process, not a terminal. */
function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli bundle (node dist/cli.js)', function () {
  this.timeout(180_000);

  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'pipe', timeout: 170_000 });
  });

  it('exits 0 on a clean taxonomy', () => {
    const r = spawnCli(['lint', CLEAN]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^No problems in \d+ files\.\n$/);
  });

  it('exits 1 with problems, and its SARIF validates', () => {
    const r = spawnCli(['lint', WITH_PROBLEMS, '--format', 'sarif']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '');
    const log = JSON.parse(r.stdout);
    assert.ok(sarifValidator()(log));
    assert.equal(
      log.runs[0].tool.driver.version,
      JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
    );
  });

  it('exits 2 on a bad argument, with one line on stderr', () => {
    for (const args of [
      ['lint', '--bogus'],
      ['lint', 'missing/path'],
      ['lint', CLEAN, '--rule', 'nope=error'],
      ['lint', CLEAN, '--format', 'pdf'],
    ]) {
      const r = spawnCli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(linesOf(r.stderr).length, 1, r.stderr);
    }
  });

  it('prints the version injected at build time', () => {
    const r = spawnCli(['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  describe('a worker thread with a larger young generation for commands that load a taxonomy', () => {
    let tree: ReturnType<typeof tempTree>;
    /** NODE_OPTIONS preloading this reports every thread the command runs and its young generation. */
    let preload: string;
    before(() => {
      tree = tempTree({});
      preload = path.join(tree.dir, 'report-threads.js');
      writeFileSync(
        preload,
        "const wt = require('node:worker_threads');\n" +
          "process.stderr.write('thread: ' + JSON.stringify({ main: wt.isMainThread, young: wt.resourceLimits.maxYoungGenerationSizeMb }) + '\\n');\n",
      );
    });
    after(() => tree.dispose());
    const threads = (stderr: string) =>
      linesOf(stderr)
        .filter((l) => l.startsWith('thread: '))
        .map((l) => JSON.parse(l.slice('thread: '.length)) as unknown);
    const withPreload = (env: NodeJS.ProcessEnv = {}) => ({ NODE_OPTIONS: `--require ${preload}`, ...env });

    it('runs a command that keeps its models in a worker with 96 MB of young generation, reporting exactly what the main thread reports', () => {
      const runs = [
        { argv: ['lint', WITH_PROBLEMS, '--format', 'json'], env: { CX_TAXONOMY_RELEASE_ABOVE: 'off' }, code: 1 },
        { argv: ['lint', WITH_PROBLEMS, '--format', 'stylish'], env: { CX_TAXONOMY_RELEASE_ABOVE: 'off' }, code: 1 },
        { argv: ['report', 'ownership', WITH_PROBLEMS], env: {}, code: 0 },
      ];
      for (const { argv, env, code } of runs) {
        const r = spawnCli(argv, withPreload(env));
        const inMain = spawnCli(argv, withPreload({ ...env, CX_TAXONOMY_NO_WORKER: '1' }));
        assert.deepEqual(threads(r.stderr), [{ main: true }, { main: false, young: 96 }], argv.join(' '));
        assert.deepEqual(threads(inMain.stderr), [{ main: true }]);
        assert.equal(r.code, code, r.stderr);
        assert.equal(inMain.code, code);
        assert.equal(r.stdout, inMain.stdout);
        assert.ok(r.stdout.length > 500, argv.join(' '));
      }
    });

    it("lints on the main thread, with Node's own young generation, when it lets its journeys go (the default)", () => {
      for (const format of ['json', 'stylish']) {
        const r = spawnCli(['lint', WITH_PROBLEMS, '--format', format], withPreload());
        const kept = spawnCli(
          ['lint', WITH_PROBLEMS, '--format', format],
          withPreload({ CX_TAXONOMY_RELEASE_ABOVE: 'off' }),
        );
        assert.deepEqual(threads(r.stderr), [{ main: true }]);
        assert.equal(r.code, 1);
        assert.equal(r.stdout, kept.stdout);
      }
    });

    it('passes a usage error from the worker through: exit 2, one line', () => {
      const r = spawnCli(
        ['lint', CLEAN, '--output', path.join(CLEAN)],
        withPreload({ CX_TAXONOMY_RELEASE_ABOVE: 'off' }),
      );
      assert.deepEqual(threads(r.stderr), [{ main: true }, { main: false, young: 96 }]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(linesOf(r.stderr).filter((l) => !l.startsWith('thread: ')).length, 1, r.stderr);
    });

    it('stays on the main thread for --version, and when the caller sized the young generation', () => {
      assert.deepEqual(threads(spawnCli(['--version'], withPreload()).stderr), [{ main: true }]);
      const sized = spawnCli(['lint', CLEAN], { NODE_OPTIONS: `--require ${preload} --max-semi-space-size=8` });
      assert.equal(sized.code, 0, sized.stderr);
      assert.deepEqual(threads(sized.stderr), [{ main: true }]);
    });
  });

  it('colours only when asked or on a terminal', () => {
    assert.doesNotMatch(spawnCli(['lint', WITH_PROBLEMS]).stdout, /\u001b\[/);
    assert.match(spawnCli(['lint', WITH_PROBLEMS], { FORCE_COLOR: '1' }).stdout, /\u001b\[/);
  });
});

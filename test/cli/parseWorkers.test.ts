import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace, SIZES, writeWorkspace } from '../../bench/generate';
import { ROOT } from './support/cli';

const CLI = path.join(ROOT, 'dist', 'cli.js');

/** The bundled CLI as a process, with `env` over a bare environment; CX_TAXONOMY_TRACE_PARSE reports the parse workers. */
function lint(args: string[], env: NodeJS.ProcessEnv) {
  return run('lint', args, env);
}

/** The bundled CLI's `command` as a process (see `lint`). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [CLI, command, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, CX_TAXONOMY_TRACE_PARSE: '1', ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The numbers of the trace line: workers, files parsed there, handed back, YAML files. */
function traced(stderr: string): number[][] {
  return [...stderr.matchAll(/parse workers: (\d+), files parsed there: (\d+), handed back: (\d+) of (\d+) YAML/g)].map(
    (m) => m.slice(1).map(Number),
  );
}

describe('cli: parse workers (dist/cli.js)', function () {
  this.timeout(300_000);
  let dir: string;
  let yamlFiles: number;
  let journeyCount: number;

  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'pipe', timeout: 170_000 });
    dir = mkdtempSync(path.join(os.tmpdir(), 'cx-parse-workers-'));
    // ~300 YAML files in the styles people write, with planted problems and broken journeys.
    const ws = generateWorkspace({ ...SIZES.S, journeys: 240, personas: 20, docs: 10 }, 4, 'S-styled', {
      styled: true,
    });
    writeWorkspace(dir, ws);
    yamlFiles = [...ws.files.keys()].filter((p) =>
      /\.(teams|glossary|persona|segment|journey|kpi)\.ya?ml$/.test(p),
    ).length;
    assert.ok(yamlFiles >= 200, `${yamlFiles} YAML files`);
    journeyCount = [...ws.files.keys()].filter((p) => /\.journey\.ya?ml$/.test(p)).length;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const format of ['json', 'stylish']) {
    it(`lints a taxonomy of 200+ files through the parse workers exactly as in one thread (${format})`, () => {
      const withWorkers = lint([dir, '--format', format], {});
      const oneThread = lint([dir, '--format', format], { CX_TAXONOMY_PARSE_WORKERS: '0' });
      assert.equal(withWorkers.code, 1, withWorkers.stderr);
      assert.equal(oneThread.code, 1, oneThread.stderr);
      assert.ok(withWorkers.stdout.length > 10_000);
      assert.equal(withWorkers.stdout, oneThread.stdout);
      const [[workers, parsed, handedBack, total]] = traced(withWorkers.stderr);
      assert.ok(workers >= 1);
      assert.equal(total, yamlFiles);
      assert.equal(parsed + handedBack, yamlFiles);
      assert.ok(parsed > yamlFiles * 0.9, withWorkers.stderr);
      assert.deepEqual(traced(oneThread.stderr), [[0, 0, 0, yamlFiles]]);
    });
  }

  it('with --cache, a cold run goes through the workers, and the warm run reports the same', () => {
    const cache = mkdtempSync(path.join(os.tmpdir(), 'cx-parse-workers-cache-'));
    try {
      const args = [dir, '--format', 'json', '--cache', '--cache-location', cache];
      const cold = lint(args, {});
      const warm = lint(args, {});
      const oneThread = lint([dir, '--format', 'json'], { CX_TAXONOMY_PARSE_WORKERS: '0' });
      assert.ok(traced(cold.stderr)[0][1] > yamlFiles * 0.9, cold.stderr);
      assert.deepEqual(traced(warm.stderr), [], 'a cache hit parses nothing');
      assert.equal(cold.stdout, oneThread.stdout);
      assert.equal(warm.stdout, oneThread.stdout);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('a lint checks each journey as it is loaded and lets it go: each file parsed once, the same report', () => {
    // CX_TAXONOMY_RELEASE_ABOVE=0 (the lint's default): let go in a taxonomy of any size; a large
    // value keeps them all, and checks every file once all are loaded.
    const letGo = { CX_TAXONOMY_RELEASE_ABOVE: '0' };
    const kept = { CX_TAXONOMY_RELEASE_ABOVE: '1000000000' };
    for (const format of ['json', 'stylish']) {
      const reference = run('lint', [dir, '--format', format], { ...kept, CX_TAXONOMY_PARSE_WORKERS: '0' });
      const early = run('lint', [dir, '--format', format], letGo);
      const byDefault = run('lint', [dir, '--format', format], {});
      const here = run('lint', [dir, '--format', format], { ...letGo, CX_TAXONOMY_PARSE_WORKERS: '0' });
      assert.equal(reference.code, 1, reference.stderr);
      assert.equal(early.stdout, reference.stdout, format);
      assert.equal(byDefault.stdout, reference.stdout, format);
      assert.equal(here.stdout, reference.stdout, format);
      const [[, parsed, handedBack, total]] = traced(early.stderr);
      assert.equal(parsed + handedBack, total, 'each file parsed once');
      assert.ok(
        traced(run('lint', [dir, '--format', format], kept).stderr)[0][1] <= total,
        'kept: each file parsed once',
      );
    }
  });

  it('another command lets the journeys go as they are indexed, and checks them from parses done ahead: the same output', () => {
    const letGo = { CX_TAXONOMY_RELEASE_ABOVE: '0' };
    const args = ['ownership', dir, '--format', 'csv', '--today', '2026-01-01'];
    const reference = run('report', args, { CX_TAXONOMY_PARSE_WORKERS: '0' });
    const ahead = run('report', args, letGo);
    assert.equal(reference.code, 0, reference.stderr);
    assert.equal(ahead.stdout, reference.stdout);
    // The journeys were parsed twice in the workers: at load, and ahead of their checks.
    const [[, parsed, , total]] = traced(ahead.stderr);
    assert.ok(
      parsed >= (total + journeyCount) * 0.9,
      `${parsed} parsed for ${total} YAML files, ${journeyCount} journeys`,
    );
  });

  it('--fix on a taxonomy whose journeys are let go writes what it writes when they are kept', () => {
    const trees = ['kept', 'let-go'].map((name) => {
      const copy = mkdtempSync(path.join(os.tmpdir(), `cx-parse-workers-fix-${name}-`));
      cpSync(dir, copy, { recursive: true });
      return copy;
    });
    // A fixable problem in every 10th journey: a `kind` that disagrees with the file's suffix.
    let planted = 0;
    for (const tree of trees) {
      planted = 0;
      const journeys = (readdirSync(tree, { recursive: true }) as string[]).filter((f) => f.endsWith('.journey.yaml'));
      journeys.sort().forEach((f, i) => {
        const file = path.join(tree, f);
        const text = readFileSync(file, 'utf8');
        const wrong = text.replace(/^(["']?kind["']?:[ \t]*)journey\b/m, '$1persona');
        if (i % 10 !== 0 || wrong === text) return;
        writeFileSync(file, wrong);
        planted++;
      });
    }
    assert.ok(planted >= 20, `${planted} planted`);
    try {
      lint([trees[0], '--fix', '--format', 'json'], { CX_TAXONOMY_RELEASE_ABOVE: '1000000000' });
      lint([trees[1], '--fix', '--format', 'json'], { CX_TAXONOMY_RELEASE_ABOVE: '0' });
      const files = (root: string) =>
        (readdirSync(root, { recursive: true }) as string[])
          .filter((f) => f.endsWith('.yaml'))
          .sort()
          .map((f) => [f, readFileSync(path.join(root, f), 'utf8')]);
      const [a, b] = trees.map(files);
      assert.ok(a.length >= 200);
      assert.deepEqual(b, a);
      // Every planted kind was put right.
      assert.deepEqual(a, files(dir));
    } finally {
      for (const t of trees) rmSync(t, { recursive: true, force: true });
    }
  });

  it('stays in one thread for a small taxonomy, and with CX_TAXONOMY_NO_WORKER', () => {
    assert.deepEqual(traced(lint(['samples/with-problems'], {}).stderr)[0].slice(0, 2), [0, 0]);
    assert.deepEqual(traced(lint([dir], { CX_TAXONOMY_NO_WORKER: '1' }).stderr)[0].slice(0, 2), [0, 0]);
  });
});

import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cli, CLEAN, ROOT, WITH_PROBLEMS } from './support/cli';

/**
 * Which taxonomy a path belongs to: the nearest config (.yaml or .yml), else the Git repository's
 * top folder, else the folder given. Linting a file or a subfolder checks it against the whole
 * taxonomy, as pre-commit hooks and "lint changed files" steps call the linter.
 */

interface Repo {
  dir: string;
  at(rel: string): string;
}

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A copy of a sample in a temporary Git repository (`.git` a folder, or a file as in worktrees), its config kept, renamed or removed. */
function repo(sample: string, o: { config: 'yaml' | 'yml' | 'none' | 'both'; git?: 'dir' | 'file' | 'none' }): Repo {
  const base = mkdtempSync(path.join(tmpdir(), 'cx-roots-'));
  made.push(base);
  const dir = path.join(base, 'repo');
  cpSync(path.join(ROOT, sample), dir, { recursive: true });
  const config = path.join(dir, 'cx-taxonomy.config.yaml');
  if (o.config === 'none') rmSync(config);
  if (o.config === 'yml') renameSync(config, path.join(dir, 'cx-taxonomy.config.yml'));
  if (o.config === 'both') cpSync(config, path.join(dir, 'cx-taxonomy.config.yml'));
  if ((o.git ?? 'dir') === 'dir') mkdirSync(path.join(dir, '.git'));
  if (o.git === 'file') writeFileSync(path.join(dir, '.git'), 'gitdir: ../.git/worktrees/repo\n');
  return { dir, at: (rel) => path.join(dir, ...rel.split('/')) };
}

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; message: string; line: number; column: number }[];
}

/** The JSON report of a run, keyed by absolute file path (the shown paths are relative to the cwd). */
async function lintJson(
  args: string[],
  cwd: string,
): Promise<{ code: number; stderr: string; files: Map<string, JsonResult['messages']> }> {
  const r = await cli(['lint', '--format', 'json', ...args], { cwd });
  assert.ok(r.code === 0 || r.code === 1, `lint exited ${r.code}: ${r.stderr}`);
  const files = new Map<string, JsonResult['messages']>();
  for (const f of JSON.parse(r.stdout) as JsonResult[]) files.set(path.resolve(cwd, f.filePath), f.messages);
  return { code: r.code, stderr: r.stderr, files };
}

describe('cli taxonomy root: one file or a subfolder is checked against the whole taxonomy', () => {
  it('lint of one journey in a Git repository without a config finds the teams, personas and KPIs defined elsewhere', async () => {
    const r = repo(CLEAN, { config: 'none' });
    const res = await cli(['lint', 'journeys/fibre-install.journey.yaml'], { cwd: r.dir });
    assert.doesNotMatch(res.stdout, /unresolved-reference/);
    assert.equal(res.code, 0, res.stdout);
  });

  it('a .git file (worktree, submodule) marks the repository root as a .git folder does', async () => {
    const r = repo(CLEAN, { config: 'none', git: 'file' });
    const res = await cli(['lint', '.'], { cwd: r.at('journeys') });
    assert.doesNotMatch(res.stdout, /unresolved-reference/);
  });

  it("a file's diagnostics are the same linted alone, from its folder, in a pre-commit list and with everything", async () => {
    const r = repo(WITH_PROBLEMS, { config: 'none' });
    const full = await lintJson(['.'], r.dir);
    const fromJourneys = await lintJson(['.'], r.at('journeys'));
    const preCommit = await lintJson(
      ['journeys/fibre-install.journey.yaml', 'personas/busy-family-organiser.persona.yaml', 'kpis/arpu.kpi.yaml'],
      r.dir,
    );
    assert.ok([...fromJourneys.files.keys()].length >= 5, 'every journey is reported');
    const journeyProblems = [...fromJourneys.files.values()].reduce((n, m) => n + m.length, 0);
    assert.ok(journeyProblems > 0, 'the sample has problems in its journeys');
    for (const [file, messages] of fromJourneys.files) {
      assert.ok(file.startsWith(r.at('journeys') + path.sep), `only the requested folder is reported: ${file}`);
      assert.deepEqual(messages, full.files.get(file), file);
      const alone = await lintJson([path.relative(r.at('journeys'), file)], r.at('journeys'));
      assert.deepEqual([...alone.files.keys()], [file]);
      assert.deepEqual(alone.files.get(file), full.files.get(file), `${file} linted alone`);
    }
    assert.equal(preCommit.files.size, 3);
    for (const [file, messages] of preCommit.files)
      assert.deepEqual(messages, full.files.get(file), `${file} in a pre-commit list`);
    // The sample's one real unresolved reference is still found, and no other.
    const unresolved = [...full.files.values()].flat().filter((m) => m.ruleId === 'unresolved-reference');
    assert.equal(unresolved.length, 1, JSON.stringify(unresolved));
  });

  it('lint with paths in two repositories checks each against its own taxonomy', async () => {
    const a = repo(CLEAN, { config: 'none' });
    const b = repo(CLEAN, { config: 'none' });
    const res = await lintJson([a.at('journeys/fibre-install.journey.yaml'), b.at('journeys')], a.dir);
    assert.equal(res.files.size, 1 + 4);
    for (const [file, messages] of res.files) {
      assert.ok(
        !messages.some((m) => m.ruleId === 'unresolved-reference' || m.ruleId === 'duplicate-id'),
        `${file}: ${JSON.stringify(messages)}`,
      );
    }
  });

  it('a folder with its own config below the repository root stays a taxonomy of its own', async () => {
    const r = repo(CLEAN, { config: 'none' });
    const inner = repo(CLEAN, { config: 'yaml', git: 'none' });
    cpSync(inner.dir, r.at('nested'), { recursive: true });
    const res = await lintJson(
      ['journeys/fibre-install.journey.yaml', 'nested/journeys/fibre-install.journey.yaml'],
      r.dir,
    );
    assert.equal(res.files.size, 2);
    for (const [file, messages] of res.files)
      assert.deepEqual(messages, [], `${file}: no duplicate ids across the two taxonomies`);
  });

  it('--cache run from a subfolder is keyed by the taxonomy root: the same report cold, warm, and as without it', async () => {
    const r = repo(WITH_PROBLEMS, { config: 'none' });
    const cacheLocation = path.join(r.dir, '..', 'cache');
    const plain = await lintJson(['.'], r.at('journeys'));
    const cold = await lintJson(['.', '--cache-location', cacheLocation], r.at('journeys'));
    const warm = await lintJson(
      ['broken.journey.yaml', 'fibre-install.journey.yaml', '--cache-location', cacheLocation],
      r.at('journeys'),
    );
    assert.deepEqual(cold.files, plain.files);
    for (const [file, messages] of warm.files) assert.deepEqual(messages, plain.files.get(file), file);
    assert.ok(
      ![...plain.files.values()]
        .flat()
        .some((m) => m.ruleId === 'unresolved-reference' && !/nps-scroe/.test(m.message)),
    );
  });

  it('the help says how the root is found', async () => {
    const main = await cli(['--help']);
    const lint = await cli(['lint', '--help']);
    for (const text of [main.stdout, lint.stdout]) {
      assert.match(text, /nearest folder\s+at or above the path holding cx-taxonomy\.config\.yaml \(or \.yml\)/);
      assert.match(text, /else the repository's top folder/);
    }
  });

  it('explain run in a subfolder finds the glossary of the repository', async () => {
    const r = repo(CLEAN, { config: 'none' });
    const res = await cli(['explain', 'churn'], { cwd: r.at('journeys') });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^Churn$/m);
  });

  it('report ownership run in a subfolder reports on the whole taxonomy, as from its root', async () => {
    const r = repo(CLEAN, { config: 'none' });
    const fromRoot = await cli(['report', 'ownership', '--format', 'csv'], { cwd: r.dir });
    const fromSub = await cli(['report', 'ownership', '--format', 'csv'], { cwd: r.at('journeys') });
    assert.equal(fromSub.code, 0, fromSub.stderr);
    assert.match(fromRoot.stdout, /cx-design/);
    assert.equal(fromSub.stdout, fromRoot.stdout);
  });

  it('export glossary of a file names the whole glossary', async () => {
    const r = repo(CLEAN, { config: 'none' });
    const fromRoot = await cli(['export', 'glossary', '--format', 'json'], { cwd: r.dir });
    const fromFile = await cli(['export', 'glossary', '--format', 'json', 'journeys/fibre-install.journey.yaml'], {
      cwd: r.dir,
    });
    assert.equal(fromFile.code, 0, fromFile.stderr);
    assert.equal(fromFile.stdout, fromRoot.stdout);
  });
});

describe('cli taxonomy root: cx-taxonomy.config.yml', () => {
  it('is read like cx-taxonomy.config.yaml: its lifecycle stages and rule severities apply', async () => {
    const r = repo(CLEAN, { config: 'yml' });
    // An unused KPI, which only `unused-kpi: off` keeps quiet.
    writeFileSync(
      r.at('kpis/orphan.kpi.yaml'),
      readFileSync(r.at('kpis/arpu.kpi.yaml'), 'utf8').replace('id: arpu', 'id: orphan-kpi'),
    );
    const loud = await cli(['lint', 'kpis/orphan.kpi.yaml'], { cwd: r.dir });
    assert.match(loud.stdout, /unused-kpi/);
    writeFileSync(
      r.at('cx-taxonomy.config.yml'),
      readFileSync(r.at('cx-taxonomy.config.yml'), 'utf8').replace(/^rules:\n/m, 'rules:\n  unused-kpi: off\n'),
    );
    const res = await cli(['lint', '.'], { cwd: r.dir });
    assert.equal(res.code, 0, res.stdout);
    // `migration` is a lifecycle stage only because the config adds it.
    assert.doesNotMatch(res.stdout, /not a lifecycle stage|unused-kpi/);
  });

  it('found from a subfolder makes its folder the root', async () => {
    const r = repo(CLEAN, { config: 'yml', git: 'none' });
    const res = await cli(['lint', '.'], { cwd: r.at('journeys') });
    assert.equal(res.code, 0, res.stdout + res.stderr);
    assert.doesNotMatch(res.stdout, /unresolved-reference|not a lifecycle stage/);
  });

  it('beside cx-taxonomy.config.yaml is a clear error naming both files (exit 2), unless --config names the one to use', async () => {
    const r = repo(CLEAN, { config: 'both' });
    for (const cwd of [r.dir, r.at('journeys')]) {
      const res = await cli(['lint', '.'], { cwd });
      assert.equal(res.code, 2, res.stdout);
      assert.match(res.stderr, /cx-taxonomy\.config\.yaml and cx-taxonomy\.config\.yml are both in /);
      assert.equal(res.stdout, '');
    }
    const chosen = await cli(['lint', '.', '--config', 'cx-taxonomy.config.yaml'], { cwd: r.dir });
    assert.equal(chosen.code, 0, chosen.stdout + chosen.stderr);
  });
});

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLEAN, cli, ROOT } from './support/cli';
import { gitIn, TEST_GIT_ENV } from './support/git';

interface JsonFile {
  filePath: string;
  messages: { ruleId: string; message: string }[];
}

/** Every file below a folder, relative to it with forward slashes (.git left out). */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === '.git') return [];
    return statSync(full).isDirectory() ? walk(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

describe('cli: lint --changed-since <git-ref>', () => {
  let dir: string;
  const env = TEST_GIT_ENV;
  const git = (...args: string[]) => gitIn(dir, ...args);
  const file = (rel: string) => path.join(dir, ...rel.split('/'));
  const edit = (rel: string, from: RegExp, to: string) => {
    const text = readFileSync(file(rel), 'utf8');
    assert.match(text, from);
    writeFileSync(file(rel), text.replace(from, to));
  };
  /** The files a `lint --changed-since` run reports on (with or without problems), relative to the repository. */
  async function reported(ref: string, ...more: string[]): Promise<{ code: number; files: Map<string, string[]> }> {
    const r = await cli(['lint', '--changed-since', ref, '--format', 'json', ...more], { cwd: dir, env });
    assert.notEqual(r.code, 2, r.stderr);
    const files = new Map(
      (JSON.parse(r.stdout) as JsonFile[]).map((f) => [
        path.relative(dir, path.resolve(dir, f.filePath)).split(path.sep).join('/'),
        f.messages.map((m) => m.ruleId),
      ]),
    );
    return { code: r.code, files };
  }

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cx-changed-'));
    cpSync(path.join(ROOT, CLEAN), dir, { recursive: true });
    git('-c', 'init.defaultBranch=main', 'init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'taxonomy');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('nothing changed since HEAD: nothing reported, exit 0', async () => {
    const r = await reported('HEAD');
    assert.equal(r.code, 0);
    assert.deepEqual([...r.files.keys()], []);
  });

  it('a renamed team id reports every file that still uses the old one, and no unrelated file', async () => {
    const users = walk(dir).filter(
      (rel) => rel !== 'acme.teams.yaml' && /\bcx-design\b(?!-)/.test(readFileSync(file(rel), 'utf8')),
    );
    assert.ok(users.length >= 5, `the sample uses cx-design in several files: ${users.join(', ')}`);
    edit('acme.teams.yaml', /id: cx-design$/m, 'id: cx-experience-design');

    const r = await reported('HEAD');
    assert.equal(r.code, 1);
    for (const rel of users)
      assert.deepEqual([...new Set(r.files.get(rel))], ['unresolved-reference'], `${rel} still uses cx-design`);
    assert.deepEqual(r.files.get('acme.teams.yaml'), [], 'the changed file itself is reported');
    for (const unrelated of [
      'kpis/arpu.kpi.yaml',
      'segments/students.segment.yaml',
      'docs/fibre-install-review.md',
    ].filter((rel) => walk(dir).includes(rel))) {
      assert.equal(r.files.has(unrelated), false, `${unrelated} does not depend on the change`);
    }
    assert.ok(
      r.files.size < walk(dir).length / 2,
      `only the change and its dependents: ${[...r.files.keys()].join(', ')}`,
    );

    // The same once committed (against the commit before), and once staged.
    git('add', '-A');
    assert.deepEqual([...(await reported('HEAD')).files.keys()], [...r.files.keys()]);
    git('commit', '-q', '-m', 'rename');
    assert.deepEqual([...(await reported('HEAD~1')).files.keys()], [...r.files.keys()]);
    assert.deepEqual([...(await reported('main')).files.keys()], []);
  });

  it('reports a changed file, an untracked one and the users of a deleted one, within the paths given', async () => {
    edit('personas/remote-professional.persona.yaml', /^name: .*$/m, 'name: Remote professional (renamed)');
    rmSync(file('kpis/average-handle-time.kpi.yaml'));
    writeFileSync(
      file('kpis/new-metric.kpi.yaml'),
      readFileSync(file('kpis/arpu.kpi.yaml'), 'utf8').replace(/^id: arpu$/m, 'id: new-metric'),
    );

    const r = await reported('HEAD');
    const files = [...r.files.keys()];
    assert.ok(files.includes('personas/remote-professional.persona.yaml'), files.join(', '));
    assert.ok(files.includes('kpis/new-metric.kpi.yaml'), 'an untracked file counts');
    assert.equal(r.files.has('kpis/average-handle-time.kpi.yaml'), false, 'a deleted file is not reported');
    for (const user of ['journeys/sme-setup.journey.yaml', 'journeys/mobile-switch.journey.yaml'])
      assert.ok(
        r.files.get(user)?.includes('unresolved-reference'),
        `${user} used the deleted KPI: ${files.join(', ')}`,
      );

    const only = await reported('HEAD', 'personas');
    assert.deepEqual(
      [...only.files.keys()].filter((f) => !f.startsWith('personas/')),
      [],
    );
    assert.ok(only.files.has('personas/remote-professional.persona.yaml'));
  });

  it('a file git ignores is not a change', async () => {
    writeFileSync(file('.gitignore'), 'scratch/\n');
    git('add', '.gitignore');
    git('commit', '-q', '-m', 'ignore');
    cpSync(file('kpis/arpu.kpi.yaml'), file('scratch/copy.kpi.yaml'));
    assert.deepEqual([...(await reported('HEAD')).files.keys()], []);
  });

  it("never runs a program the repository's config names (core.fsmonitor)", async () => {
    const marker = path.join(dir, '..', `${path.basename(dir)}-fsmonitor-ran`);
    const hook = path.join(dir, '..', `${path.basename(dir)}-fsmonitor.sh`);
    writeFileSync(hook, `#!/bin/sh\necho ran > '${marker}'\n`, { mode: 0o755 });
    try {
      git('config', 'core.fsmonitor', hook);
      edit('personas/remote-professional.persona.yaml', /^name: .*$/m, 'name: Remote professional (renamed)');
      const r = await reported('HEAD');
      assert.ok(r.files.has('personas/remote-professional.persona.yaml'));
      assert.equal(existsSync(marker), false, 'the fsmonitor program ran');
    } finally {
      rmSync(hook, { force: true });
      rmSync(marker, { force: true });
    }
  });

  it('a ref git does not know, or no repository, is a usage error in one line (exit 2)', async () => {
    const bad = await cli(['lint', '--changed-since', 'no-such-branch'], { cwd: dir, env });
    assert.equal(bad.code, 2);
    assert.equal(
      bad.stderr,
      'cx-taxonomy: --changed-since: unknown Git ref "no-such-branch" (no commit of that name in ' +
        path.basename(dir) +
        ').\n',
    );
    assert.equal(bad.stdout, '');

    // CI's shallow clone lacks the history: the message says so.
    git('commit', '-q', '--allow-empty', '-m', 'second');
    const shallow = mkdtempSync(path.join(tmpdir(), 'cx-shallow-'));
    try {
      assert.equal(spawnSync('git', ['clone', '-q', '--depth', '1', `file://${dir}`, shallow], { env }).status, 0);
      const r = await cli(['lint', '--changed-since', 'HEAD~1'], { cwd: shallow, env });
      assert.equal(r.code, 2);
      assert.match(
        r.stderr,
        /^cx-taxonomy: --changed-since: unknown Git ref "HEAD~1" \(no commit of that name in [^;]+; this clone is shallow, so fetch the history the ref is in \(fetch-depth: 0 on GitHub, GIT_DEPTH: 0 on GitLab\)\)\.\n$/,
      );
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }

    rmSync(path.join(dir, '.git'), { recursive: true, force: true });
    const none = await cli(['lint', '--changed-since', 'HEAD'], { cwd: dir, env });
    assert.equal(none.code, 2);
    assert.match(
      none.stderr,
      /^cx-taxonomy: --changed-since needs a Git repository, and git says: fatal: not a git repository[^\n]*\n$/,
    );
  });
});

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './support/cli';
import { copyFromCheckout, packedPackage, run, scratch, userEnv } from './support/packed';

/**
 * Debian's pre-commit runs this checkout's `.pre-commit-hooks.yaml` as a user's repository would.
 *
 * pre-commit clones the hook's repository at `rev`, runs `npm install` there (devDependencies
 * included), `npm pack`, and `npm install -g` of that tarball into its own environment. A clone
 * of this repository would have to download the devDependencies (esbuild, TypeScript...) to
 * build, so the hook repository here is the package as published (the tarball `npm pack` makes
 * of this working tree) plus this checkout's `.pre-commit-hooks.yaml` and `.npmrc`, committed in
 * a temporary Git repository, with the build-only parts of package.json (`scripts`,
 * `devDependencies`) left out. That tests the hook definition, the package and its bin for
 * real, offline; `npm pack` printing only the tarball's name with `prepare` in place is
 * checked in package.test.ts.
 */
describe('pre-commit hook (.pre-commit-hooks.yaml, with Debian pre-commit)', function () {
  // pre-commit installs the hook's node environment once (about five seconds), then each commit
  // lints the staged files.
  this.timeout(180_000);
  let work: string;
  let env: NodeJS.ProcessEnv;
  const journey = 'journeys/copper-switch-off.journey.yaml';
  const owned =
    '    lifecycleStage: retention\n    owner: lifecycle-marketing\n    touchpoints:\n      - id: switch-off-letter\n';
  const unowned = '    lifecycleStage: retention\n    touchpoints:\n      - id: switch-off-letter\n';

  /** `git commit` in the user's repository, through the installed pre-commit hook. */
  function commit(message: string) {
    const r = spawnSync('git', ['commit', '-m', message], { cwd: work, env, encoding: 'utf8', timeout: 120_000 });
    if (r.error) throw r.error;
    return { code: r.status, output: r.stdout + r.stderr };
  }
  const head = () => run('git', ['rev-parse', 'HEAD'], { cwd: work, env }).stdout.trim();

  before(() => {
    const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
    if (version.error || version.status !== 0) {
      throw new Error(
        'pre-commit is not installed: `apt-get install pre-commit` (Debian, as .ci/run does) or `pipx install pre-commit`, then run the tests again.',
      );
    }
    const dir = scratch('pre-commit');
    const gitConfig = path.join(dir, 'gitconfig');
    writeFileSync(gitConfig, '[init]\n\tdefaultBranch = main\n');
    env = userEnv({
      PRE_COMMIT_HOME: path.join(dir, 'pre-commit-home'),
      // Neither the machine's nor the user's Git settings (hooksPath, signing) apply.
      GIT_CONFIG_GLOBAL: gitConfig,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
    });

    // The hook's repository: the package as npm installs it, and the hook definition.
    const packed = packedPackage();
    const hook = path.join(dir, 'hook');
    const unpacked = scratch('hook-tarball');
    run('tar', ['-xzf', packed.tarball, '-C', unpacked], { cwd: unpacked, env });
    cpSync(path.join(unpacked, 'package'), hook, { recursive: true });
    for (const f of ['.pre-commit-hooks.yaml', '.npmrc']) copyFileSync(path.join(ROOT, f), path.join(hook, f));
    const manifestFile = path.join(hook, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
    delete manifest.scripts;
    delete manifest.devDependencies;
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
    run('git', ['init', '-q'], { cwd: hook, env });
    run('git', ['add', '-A'], { cwd: hook, env });
    run('git', ['commit', '-q', '-m', 'cx-taxonomy hook'], { cwd: hook, env });
    const rev = run('git', ['rev-parse', 'HEAD'], { cwd: hook, env }).stdout.trim();

    // The user's repository: a clean taxonomy, the hook configured and installed.
    work = copyFromCheckout('samples/acme-telecom', path.join(dir, 'work'));
    assert.ok(readFileSync(path.join(work, journey), 'utf8').includes(owned));
    writeFileSync(
      path.join(work, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${JSON.stringify(hook)}\n    rev: ${rev}\n    hooks:\n      - id: cx-taxonomy\n`,
    );
    run('git', ['init', '-q'], { cwd: work, env });
    run('git', ['add', '-A'], { cwd: work, env });
    run('git', ['commit', '-q', '--no-verify', '-m', 'taxonomy'], { cwd: work, env });
    run('pre-commit', ['install'], { cwd: work, env });
  });

  it('refuses a commit that leaves a touchpoint without an owner, and takes it once the owner is back', () => {
    const file = path.join(work, journey);
    const before = head();
    writeFileSync(file, readFileSync(file, 'utf8').replace(owned, unowned));
    run('git', ['add', journey], { cwd: work, env });
    const refused = commit('drop the owner of the letter');
    assert.equal(refused.code, 1, refused.output);
    assert.match(refused.output, /cx-taxonomy\.+Failed/);
    assert.match(
      refused.output,
      /copper-switch-off\.journey\.yaml\n\s+19:\d+\s+error\s+Touchpoint `Letter about the copper switch-off`.*touchpoint-owner/,
    );
    assert.equal(head(), before, 'nothing was committed');

    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(unowned, owned.replace('lifecycle-marketing', 'customer-care')),
    );
    run('git', ['add', journey], { cwd: work, env });
    const taken = commit('the letter is owned by customer care');
    assert.equal(taken.code, 0, taken.output);
    assert.match(taken.output, /cx-taxonomy\.+Passed/);
    assert.notEqual(head(), before);
  });

  it('takes a commit of a Markdown doc, a README outside the docs globs and the config of a clean taxonomy', () => {
    // The hook passes every staged Markdown file and the config to `cx-taxonomy lint`: none of
    // them may be refused as "not a taxonomy file" (exit 2), or no such commit could be made.
    const doc = 'docs/how-we-talk-about-customers.md';
    writeFileSync(path.join(work, doc), readFileSync(path.join(work, doc), 'utf8') + '\nOne more line.\n');
    writeFileSync(path.join(work, 'README.md'), '# Our taxonomy\n');
    writeFileSync(
      path.join(work, 'cx-taxonomy.config.yaml'),
      readFileSync(path.join(work, 'cx-taxonomy.config.yaml'), 'utf8') + '\n# reviewed\n',
    );
    run('git', ['add', doc, 'README.md', 'cx-taxonomy.config.yaml'], { cwd: work, env });
    const r = commit('docs and config');
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /cx-taxonomy\.+Passed/);
  });

  it('runs only on taxonomy files, Markdown and the config', () => {
    // Whatever an earlier test left staged in the temporary repository is dropped.
    run('git', ['reset', '-q', '--hard', 'HEAD'], { cwd: work, env });
    writeFileSync(path.join(work, 'notes.txt'), 'not a taxonomy file\n');
    run('git', ['add', 'notes.txt'], { cwd: work, env });
    const r = commit('notes');
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /cx-taxonomy\.+\(no files to check\)Skipped/);
  });
});

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { cli, ROOT, tempTree } from './support/cli';
import { sarifValidator } from './support/sarifSchema';
import { TEST_GIT_ENV } from './support/git';

interface Step {
  id?: string;
  name?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
const step = (id: string): Step => {
  const s = action.runs.steps.find((x) => x.id === id);
  assert.ok(s, `no step with id ${id}`);
  return s;
};

/** What a runner knows while running the action: its inputs, earlier steps' outputs, its paths. */
interface Context {
  inputs: Record<string, string>;
  outputs: Record<string, Record<string, string>>;
  workspace: string;
  temp: string;
  actionPath: string;
}

/** Resolves the `${{ ... }}` expressions the run steps use; any other is a test failure. */
function expand(text: string, ctx: Context): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    let m: RegExpMatchArray | null;
    if ((m = expr.match(/^inputs\.([a-z-]+)$/))) {
      assert.ok(m[1] in action.inputs, `${expr} is not an input`);
      return ctx.inputs[m[1]] ?? action.inputs[m[1]].default ?? '';
    }
    if ((m = expr.match(/^steps\.([a-z-]+)\.outputs\.([a-z-]+)$/))) return ctx.outputs[m[1]]?.[m[2]] ?? '';
    if (expr === 'github.workspace') return ctx.workspace;
    if (expr === 'github.action_path') return ctx.actionPath;
    if (expr === 'runner.temp') return ctx.temp;
    throw new Error(`the test does not know the expression ${expr}`);
  });
}

/** Runs one `run:` step as a GitHub runner does (bash -eo pipefail, env, working-directory). */
function runStep(
  s: Step,
  ctx: Context,
): { code: number | null; stdout: string; stderr: string; outputs: Record<string, string> } {
  assert.equal(s.shell, 'bash');
  assert.ok(s.run);
  const outputFile = path.join(ctx.temp, `output-${s.id ?? 'step'}`);
  writeFileSync(outputFile, '');
  const script = path.join(ctx.temp, `step-${s.id ?? 'step'}.sh`);
  writeFileSync(script, s.run);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: path.join(ctx.temp, 'step-summary.md'),
  };
  for (const [k, v] of Object.entries(s.env ?? {})) env[k] = expand(v, ctx);
  const cwd = s['working-directory'] ? expand(s['working-directory'], ctx) : ctx.workspace;
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const outputs: Record<string, string> = {};
  for (const line of readFileSync(outputFile, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  if (s.id) ctx.outputs[s.id] = outputs;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs };
}

describe('GitHub Action (action.yml)', function () {
  this.timeout(60_000);
  const CLI = path.join(ROOT, 'dist', 'cli.js');

  it('is a composite action whose every input is used, and whose lint step passes only options lint has', async () => {
    assert.equal(action.runs.using, 'composite');
    assert.ok(action.name && action.description);
    const text = JSON.stringify(action.runs.steps);
    for (const input of Object.keys(action.inputs)) {
      assert.ok(action.inputs[input].description, `${input} has no description`);
      assert.ok(text.includes(`inputs.${input} `) || text.includes(`inputs.${input}}`), `input ${input} is never used`);
    }
    assert.deepEqual(Object.keys(action.inputs).sort(), [
      'category',
      'changed-since',
      'diff-base',
      'format',
      'max-warnings',
      'paths',
      'upload-sarif',
    ]);
    const help = (await cli(['lint', '--help'])).stdout;
    const flags = new Set(step('lint').run!.match(/(?<![\w-])--[a-z][a-z-]*/g));
    assert.deepEqual([...flags].sort(), ['--changed-since', '--format', '--max-warnings', '--output']);
    for (const flag of flags)
      assert.match(help, new RegExp(`(^|[\\s,])${flag}\\b`, 'm'), `cx-taxonomy lint has no ${flag}`);
  });

  it('runs diff only with diff-base, passing only options diff has, the ref after `--`', async () => {
    assert.equal(action.inputs['diff-base'].default, '');
    const diff = step('diff');
    assert.match(diff.if ?? '', /inputs\.diff-base != ''/);
    assert.match(diff.run!, /diff --format md --output "\$diff" -- "\$CX_DIFF_BASE"/);
    const help = (await cli(['diff', '--help'])).stdout;
    const flags = new Set(diff.run!.match(/(?<![\w-])--[a-z][a-z-]*/g));
    assert.deepEqual([...flags].sort(), ['--format', '--output']);
    for (const flag of flags)
      assert.match(help, new RegExp(`(^|[\\s,])${flag}\\b`, 'm'), `cx-taxonomy diff has no ${flag}`);
    assert.equal(action.outputs['diff-file'].value, '${{ steps.diff.outputs.diff-file }}');
  });

  it('uploads the SARIF it wrote with github/codeql-action/upload-sarif, in the category asked', () => {
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(upload);
    assert.equal(upload.with?.sarif_file, '${{ steps.lint.outputs.sarif-file }}');
    assert.equal(upload.with?.category, '${{ inputs.category }}');
    assert.match(upload.if ?? '', /inputs\.upload-sarif == 'true'/);
  });

  describe('its steps, run as a runner would', () => {
    let tree: ReturnType<typeof tempTree>;
    let ctx: Context;
    beforeEach(() => {
      tree = tempTree({});
      const workspace = path.join(tree.dir, 'workspace');
      const temp = path.join(tree.dir, 'runner-temp');
      mkdirSync(workspace);
      mkdirSync(temp);
      ctx = { inputs: {}, outputs: { cli: { bin: CLI } }, workspace, temp, actionPath: path.join(tree.dir, 'action') };
    });
    afterEach(() => tree.dispose());

    function copySample(name: string, to = name): void {
      spawnSync('cp', ['-r', path.join(ROOT, 'samples', name), path.join(ctx.workspace, to)]);
    }

    it('on problems: annotations in the log, a valid SARIF and a Markdown summary, and the job fails with exit 1', () => {
      copySample('with-problems');
      const lint = runStep(step('lint'), ctx);
      assert.equal(lint.code, 0, lint.stderr);
      assert.equal(lint.outputs['exit-code'], '1');
      assert.match(lint.stdout, /^::error file=with-problems\/[^,]+,line=\d+/m);
      const sarif = JSON.parse(readFileSync(lint.outputs['sarif-file'], 'utf8'));
      assert.ok(sarifValidator()(sarif));
      assert.ok(sarif.runs[0].results.length > 0);
      assert.ok(lint.outputs['sarif-file'].startsWith(ctx.temp), 'reports go to runner.temp, not the workspace');

      const summary = runStep(
        action.runs.steps.find((s) => s.name === 'Job summary')!,
        ctx,
      );
      assert.equal(summary.code, 0, summary.stderr);
      assert.equal(
        readFileSync(path.join(ctx.temp, 'step-summary.md'), 'utf8'),
        readFileSync(lint.outputs['summary-file'], 'utf8'),
      );
      assert.match(readFileSync(lint.outputs['summary-file'], 'utf8'), /touchpoint-owner/);

      const result = runStep(
        action.runs.steps.find((s) => s.name === 'Result')!,
        ctx,
      );
      assert.equal(result.code, 1);
    });

    it('passes paths (split on blanks and new lines, never globbed), format and max-warnings through', () => {
      // A clean taxonomy in a folder literally named `*`, next to one with problems: a glob
      // expanded by the shell would lint both.
      copySample('acme-telecom', '*');
      copySample('with-problems');
      ctx.inputs = { paths: '*', format: 'stylish', 'max-warnings': '0' };
      const star = runStep(step('lint'), ctx);
      assert.equal(star.outputs['exit-code'], '0', star.stdout + star.stderr);
      assert.match(star.stdout, /^No problems in \d+ files\.$/m);
      ctx.inputs.paths = '*\nwith-problems/journeys/broken.journey.yaml';
      const two = runStep(step('lint'), ctx);
      assert.equal(two.outputs['exit-code'], '1');
      assert.match(two.stdout, /^with-problems\/journeys\/broken\.journey\.yaml$/m);
      assert.doesNotMatch(two.stdout, /^::/m);
      // Quotes are not shell syntax here: `'a` and `b'` are two paths, which do not exist.
      ctx.inputs.paths = "'a b'";
      assert.equal(runStep(step('lint'), ctx).outputs['exit-code'], '2');
    });

    it('passes changed-since through: nothing changed since HEAD, nothing reported', () => {
      copySample('with-problems');
      const git = (...args: string[]) =>
        spawnSync('git', args, {
          cwd: ctx.workspace,
          encoding: 'utf8',
          env: TEST_GIT_ENV,
        });
      git('init', '-q');
      git('add', '-A');
      assert.equal(git('commit', '-q', '-m', 'taxonomy').status, 0);
      ctx.inputs = { 'changed-since': 'HEAD' };
      const lint = runStep(step('lint'), ctx);
      assert.equal(lint.outputs['exit-code'], '0', lint.stdout + lint.stderr);
    });

    it('with diff-base: appends what the change means to the job summary, after the lint; a bad ref fails the job', () => {
      copySample('acme-telecom', 'taxonomy');
      const git = (...args: string[]) =>
        spawnSync('git', args, {
          cwd: ctx.workspace,
          encoding: 'utf8',
          env: TEST_GIT_ENV,
        });
      git('init', '-q');
      git('add', '-A');
      assert.equal(git('commit', '-q', '-m', 'taxonomy').status, 0);
      const base = git('rev-parse', 'HEAD').stdout.trim();
      const kpi = path.join(ctx.workspace, 'taxonomy', 'kpis', 'net-promoter-score.kpi.yaml');
      writeFileSync(kpi, readFileSync(kpi, 'utf8').replace(/^direction: increase$/m, 'direction: decrease'));
      ctx.inputs = { paths: 'taxonomy', 'diff-base': base };
      const lint = runStep(step('lint'), ctx);
      assert.equal(lint.outputs['exit-code'], '0', lint.stdout + lint.stderr);
      runStep(
        action.runs.steps.find((s) => s.name === 'Job summary')!,
        ctx,
      );
      const diff = runStep(step('diff'), ctx);
      assert.equal(diff.code, 0, diff.stderr);
      assert.equal(diff.outputs['exit-code'], '0', diff.stderr);
      const summary = readFileSync(path.join(ctx.temp, 'step-summary.md'), 'utf8');
      assert.ok(summary.startsWith(readFileSync(lint.outputs['summary-file'], 'utf8')), 'the lint summary comes first');
      assert.ok(summary.endsWith(readFileSync(diff.outputs['diff-file'], 'utf8')));
      assert.match(summary, /^## Taxonomy changes: `[0-9a-f]{40}` \(`[0-9a-f]{7}`\) → the working tree$/m);
      assert.match(summary, /^- `net-promoter-score` direction: `increase` → `decrease`/m);
      const result = () =>
        runStep(
          action.runs.steps.find((s) => s.name === 'Result')!,
          ctx,
        );
      assert.equal(result().code, 0);

      ctx.inputs['diff-base'] = 'no-such-ref';
      const bad = runStep(step('diff'), ctx);
      assert.equal(bad.outputs['exit-code'], '2');
      assert.match(bad.stderr, /unknown Git ref "no-such-ref"/);
      assert.equal(result().code, 2, 'a diff that could not run fails a job the lint passed');
    });

    it('runs the cx-taxonomy the repository installed, else its own', () => {
      const own = path.join(ctx.actionPath, 'dist', 'cli.js');
      mkdirSync(path.dirname(own), { recursive: true });
      writeFileSync(own, '');
      assert.equal(runStep(step('cli'), ctx).outputs.bin, own);
      const installed = path.join(ctx.workspace, 'node_modules', 'cx-taxonomy', 'dist', 'cli.js');
      mkdirSync(path.dirname(installed), { recursive: true });
      writeFileSync(installed, '');
      assert.equal(runStep(step('cli'), ctx).outputs.bin, installed);
      assert.ok(existsSync(own));
    });
  });
});

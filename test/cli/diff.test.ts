import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { TaxonomyDiff } from '../../server/src/core/diff';
import { CLEAN, cli, ROOT } from './support/cli';
import { gitIn, TEST_GIT_ENV } from './support/git';

/** The JSON report: the core's diff with the sides named. */
interface DiffJson extends TaxonomyDiff {
  version: number;
  base: { name: string; commit?: string };
  head: { name: string; commit?: string };
  introducesErrors: boolean;
}

const TODAY = ['--today', '2025-06-01'];

describe('cli: diff <base> [<head>]', () => {
  let dir: string;
  const env = TEST_GIT_ENV;
  const git = (...args: string[]) => gitIn(dir, ...args).trim();
  const file = (rel: string) => path.join(dir, ...rel.split('/'));
  const edit = (rel: string, from: string | RegExp, to: string) => {
    const text = readFileSync(file(rel), 'utf8');
    assert.ok(typeof from === 'string' ? text.includes(from) : from.test(text), `${String(from)} not in ${rel}`);
    writeFileSync(file(rel), text.replace(from, to));
  };
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  async function diffJson(args: string[], cwd = dir): Promise<DiffJson> {
    const r = await cli(['diff', ...args, '--format', 'json', ...TODAY], { cwd, env });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as DiffJson;
  }

  /** The change reviewed in most tests, on top of the clean sample. */
  function change(): void {
    // A rename: the persona's id, and its two uses.
    edit('personas/senior-landline-loyalist.persona.yaml', /^id: senior-landline-loyalist$/m, 'id: landline-loyalist');
    edit('journeys/copper-switch-off.journey.yaml', /\bsenior-landline-loyalist\b/g, 'landline-loyalist');
    edit('segments/legacy-voice.segment.yaml', /\bsenior-landline-loyalist\b/g, 'landline-loyalist');
    // The renamed persona is handed to another team.
    edit('personas/senior-landline-loyalist.persona.yaml', /^owner: voice-of-customer$/m, 'owner: cx-design');
    // An ownership loss: the installation stage's owner, which its touchpoints inherit.
    edit(
      'journeys/fibre-install.journey.yaml',
      '    lifecycleStage: onboarding\n    owner: field-operations\n',
      '    lifecycleStage: onboarding\n',
    );
    // A redefined term, a KPI direction flip.
    edit('shared.glossary.yaml', 'by choice or for non-payment', 'by choice, for non-payment or by moving abroad');
    edit('kpis/net-promoter-score.kpi.yaml', /^direction: increase$/m, 'direction: decrease');
    // The problem the base had is fixed: telesales-order gets its owner back.
    edit(
      'journeys/fibre-install.journey.yaml',
      '        channel: phone\n',
      '        channel: phone\n        owner: consumer-sales\n',
    );
  }

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cx-diff-'));
    cpSync(path.join(ROOT, CLEAN), dir, { recursive: true });
    // The base has one problem: a touchpoint nobody owns (its stage has no owner either).
    edit(
      'journeys/fibre-install.journey.yaml',
      '        channel: phone\n        owner: consumer-sales\n',
      '        channel: phone\n',
    );
    git('-c', 'init.defaultBranch=main', 'init', '-q');
    commit('base');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('between two commits: a rename, an ownership loss, a redefined term, a KPI direction flip, a problem introduced and one fixed', async () => {
    const base = git('rev-parse', 'HEAD');
    change();
    const head = commit('change');
    const d = await diffJson([base, head]);
    assert.deepEqual(d.base, { name: base, commit: base });
    assert.deepEqual(d.entities, {
      added: [],
      removed: [],
      renamed: [
        {
          kind: 'persona',
          from: 'senior-landline-loyalist',
          to: 'landline-loyalist',
          file: 'personas/senior-landline-loyalist.persona.yaml',
        },
      ],
    });
    assert.deepEqual(
      d.ownership.map((o) => `${o.journey}/${o.touchpoint} ${o.change} ${o.before?.teams.join()}`),
      [
        'fibre-install/appointment-booking unowned field-operations',
        'fibre-install/engineer-visit unowned field-operations',
        'fibre-install/telesales-order changed undefined',
      ],
    );
    assert.deepEqual(
      d.glossary.redefined.map((t) => t.id),
      ['churn'],
    );
    assert.deepEqual(d.kpis, [
      {
        id: 'net-promoter-score',
        file: 'kpis/net-promoter-score.kpi.yaml',
        field: 'direction',
        before: 'increase',
        after: 'decrease',
      },
    ]);
    assert.deepEqual(d.governance, [
      {
        kind: 'persona',
        id: 'landline-loyalist',
        file: 'personas/senior-landline-loyalist.persona.yaml',
        field: 'owner',
        before: 'voice-of-customer',
        after: 'cx-design',
      },
    ]);
    assert.deepEqual(
      d.problems.introduced.map((p) => `${p.ruleId} ${p.severity} ${p.file}`),
      [
        'touchpoint-owner error journeys/fibre-install.journey.yaml',
        'touchpoint-owner error journeys/fibre-install.journey.yaml',
      ],
    );
    assert.deepEqual(
      d.problems.fixed.map((p) => `${p.ruleId} ${p.file} ${/Order by phone/.test(p.message)}`),
      ['touchpoint-owner journeys/fibre-install.journey.yaml true'],
    );
    assert.equal(d.introducesErrors, true);

    const md = await cli(['diff', base, head, ...TODAY], { cwd: dir, env });
    assert.equal(md.code, 0, md.stderr);
    const headings = md.stdout.split('\n').filter((l) => l.startsWith('#'));
    assert.deepEqual(headings, [
      `## Taxonomy changes: \`${base}\` (\`${base.slice(0, 7)}\`) → \`${head}\` (\`${head.slice(0, 7)}\`)`,
      '### Entities (1)',
      '### Touchpoint ownership (3)',
      '### Glossary (1)',
      '### KPIs (1)',
      '### Owners and status (1)',
      '### ❌ Problems introduced (2, 2 errors)',
      '### ✅ Problems fixed (1)',
    ]);
    assert.match(
      md.stdout,
      /^- Renamed persona `senior-landline-loyalist` → `landline-loyalist` in `personas\/senior-landline-loyalist\.persona\.yaml`$/m,
    );
    assert.match(
      md.stdout,
      /^- `fibre-install\/engineer-visit` is no longer owned by anyone \(was `field-operations`\)/m,
    );
    assert.match(md.stdout, /^- `net-promoter-score` direction: `increase` → `decrease`/m);
    assert.match(md.stdout, /^- `touchpoint-owner` \(2\)$/m);
    assert.match(
      md.stdout,
      /^- Persona `landline-loyalist` owner: `voice-of-customer` → `cx-design` in `personas\/senior-landline-loyalist\.persona\.yaml`$/m,
    );
  });

  it('without a head: the working tree, from any folder of the taxonomy, uncommitted and untracked files included', async () => {
    change();
    writeFileSync(file('personas/new.persona.yaml'), 'kind: persona\nid: newcomer\nname: Newcomer\nowner: cx-design\n');
    mkdirSync(file('docs/sub'), { recursive: true });
    for (const cwd of [dir, file('docs/sub')]) {
      const d = await diffJson(['HEAD'], cwd);
      assert.deepEqual(d.head, { name: 'working tree' });
      assert.deepEqual(
        d.entities.added.map((e) => `${e.kind} ${e.id} ${e.file}`),
        ['persona newcomer personas/new.persona.yaml'],
      );
      assert.equal(d.entities.renamed.length, 1);
      assert.equal(d.kpis.length, 1);
    }
    // Nothing was checked out or changed by reading the base.
    assert.match(readFileSync(file('kpis/net-promoter-score.kpi.yaml'), 'utf8'), /^direction: decrease$/m);
  });

  it('nothing changed: says so in Markdown, and every JSON section is empty', async () => {
    const md = await cli(['diff', 'HEAD', ...TODAY], { cwd: dir, env });
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^No change in meaning, and no problem introduced or fixed\.$/m);
    const d = await diffJson(['HEAD']);
    assert.deepEqual(Object.keys(d), [
      'version',
      'base',
      'head',
      'introducesErrors',
      'entities',
      'ownership',
      'glossary',
      'kpis',
      'governance',
      'lifecycle',
      'problems',
    ]);
    assert.deepEqual(d.governance, []);
    assert.equal(d.version, 1);
    assert.deepEqual(d.entities, { added: [], removed: [], renamed: [] });
    assert.deepEqual(Object.keys(d.glossary), ['added', 'removed', 'renamed', 'deprecated', 'redefined', 'relabelled']);
    assert.deepEqual(d.lifecycle, {
      stages: { added: [], removed: [], renamed: [] },
      mappings: [],
      vocabulary: { added: [], removed: [] },
    });
    assert.deepEqual(d.problems, { introduced: [], fixed: [] });
    assert.equal(d.introducesErrors, false);
  });

  it('--fail-on new-errors: exit 1 when the change introduces an error, 0 when it only fixes one', async () => {
    const base = git('rev-parse', 'HEAD');
    edit(
      'journeys/fibre-install.journey.yaml',
      '        channel: phone\n',
      '        channel: phone\n        owner: consumer-sales\n',
    );
    const fixing = commit('fix');
    assert.equal((await cli(['diff', base, fixing, '--fail-on', 'new-errors', ...TODAY], { cwd: dir, env })).code, 0);
    edit('kpis/net-promoter-score.kpi.yaml', /^owner: voice-of-customer$/m, 'owner: nobody-team');
    const r = await cli(['diff', fixing, '--fail-on', 'new-errors', ...TODAY], { cwd: dir, env });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /unresolved-reference/);
    assert.equal(
      (await cli(['diff', fixing, ...TODAY], { cwd: dir, env })).code,
      0,
      'without --fail-on, a diff exits 0',
    );
  });

  it('two folders: each read as one taxonomy, no Git needed', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'cx-diff-folders-'));
    try {
      cpSync(path.join(ROOT, CLEAN), path.join(outside, 'before'), { recursive: true });
      cpSync(path.join(ROOT, CLEAN), path.join(outside, 'after'), { recursive: true });
      const kpi = path.join(outside, 'after', 'kpis', 'net-promoter-score.kpi.yaml');
      writeFileSync(kpi, readFileSync(kpi, 'utf8').replace(/^direction: increase$/m, 'direction: maintain'));
      const r = await cli(['diff', 'before', 'after', '--format', 'json', ...TODAY], { cwd: outside, env });
      assert.equal(r.code, 0, r.stderr);
      const d = JSON.parse(r.stdout) as DiffJson;
      assert.deepEqual([d.base, d.head], [{ name: 'before' }, { name: 'after' }]);
      assert.deepEqual(
        d.kpis.map((v) => `${v.field} ${v.before} ${v.after}`),
        ['direction increase maintain'],
      );
      assert.deepEqual(d.problems, { introduced: [], fixed: [] });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('usage errors: no base, an unknown ref, a bad --fail-on; the help documents the JSON', async () => {
    const none = await cli(['diff'], { cwd: dir, env });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /diff needs a base/);
    const unknown = await cli(['diff', 'no-such-branch'], { cwd: dir, env });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown Git ref "no-such-branch"/);
    assert.equal((await cli(['diff', 'HEAD', '--fail-on', 'warnings'], { cwd: dir, env })).code, 2);
    const help = await cli(['diff', '--help']);
    assert.equal(help.code, 0);
    for (const field of [
      '"introducesErrors"',
      '"ownership"',
      '"relabelled"',
      '"mappings"',
      '"introduced"',
      '--fail-on new-errors',
    ])
      assert.ok(help.stdout.includes(field), field);
    assert.match((await cli(['--help'])).stdout, /^ {2}cx-taxonomy diff <base> \[<head>\] \[options\]/m);
  });
});

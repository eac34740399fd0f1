/**
 * The taxonomy root in the server, found as the CLI finds it (the nearest config, .yaml or .yml;
 * else the Git repository's top folder; else the folder): an editor started on one file, or a
 * workspace folder opened on a subfolder, checks files against the whole taxonomy.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { yamlFilesUnder } from '../support/files';
import { hoverText, LspTestClient, REPO } from './harness';

const SAMPLE = path.join(REPO, 'samples/acme-telecom');
const JOURNEY = 'journeys/copper-switch-off.journey.yaml';

/** The sample's files by relative path (its Markdown docs left out), the config dropped or renamed. */
function sample(config: 'none' | 'yml' | 'both'): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of yamlFilesUnder(SAMPLE))
    files[path.relative(SAMPLE, f).split(path.sep).join('/')] = readFileSync(f, 'utf8');
  const text = files['cx-taxonomy.config.yaml'];
  if (config !== 'both') delete files['cx-taxonomy.config.yaml'];
  if (config !== 'none') files['cx-taxonomy.config.yml'] = text;
  return files;
}

function message(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** Every published diagnostic as `path rule: message`, paths relative to the workspace. */
function shown(c: LspTestClient): string[] {
  const out: string[] = [];
  for (const [uri, { diagnostics }] of c.published) {
    const rel = path.relative(c.root, URI.parse(uri).fsPath).split(path.sep).join('/');
    for (const d of diagnostics) out.push(`${rel} ${String(d.code)}: ${message(d)}`);
  }
  return out.sort();
}

describe('server taxonomy root', () => {
  it('a file opened with no workspace folder is checked against the whole taxonomy above it (its config included)', async () => {
    const c = await LspTestClient.start({ fixture: 'samples/acme-telecom', folders: [] });
    try {
      // One real unresolved reference, so that the server has something to publish.
      const text = readFileSync(path.join(SAMPLE, JOURNEY), 'utf8').replace(
        'kpis: [right-first-time-install]',
        'kpis: [right-first-time-instal]',
      );
      await c.open(JOURNEY, text);
      const ds = await c.waitForDiagnostics(JOURNEY, (x) => x.length > 0);
      assert.deepEqual(
        ds.map((d) => String(d.code)),
        ['unresolved-reference'],
        'teams, personas and KPIs of other files resolve, and the config adds the `migration` stage',
      );
      assert.match(message(ds[0]), /right-first-time-instal`/);
      const hover = await c.hover(JOURNEY, c.positionOf(JOURNEY, 'voice-of-customer', 2));
      assert.match(hoverText(hover), /Voice of the Customer/i);
      // Only the open document is reported on, not the rest of the taxonomy read for it.
      assert.deepEqual(
        [...c.published.keys()].filter((u) => u !== c.uri(JOURNEY)),
        [],
      );
    } finally {
      await c.stop();
    }
  });

  it('a workspace folder opened on a subfolder of a Git repository reads the taxonomy from the repository root', async () => {
    const files = sample('none');
    files['.git/HEAD'] = 'ref: refs/heads/main\n';
    // A problem outside the folder: read for its ids, not reported.
    files['personas/broken.persona.yaml'] = 'kind: persona\nid: broken\nname: Broken\nowner: no-such-team\n';
    const c = await LspTestClient.start({ files, folders: ['journeys'] });
    try {
      // Without a config `migration` is not a lifecycle stage: the one problem to wait for.
      await c.waitForDiagnostics(JOURNEY, (x) => x.some((d) => d.code === 'schema'));
      await c.waitForReady();
      const all = shown(c);
      assert.ok(all.length > 0);
      assert.deepEqual(
        all.filter((s) => !s.startsWith('journeys/') || /unresolved-reference/.test(s)),
        [],
      );
    } finally {
      await c.stop();
    }
  });

  it('reads cx-taxonomy.config.yml: its rule severities and lifecycle stages apply', async () => {
    const files = sample('yml');
    files['cx-taxonomy.config.yml'] = files['cx-taxonomy.config.yml'].replace(
      /^rules:\n/m,
      'rules:\n  unused-kpi: error\n',
    );
    files['kpis/orphan.kpi.yaml'] = files['kpis/arpu.kpi.yaml'].replace('id: arpu', 'id: orphan-kpi');
    const c = await LspTestClient.start({ files });
    try {
      await c.waitForReady();
      assert.deepEqual(
        c
          .diagnostics('kpis/orphan.kpi.yaml')
          .filter((d) => d.code === 'unused-kpi')
          .map((d) => `${String(d.code)} ${d.severity}`),
        ['unused-kpi 1'],
      );
      assert.deepEqual(c.diagnostics(JOURNEY), [], '`migration` is a stage the config adds');
    } finally {
      await c.stop();
    }
  });

  it('cx-taxonomy.config.yml beside cx-taxonomy.config.yaml says it is not read', async () => {
    const c = await LspTestClient.start({ files: sample('both') });
    try {
      const ds = await c.waitForDiagnostics('cx-taxonomy.config.yml', (x) => x.length > 0);
      assert.equal(ds.length, 1);
      assert.equal(ds[0].severity, 1);
      assert.match(
        message(ds[0]),
        /cx-taxonomy\.config\.yaml and cx-taxonomy\.config\.yml are both in this folder: keep one of them/,
      );
      await c.waitForReady();
      assert.deepEqual(c.diagnostics(JOURNEY), [], 'the .yaml is read');
    } finally {
      await c.stop();
    }
  });
});

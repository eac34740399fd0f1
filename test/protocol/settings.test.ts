import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { configurationContribution, defaultSettings, readSettings, SETTINGS } from '../../server/src/lsp/settings';
import { LspTestClient, lines, REPO, serveFixture } from './harness';

describe('settings: one table, normalised', () => {
  it('names every setting cxTaxonomy.<area>.<name> (or cxTaxonomy.<area>) with a default and a description', () => {
    for (const s of SETTINGS) {
      assert.match(s.key, /^cxTaxonomy\.[a-z][a-zA-Z]*(\.[a-zA-Z]+)?$/);
      assert.ok(s.schema.markdownDescription.length > 20, s.key);
      assert.deepEqual(s.normalise(undefined), s.schema.default, `${s.key}: an absent value normalises to the default`);
    }
    assert.deepEqual(
      SETTINGS.map((s) => s.key),
      [
        'cxTaxonomy.rules',
        'cxTaxonomy.docs.globs',
        'cxTaxonomy.files.maxSize',
        'cxTaxonomy.trace.server',
        'cxTaxonomy.inlayHints.enabled',
        'cxTaxonomy.myTeam',
      ],
    );
  });

  it('falls back to safe values for anything unusable', () => {
    const s = readSettings({
      rules: { 'unused-kpi': 'off', schema: 'loud', x: 3 },
      docs: { globs: ['guides/**/*.md', '../../etc/*.md', 7, '/abs/*.md'] },
      files: { maxSize: -5 },
      trace: { server: 'everything' },
      inlayHints: { enabled: 'no' },
      myTeam: 42,
    });
    assert.deepEqual(s, {
      rules: { 'unused-kpi': 'off' },
      docsGlobs: ['guides/**/*.md'],
      maxFileSize: 5 * 1024 * 1024,
      trace: 'off',
      inlayHints: true,
      myTeam: '',
    });
    assert.equal(readSettings({ myTeam: '  cx-ops ' }).myTeam, 'cx-ops');
    assert.deepEqual(readSettings('nonsense'), defaultSettings());
  });

  it('matches package.json contributes.configuration', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      contributes?: { configuration?: { properties?: Record<string, unknown> } };
    };
    assert.deepEqual(pkg.contributes?.configuration?.properties, configurationContribution().properties);
  });
});

describe('protocol: settings and the config file, applied live', function () {
  this.timeout(60000);
  let c!: LspTestClient;
  serveFixture('test/protocol/fixtures/basic', 'test', (client) => (c = client));

  it('a rule severity setting applies as soon as the settings change', async () => {
    await c.waitForDiagnostics('journeys/onboarding.journey.yaml', (ds) =>
      ds.some((d) => d.code === 'touchpoint-owner' && d.severity === 1),
    );
    c.settings = { rules: { 'touchpoint-owner': 'warning' } };
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitForDiagnostics('journeys/onboarding.journey.yaml', (ds) =>
      ds.some((d) => d.code === 'touchpoint-owner' && d.severity === 2),
    );
    c.settings = { rules: { 'touchpoint-owner': 'off' } };
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitForDiagnostics('journeys/onboarding.journey.yaml', (ds) => ds.length === 0);
  });

  it('extra doc globs and the size limit come from the settings', async () => {
    await c.writeFile('notes/deep/a.md', 'Our buyer avatar.\n', false);
    await c.writeFile(
      'big.persona.yaml',
      lines('kind: persona', 'id: big', 'name: Big', 'owner: cx-ops', `description: ${'x'.repeat(3000)}`),
    );
    await c.waitForDiagnostics('big.persona.yaml', (ds) => ds.some((d) => d.code === 'orphan-persona'));
    c.settings = { files: { maxSize: 2048 } };
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitForDiagnostics('big.persona.yaml', (ds) =>
      ds.some((d) => d.code === 'unreadable-file' && /over the/.test(String(d.message))),
    );
  });

  it('a config file written outside the editor reconfigures the taxonomy; a broken one shows its problems and defaults apply', async () => {
    await c.waitForDiagnostics('journeys/onboarding.journey.yaml', (ds) =>
      ds.some((d) => d.code === 'touchpoint-owner'),
    );
    await c.writeFile('cx-taxonomy.config.yaml', lines('rules:', '  touchpoint-owner: off'));
    await c.waitForDiagnostics('journeys/onboarding.journey.yaml', (ds) => ds.length === 0);
    await c.writeFile('cx-taxonomy.config.yaml', lines('rules:', '  touchpoint-owner: loud', 'colour: blue'));
    const problems = await c.waitForDiagnostics('cx-taxonomy.config.yaml', (ds) => ds.length === 2);
    assert.deepEqual(
      problems.map((d) => d.code),
      ['config', 'config'],
    );
    await c.waitForDiagnostics('journeys/onboarding.journey.yaml', (ds) =>
      ds.some((d) => d.code === 'touchpoint-owner' && d.severity === 1),
    );
    await c.deleteFile('cx-taxonomy.config.yaml');
    await c.waitForDiagnostics('cx-taxonomy.config.yaml', (ds) => ds.length === 0);
  });

  it('the config applies live while it is edited in the editor', async () => {
    await c.open('cx-taxonomy.config.yaml', '');
    await c.change('cx-taxonomy.config.yaml', lines('rules:', '  unresolved-reference: hint'));
    await c.waitForDiagnostics('kpis/csat.kpi.yaml', (ds) => ds.length === 1 && ds[0].severity === 4);
  });

  it('a config appearing in a subfolder makes it a taxonomy of its own', async () => {
    await c.writeFile('other/x.persona.yaml', lines('kind: persona', 'id: x', 'name: X', 'owner: cx-ops'));
    await c.waitForDiagnostics('other/x.persona.yaml', (ds) => ds.some((d) => d.code === 'orphan-persona'));
    await c.writeFile('other/cx-taxonomy.config.yaml', lines('rules:', '  orphan-persona: off'));
    // Now `cx-ops` is unknown in that taxonomy (it has no teams file), and orphan-persona is off there.
    await c.waitForDiagnostics(
      'other/x.persona.yaml',
      (ds) => ds.length === 1 && ds[0].code === 'unresolved-reference',
    );
  });
});

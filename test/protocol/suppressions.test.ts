import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-protocol';
import { LspTestClient } from './harness';

const JOURNEY = 'journeys/onboarding.journey.yaml';
const codes = (ds: { code?: unknown }[]) =>
  ds
    .map((d) => String(d.code))
    .sort()
    .join();

describe('protocol: cx-taxonomy-disable comments', function () {
  this.timeout(60000);
  let c: LspTestClient;

  beforeEach(async () => {
    c = await LspTestClient.start({ fixture: 'test/protocol/fixtures/basic' });
    await c.waitForReady();
  });
  afterEach(async () => {
    await c.stop();
  });

  it('a suppressed finding is not published; removing the comment brings it back', async () => {
    await c.waitForDiagnostics(JOURNEY, (ds) => codes(ds) === 'touchpoint-owner');
    const original = c.text(JOURNEY);
    await c.open(JOURNEY);
    const silenced = original.replace(
      '      - id: welcome-call\n',
      '      # cx-taxonomy-disable-next-line touchpoint-owner -- owner agreed next sprint\n      - id: welcome-call\n',
    );
    assert.notEqual(silenced, original);
    await c.change(JOURNEY, silenced);
    await c.waitForDiagnostics(JOURNEY, (ds) => ds.length === 0);
    await c.change(JOURNEY, original);
    await c.waitForDiagnostics(JOURNEY, (ds) => codes(ds) === 'touchpoint-owner');
  });

  it('a directive that silences nothing is a faded hint; an unknown rule id is an error', async () => {
    await c.open(JOURNEY);
    const text = c
      .text(JOURNEY)
      .replace(
        '      - id: welcome-email\n',
        '      # cx-taxonomy-disable-next-line touchpoint-owner, touchpoint-ownr\n      - id: welcome-email\n',
      );
    await c.change(JOURNEY, text);
    const ds = await c.waitForDiagnostics(
      JOURNEY,
      (list) => codes(list) === 'disable-directive,touchpoint-owner,unused-disable-directive',
    );
    const unused = ds.find((d) => d.code === 'unused-disable-directive')!;
    assert.equal(unused.severity, DiagnosticSeverity.Hint);
    assert.deepEqual(unused.tags, [DiagnosticTag.Unnecessary]);
    assert.equal(ds.find((d) => d.code === 'disable-directive')!.severity, DiagnosticSeverity.Error);
  });
});

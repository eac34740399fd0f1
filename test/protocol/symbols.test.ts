import * as assert from 'node:assert/strict';
import { CancellationTokenSource, LSPErrorCodes, type DocumentSymbol } from 'vscode-languageserver-protocol';
import { generatedTaxonomy } from '../support/generated';
import { LspTestClient, serveFixture } from './harness';

function tree(nodes: DocumentSymbol[]): unknown[] {
  return nodes.map((n) => (n.children?.length ? { [n.name]: tree(n.children) } : n.name));
}

describe('protocol: document and workspace symbols', function () {
  this.timeout(60000);
  let c!: LspTestClient;
  serveFixture('test/protocol/fixtures/basic', 'suite', (client) => (c = client));

  it('outlines a journey as stages holding touchpoints', async () => {
    assert.deepEqual(tree((await c.documentSymbols('journeys/onboarding.journey.yaml'))!), [
      { Onboarding: [{ Welcome: ['Welcome email', 'Welcome call'] }] },
    ]);
  });

  it('outlines a glossary and a teams file', async () => {
    assert.deepEqual(tree((await c.documentSymbols('cx.glossary.yaml'))!), [
      { Glossary: ['Persona', 'Customer journey'] },
    ]);
    assert.deepEqual(tree((await c.documentSymbols('org.teams.yaml'))!), [
      { Teams: ['Brand Marketing', 'CX Operations', 'Sales'] },
    ]);
  });

  it('finds definitions of every kind across the workspace', async () => {
    const all = (await c.workspaceSymbols(''))!;
    assert.deepEqual([...new Set(all.map((s) => s.kind))].sort((a, b) => a - b).length, 8);
    const welcome = (await c.workspaceSymbols('welcome'))!.map((s) => s.name).sort();
    assert.deepEqual(welcome, ['welcome', 'welcome-call', 'welcome-email']);
  });
});

describe('protocol: workspace symbols on a large taxonomy (searched in slices, cancellable)', function () {
  this.timeout(60000);
  let c: LspTestClient | undefined;
  afterEach(async () => {
    await c?.stop();
    c = undefined;
  });

  it('answers a hover sent after a one-letter search first, and the search after it', async () => {
    c = await LspTestClient.start({ files: generatedTaxonomy() });
    await c.waitForReady(30000);
    const rel = 'journeys/fibre/order-fibre-0.journey.yaml';
    await c.open(rel);
    const order: string[] = [];
    const search = c.workspaceSymbols('a').then((r) => order.push(`symbols ${r?.length}`));
    const hover = c.hover(rel, c.positionOf(rel, 'persona: premium-professional', 12)).then(() => order.push('hover'));
    await Promise.all([search, hover]);
    assert.deepEqual(order, ['hover', 'symbols 500']);
  });

  it('a search the editor cancels ends with RequestCancelled, and the next one is answered', async () => {
    c = await LspTestClient.start({ files: generatedTaxonomy() });
    await c.waitForReady(30000);
    const source = new CancellationTokenSource();
    const cancelled = c.connection.sendRequest('workspace/symbol', { query: 'a' }, source.token);
    source.cancel();
    await assert.rejects(cancelled, (err: { code?: number }) => err.code === LSPErrorCodes.RequestCancelled);
    const next = (await c.workspaceSymbols('order-fibre-0'))!.map((s) => s.name);
    assert.equal(next[0], 'order-fibre-0');
  });
});

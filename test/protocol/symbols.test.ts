import * as assert from 'node:assert/strict';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
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

import * as assert from 'node:assert/strict';
import type { DocumentSymbolNode } from '../../../server/src/core/features/outline';
import { documentSymbols, workspaceSymbols } from '../../../server/src/core/features/symbols';
import { memoryWorkspace, uriOf } from '../../support/workspace';
import { featureTaxonomy } from './fixture';

function tree(nodes: DocumentSymbolNode[]): unknown[] {
  return nodes.map((n) => (n.children.length ? { [`${n.kind}:${n.name}`]: tree(n.children) } : `${n.kind}:${n.name}`));
}

describe('features: symbols', () => {
  const ws = memoryWorkspace(featureTaxonomy());

  it('outlines a journey as stages holding touchpoints', () => {
    assert.deepEqual(tree(documentSymbols(ws.getFile(uriOf('j.journey.yaml'))!)), [
      { 'journey:Onboarding': [{ 'stage:Welcome': ['touchpoint:Welcome email'] }] },
    ]);
  });

  it('outlines a glossary with its terms and a teams file with its teams', () => {
    assert.deepEqual(tree(documentSymbols(ws.getFile(uriOf('cx.glossary.yaml'))!)), [
      { 'glossary:Glossary': ['term:Persona', 'term:Customer journey'] },
    ]);
    assert.deepEqual(tree(documentSymbols(ws.getFile(uriOf('org.teams.yaml'))!)), [
      { 'teams:Teams': ['team:Brand Marketing', 'team:CX Operations', 'team:Sales'] },
    ]);
  });

  it('keeps every selection range inside its range', () => {
    const check = (n: DocumentSymbolNode) => {
      const before = (a: { line: number; character: number }, b: { line: number; character: number }) =>
        a.line < b.line || (a.line === b.line && a.character <= b.character);
      assert.ok(before(n.range.start, n.selectionRange.start) && before(n.selectionRange.end, n.range.end), n.name);
      n.children.forEach(check);
    };
    for (const f of ws.allFiles()) documentSymbols(f).forEach(check);
  });

  it('finds definitions of every kind by id or name', () => {
    assert.deepEqual(
      workspaceSymbols(ws, 'welcome')
        .map((s) => `${s.kind}:${s.name}`)
        .sort(),
      ['stage:welcome', 'touchpoint:welcome-email'],
    );
    assert.deepEqual(
      workspaceSymbols(ws, 'Net Promoter').map((s) => s.name),
      ['nps'],
    );
    assert.ok(workspaceSymbols(ws, '').length >= 10);
  });
});

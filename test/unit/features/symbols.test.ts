import * as assert from 'node:assert/strict';
import type { DocumentSymbolNode } from '../../../server/src/core/features/outline';
import { documentSymbols, workspaceSymbols, WorkspaceSymbolSearch } from '../../../server/src/core/features/symbols';
import { generateWorkspace, SIZES } from '../../../bench/generate';
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

  it('keeps the best matches of a large taxonomy as a full sort would, in one step or in many', () => {
    const files: Record<string, string> = {};
    for (const [rel, text] of generateWorkspace(SIZES.S, 5, 'S').files) files[rel] = text;
    const big = memoryWorkspace(files);
    const definitions = workspaceSymbols(big, '', 1_000_000).length;
    assert.ok(definitions > 1024, `${definitions} definitions: enough for several steps`);
    for (const query of ['', 'a', 'e', 'fi', 'conv', 'welcome', 'net promoter', 'xq', 'zzz']) {
      const all = workspaceSymbols(big, query, 1_000_000);
      for (const limit of [1, 7, 50]) {
        const want = all.slice(0, limit).map((x) => `${x.rank} ${x.kind}:${x.name}`);
        assert.deepEqual(
          workspaceSymbols(big, query, limit).map((x) => `${x.rank} ${x.kind}:${x.name}`),
          want,
          `${query} / ${limit}`,
        );
        // Stopped at every chance: the same answer over many steps.
        const search = new WorkspaceSymbolSearch(big, query, limit);
        let steps = 1;
        while (!search.step(() => true)) steps++;
        assert.deepEqual(
          search.results().map((x) => `${x.rank} ${x.kind}:${x.name}`),
          want,
          `${query} / ${limit}, stepped`,
        );
        if (query) assert.ok(steps >= Math.floor(definitions / 512), `${query}: ${steps} steps over ${definitions}`);
      }
      // Ranked best first: exact and prefix matches before word prefixes, substrings and letters.
      for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].rank <= all[i].rank, query);
    }
  });
});

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createTaxonomyWorkspace, type TaxonomyWorkspace } from '../../server/src/core';
import { yamlFilesUnder } from '../support/files';

/**
 * The CLI checks every file once, without the dependency bookkeeping that re-checking after an
 * edit needs (`trackDependencies: false`). Its results must equal the editor's workspace's.
 */
const SAMPLE = path.join(__dirname, '../../samples/with-problems');
const FILES = yamlFilesUnder(SAMPLE).map(
  (f) => [path.relative(SAMPLE, f).split(path.sep).join('/'), readFileSync(f, 'utf8')] as const,
);

function load(trackDependencies: boolean): TaxonomyWorkspace {
  const ws = createTaxonomyWorkspace(undefined, { trackDependencies });
  for (const [rel, text] of FILES) ws.setFile(`file:///t/${rel}`, rel, text);
  ws.flush();
  return ws;
}

function all(ws: TaxonomyWorkspace): string[] {
  return FILES.flatMap(([rel]) =>
    ws
      .diagnostics(`file:///t/${rel}`)
      .map((d) => `${rel}:${d.range.start.line}:${d.range.start.character} ${d.ruleId} ${d.message}`),
  );
}

describe('a one-shot workspace (no dependency tracking)', () => {
  it('reports exactly what a tracking workspace reports', () => {
    const tracked = all(load(true));
    assert.ok(tracked.length > 20, `the sample has problems (${tracked.length})`);
    assert.deepEqual(all(load(false)), tracked);
  });

  it('keeps no dependencies', () => {
    const ws = load(false);
    const someKey = 'def\u0000team\u0000customer-care';
    assert.equal(
      load(true).dependentsOf(someKey).size > 0,
      true,
      'the tracking workspace records who looked the team up',
    );
    assert.equal(ws.dependentsOf(someKey).size, 0);
  });

  it('still gets a cross-file change right after a check: every file is checked again', () => {
    const change = (ws: TaxonomyWorkspace) => {
      const teams = FILES.find(([rel]) => rel.endsWith('.teams.yaml'));
      assert.ok(teams);
      // Removing every team leaves every owner unresolved, in files the teams file never was.
      ws.setFile(`file:///t/${teams[0]}`, teams[0], 'kind: teams\nteams: []\n');
      ws.flush();
      return all(ws);
    };
    const tracked = change(load(true));
    assert.deepEqual(change(load(false)), tracked);
    assert.ok(
      tracked.some((d) => /journey/.test(d) && / unresolved-reference /.test(d)),
      'journeys now name teams that do not exist',
    );
  });
});

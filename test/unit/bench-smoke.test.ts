import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createTaxonomyWorkspace, parseConfig, RULE_IDS } from '../../server/src/core';
import { measureFloor } from '../../bench/floor';
import { generateWorkspace, SIZES, writeWorkspace, type SizeSpec } from '../../bench/generate';
import { measureLsp } from '../../bench/lsp';
import { percentile } from '../../bench/measure';
import { measureCli, plantedMismatches, renderTable, writeResults } from '../../bench/run';

/** A workspace small enough for `npm test`, with every kind of planted problem likely present. */
const TINY: SizeSpec = {
  ...SIZES.S,
  journeys: 12,
  personas: 6,
  segments: 6,
  kpis: 40,
  docs: 6,
  glossaryFiles: 2,
  termsPerGlossary: 15,
};
const ROOT = path.join(__dirname, '../..');

describe('bench: generator and harness smoke run', function () {
  this.timeout(60_000);
  let dir: string;
  let tmp: string;
  const ws = generateWorkspace(TINY, 5, 'tiny');

  before(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'cx-bench-smoke-'));
    dir = path.join(tmp, 'tiny');
    writeWorkspace(dir, ws);
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('generates the same workspace for the same seed, and another for another seed', () => {
    const again = generateWorkspace(TINY, 5, 'tiny');
    assert.deepStrictEqual([...again.files], [...ws.files]);
    assert.notDeepStrictEqual([...generateWorkspace(TINY, 6).files], [...ws.files]);
    assert.ok(existsSync(path.join(tmp, 'tiny.manifest.json')));
    assert.ok(ws.manifest.expected['touchpoint-owner'] > 0, 'problems are planted');
  });

  it('plants exactly the problems its manifest counts, as the core finds them', () => {
    const config = parseConfig(ws.files.get('cx-taxonomy.config.yaml')!, RULE_IDS).config;
    const core = createTaxonomyWorkspace(config);
    for (const [rel, text] of ws.files)
      if (core.accepts(rel) || rel === 'cx-taxonomy.config.yaml') core.setFile(`mem:///${rel}`, rel, text);
    core.flush();
    const found: Record<string, number> = {};
    for (const f of core.allFiles())
      for (const d of core.diagnostics(f.uri)) found[d.ruleId] = (found[d.ruleId] ?? 0) + 1;
    assert.deepStrictEqual(plantedMismatches(ws.manifest.expected, found, RULE_IDS), []);
  });

  it('measures the floor, the CLI (cold and cached) and the language server on it', async () => {
    const floor = measureFloor(dir);
    assert.equal(floor.files, ws.manifest.files);
    assert.ok(floor.totalMs > 0);
    const cliJs = path.join(ROOT, 'dist/cli.js');
    if (!existsSync(cliJs)) return; // `npm test` builds first; a bare `mocha` may not have.
    const cli = await measureCli(dir, ws.manifest, cliJs, RULE_IDS, 60_000);
    assert.deepStrictEqual(cli.mismatches, []);
    assert.ok(cli.cold.wallMs > 0 && cli.cold.peakRssMb > 0);
    assert.ok(cli.warm, 'the CLI has --cache');
    const serverJs = path.join(ROOT, 'dist/server.js');
    if (!existsSync(serverJs)) return;
    const lsp = await measureLsp({ serverJs, dir, journey: ws.manifest.benchJourney, requests: 4, timeoutMs: 30_000 });
    assert.equal(lsp.edit.n, 4);
    assert.ok(lsp.initialIndexMs > 0 && lsp.rssAfterIndexMb > 0);
    assert.ok(lsp.completion.items > 0, 'completion offers team ids');
  });

  it('renders the table and rewrites only the generated part of BENCHMARKS.md', () => {
    assert.equal(percentile([5, 1, 3, 2, 4], 50), 3);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95), 10);
    const table = renderTable([{ measure: 'x', figure: '1 s', target: '<= 2 s', met: true }], ['header']);
    const file = path.join(tmp, 'BENCHMARKS.md');
    writeResults(file, table);
    writeResults(file, table.replace('1 s', '3 s'));
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes('| x | 3 s | <= 2 s | yes |') && !text.includes('| x | 1 s'));
  });
});

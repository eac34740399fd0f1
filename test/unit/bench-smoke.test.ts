import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createTaxonomyWorkspace, parseConfig, RULE_IDS } from '../../server/src/core';
import { measureFloor } from '../../bench/floor';
import { generateWorkspace, SIZES, writeWorkspace, type GeneratedWorkspace, type SizeSpec } from '../../bench/generate';
import { measureLsp } from '../../bench/lsp';
import { percentile } from '../../bench/measure';
import { measureCli, plantedMismatches, renderTable, writeResults } from '../../bench/run';
import { detectHabits, HABITS, STYLE_SHARES } from '../../bench/styles';

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

/** Every file's diagnostics (rule and message, sorted) when the core checks a generated workspace. */
function lintInCore(ws: GeneratedWorkspace): Map<string, string[]> {
  const config = parseConfig(ws.files.get('cx-taxonomy.config.yaml')!, RULE_IDS).config;
  const core = createTaxonomyWorkspace(config);
  for (const [rel, text] of ws.files)
    if (core.accepts(rel) || rel === 'cx-taxonomy.config.yaml') core.setFile(`mem:///${rel}`, rel, text);
  core.flush();
  const out = new Map<string, string[]>();
  for (const f of core.allFiles())
    out.set(
      f.uri,
      core
        .diagnostics(f.uri)
        .map((d) => `${d.ruleId}: ${d.message}`)
        .sort(),
    );
  return out;
}

describe('bench: the styled variant (issue 16)', function () {
  this.timeout(60_000);
  const clean = generateWorkspace(SIZES.S, 3, 'S');
  const styled = generateWorkspace(SIZES.S, 3, 'S-styled', { styled: true });
  const style = styled.manifest.style!;

  it('writes each habit into its share of the files, as the manifest counts them', () => {
    assert.ok(style, 'the manifest says what was styled');
    assert.deepStrictEqual([...styled.files.keys()], [...clean.files.keys()], 'the same files');
    const seen: Record<string, number> = {};
    let styledFiles = 0;
    let mixedFiles = 0;
    for (const [rel, text] of styled.files) {
      const habits = detectHabits(text);
      if (text === clean.files.get(rel)) assert.equal(habits.size, 0, `${rel} is clean`);
      else {
        assert.ok(habits.size > 0, `${rel} changed, with a habit`);
        styledFiles++;
        if ([...habits].filter((h) => h !== 'documentEnd').length > 1) mixedFiles++;
      }
      for (const h of habits) seen[h] = (seen[h] ?? 0) + 1;
    }
    assert.deepStrictEqual(seen, Object.fromEntries(Object.entries(style.habits).filter(([, n]) => n > 0)));
    for (const h of [...HABITS, 'documentEnd'] as const) assert.ok(style.habits[h] > 0, `some file shows ${h}`);
    assert.equal(styledFiles, style.styledFiles);
    assert.equal(mixedFiles, style.mixedFiles);
    // A quarter of the YAML files (the teams files, every other one anchored, add a little), 3 in 10 of them mixed.
    const share = styledFiles / style.candidates;
    assert.ok(Math.abs(share - STYLE_SHARES.styled) < 0.05, `styled share ${share}`);
    assert.ok(
      Math.abs(mixedFiles / styledFiles - STYLE_SHARES.mixed) < 0.15,
      `mixed share ${mixedFiles / styledFiles}`,
    );
    assert.deepStrictEqual(generateWorkspace(SIZES.S, 3, 'S-styled', { styled: true }).files, styled.files);
  });

  it('plants the same problems, found in the same files with the same messages, as the clean variant', () => {
    assert.deepStrictEqual(styled.manifest.expected, clean.manifest.expected);
    const found = lintInCore(styled);
    const counts: Record<string, number> = {};
    for (const ds of found.values()) for (const d of ds) counts[d.split(':')[0]] = (counts[d.split(':')[0]] ?? 0) + 1;
    assert.deepStrictEqual(plantedMismatches(styled.manifest.expected, counts, RULE_IDS), []);
    assert.ok(styled.manifest.expected['touchpoint-owner'] > 0 && styled.manifest.expected['yaml-syntax'] >= 0);
    assert.deepStrictEqual(found, lintInCore(clean));
  });
});

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

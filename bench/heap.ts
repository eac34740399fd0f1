/**
 * The heap a workspace holds, in MB over the heap with its texts read (BENCHMARKS.md, memory).
 *
 *   node --expose-gc --import tsx bench/heap.ts bench/workspaces/M parse
 *   node --expose-gc --import tsx bench/heap.ts bench/workspaces/M ws [snapshot.heapsnapshot]
 *   node --expose-gc --import tsx bench/heap.ts bench/workspaces/M server|released
 *
 * `parse`: every file parsed and modelled (createTaxonomyFile), then what is left once the
 * models and then the parsed YAML are dropped. `ws`: the whole workspace (setFile of every file,
 * then flush, which checks them), with the time of each; a third argument writes a heap snapshot.
 * `server`: the same through `createTaxonomyWorkspace` with dependency tracking, as the language
 * server keeps it; `released`: that, with closed journey files letting their models go once
 * checked, keeping what the views read of them first (`CX_TAXONOMY_RELEASE_ABOVE=0`, as the server
 * does by default in a large taxonomy).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { createTaxonomyFile, type TaxonomyFile } from '../server/src/core/taxonomyFile';
import { TaxonomyWorkspace } from '../server/src/core/workspace';
import { createTaxonomyWorkspace } from '../server/src/core';
import { buildOwnershipReport } from '../server/src/core/ownershipReport';
import { buildTaxonomyView } from '../server/src/core/taxonomyView';
import { ALL_FACET_CONTRIBUTORS, ALL_RULES } from '../server/src/core/rules/registry';
import { walk } from './floor';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

/** Heap in use after full collections, in MB. */
function heapMB(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed / 1e6;
}

const [root, mode, snapshot] = process.argv.slice(2);
if (!root || !['parse', 'ws', 'server', 'released'].includes(mode))
  throw new Error('usage: bench/heap.ts <workspace dir> parse|ws|server|released [snapshot file]');
const files = walk(root);
const texts = files.map((f) => readFileSync(f, 'utf8'));
const base = heapMB();
const over = () => (heapMB() - base).toFixed(0);
console.log(
  `files ${files.length}, text ${(texts.reduce((a, t) => a + t.length, 0) / 1e6).toFixed(1)} MB, heap with the texts ${base.toFixed(0)} MB`,
);
if (mode === 'parse') {
  const kept: TaxonomyFile[] = files.map((f, i) =>
    createTaxonomyFile(f, path.relative(root, f), texts[i], 0, { maxFileSize: 1e9 }),
  );
  console.log(`after createTaxonomyFile ${over()} MB`);
  // A file's parts as a file would keep them: without its models, then without its parse as well.
  type Kept = Pick<TaxonomyFile, 'uri' | 'relativePath' | 'lines'> & Partial<Pick<TaxonomyFile, 'yaml' | 'readers'>>;
  let parts: Kept[] = kept.map(({ uri, relativePath, lines, yaml, readers }) => ({
    uri,
    relativePath,
    lines,
    yaml,
    readers,
  }));
  kept.length = 0;
  console.log(`without models ${over()} MB`);
  parts = parts.map(({ uri, relativePath, lines }) => ({ uri, relativePath, lines }));
  console.log(`without yaml ${over()} MB (${parts.length} files kept)`);
} else {
  const ws =
    mode === 'ws'
      ? new TaxonomyWorkspace({ rules: ALL_RULES, facetContributors: ALL_FACET_CONTRIBUTORS })
      : createTaxonomyWorkspace(undefined, mode === 'released' ? { releaseAbove: 0, keepViewParts: true } : {});
  const t0 = performance.now();
  files.forEach((f, i) => ws.setFile(f, path.relative(root, f), texts[i], 0));
  console.log(`setFile ${(performance.now() - t0).toFixed(0)} ms, heap ${over()} MB`);
  const t1 = performance.now();
  ws.flush();
  console.log(`flush ${(performance.now() - t1).toFixed(0)} ms, heap ${over()} MB`);
  if (snapshot) writeHeapSnapshot(snapshot);
  if (mode !== 'ws') {
    // What letting models go costs the views that read every journey (they rebuild them).
    const time = (what: string, build: () => unknown) => {
      const t = performance.now();
      build();
      return `${what} ${(performance.now() - t).toFixed(0)} ms`;
    };
    const views = [1, 2].flatMap((n) => [
      time(`Taxonomy view #${n}`, () => buildTaxonomyView(ws)),
      time(`ownership report #${n}`, () => buildOwnershipReport(ws)),
    ]);
    console.log(`${views.join(', ')}, heap ${over()} MB`);
  }
}

/**
 * The heap a workspace holds, in MB over the heap with its texts read (BENCHMARKS.md, memory).
 *
 *   node --expose-gc --import tsx bench/heap.ts bench/workspaces/M parse
 *   node --expose-gc --import tsx bench/heap.ts bench/workspaces/M ws [snapshot.heapsnapshot]
 *
 * `parse`: every file parsed and modelled (createTaxonomyFile), then what is left once the
 * models and then the parsed YAML are dropped. `ws`: the whole workspace (setFile of every file,
 * then flush, which checks them), with the time of each; a third argument writes a heap snapshot.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { createTaxonomyFile, type TaxonomyFile } from '../server/src/core/taxonomyFile';
import { TaxonomyWorkspace } from '../server/src/core/workspace';
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
if (!root || (mode !== 'parse' && mode !== 'ws'))
  throw new Error('usage: bench/heap.ts <workspace dir> parse|ws [snapshot file]');
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
  for (const k of kept) k.models = [];
  console.log(`without models ${over()} MB`);
  for (const k of kept) {
    k.readers = [];
    k.yaml = undefined;
  }
  console.log(`without yaml ${over()} MB (${kept.length} files kept)`);
} else {
  const ws = new TaxonomyWorkspace({ rules: ALL_RULES, facetContributors: ALL_FACET_CONTRIBUTORS });
  const t0 = performance.now();
  files.forEach((f, i) => ws.setFile(f, path.relative(root, f), texts[i], 0));
  console.log(`setFile ${(performance.now() - t0).toFixed(0)} ms, heap ${over()} MB`);
  const t1 = performance.now();
  ws.flush();
  console.log(`flush ${(performance.now() - t1).toFixed(0)} ms, heap ${over()} MB`);
  if (snapshot) writeHeapSnapshot(snapshot);
}

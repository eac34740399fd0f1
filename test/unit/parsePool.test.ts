import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace, SIZES } from '../../bench/generate';
import {
  createTaxonomyWorkspace,
  loadFiles,
  type FileHost,
  type ParseService,
  type TaxonomyWorkspace,
} from '../../server/src/core';
import { ParsePool, parseWorkerCount } from '../../server/src/node/parsePool';

/** A styled workspace of ~300 files (every habit the fast path reads or declines), plus hostile files. */
function files(): Map<string, string> {
  const ws = generateWorkspace({ ...SIZES.S, journeys: 220, personas: 20, docs: 10 }, 9, 'S-styled', { styled: true });
  const out = new Map(ws.files);
  out.set('odd/values.kpi.yaml', 'id: k\nname: odd\ntarget: .nan\nbaseline: -0.0\nmax: .inf\n');
  out.set('odd/deep.persona.yaml', `${'['.repeat(300)}1${']'.repeat(300)}\n`);
  out.set('odd/broken.journey.yaml', 'id: j\nstages: [unclosed\n');
  out.set('odd/binary.glossary.yaml', 'terms:\u0000\n');
  return out;
}

const memoryHost = (tree: Map<string, string>): FileHost => ({
  listFiles: () => tree.keys(),
  readFile: (id) => Promise.resolve(tree.get(id)),
  relativePath: (id) => id,
});

/** Every diagnostic of a workspace loaded with `parse`, as text, file by file in load order. */
async function lintWith(tree: Map<string, string>, parse?: ParseService): Promise<string> {
  const ws: TaxonomyWorkspace = createTaxonomyWorkspace();
  await loadFiles(memoryHost(tree), ws, [...tree.keys()], { readAhead: 16, parse });
  ws.flush();
  return [...ws.allFiles()].map((f) => `${f.relativePath} ${JSON.stringify(ws.diagnostics(f.uri))}`).join('\n');
}

describe('parse workers: the pool', function () {
  this.timeout(120_000);
  let dir: string;
  let tree: Map<string, string>;
  let inThread: string;
  /** A worker script that runs the sources of parseWorker.ts (the bundle is dist/parseWorker.js). */
  let realWorker: string;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cx-parse-pool-'));
    realWorker = path.join(dir, 'real.js');
    writeFileSync(
      realWorker,
      `require(${JSON.stringify(require.resolve('tsx/cjs'))});\n` +
        `require(${JSON.stringify(path.resolve(__dirname, '../../server/src/node/parseWorker.ts'))});\n`,
    );
    tree = files();
    inThread = await lintWith(tree);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a workspace loaded through parse workers reads exactly as one parsed in the thread', async () => {
    const pool = ParsePool.open(2, realWorker)!;
    assert.ok(pool);
    try {
      assert.equal(await lintWith(tree, pool.parse), inThread);
    } finally {
      pool.close();
    }
    const yaml = [...tree.keys()].filter((p) => /\.ya?ml$/.test(p) && !p.startsWith('odd/binary')).length;
    // The odd values (NaN, -0, infinities) and the file nested past the limit are parsed here.
    assert.equal(pool.stats.declined, 2);
    assert.equal(pool.stats.lost, 0);
    assert.ok(pool.stats.parsed >= yaml - 3, `${pool.stats.parsed} of ${yaml}`);
  });

  it('a worker that crashes, or answers nonsense, loses no file: its batches are parsed in the thread', async () => {
    const scripts = {
      crashes: "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });\n",
      exits: "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n",
      nonsense:
        "const { parentPort } = require('node:worker_threads');\n" +
        "parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, json: '[{', ints: new Int32Array(1) }));\n",
      missing: undefined,
    };
    for (const [name, source] of Object.entries(scripts)) {
      const script = path.join(dir, `${name}.js`);
      if (source) writeFileSync(script, source);
      const pool = ParsePool.open(1, script);
      if (!source) {
        assert.equal(pool, undefined, 'no worker script: no pool');
        continue;
      }
      try {
        assert.equal(await lintWith(tree, pool!.parse), inThread, name);
      } finally {
        pool!.close();
      }
      assert.equal(pool!.stats.parsed, 0, name);
    }
  });

  it('how many workers: none for a small taxonomy or when turned off, else the cores but one', () => {
    assert.equal(parseWorkerCount(199, {}), 0);
    assert.ok(parseWorkerCount(200, {}) >= 1);
    assert.equal(parseWorkerCount(5000, { CX_TAXONOMY_PARSE_WORKERS: '0' }), 0);
    assert.equal(parseWorkerCount(10, { CX_TAXONOMY_PARSE_WORKERS: '2' }), 2);
    assert.equal(parseWorkerCount(10, { CX_TAXONOMY_PARSE_WORKERS: 'many' }), 0);
  });
});

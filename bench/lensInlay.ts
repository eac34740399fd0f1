/**
 * Usage code lens and inlay hint latency on a generated workspace (L by default), without the
 * rest of `npm run bench`: the language server indexes the workspace, then the lens requests,
 * the resolve of every lens and the inlay hints of the bench journey are timed (bench/lsp.ts).
 *
 *   node esbuild.mjs && npx tsx bench/lensInlay.ts [S|M|L] [--requests N]
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { measureLsp } from './lsp';
import { ensureWorkspace, lensInlayRows } from './run';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const size = (argv.find((a) => /^[SML]$/.test(a)) ?? 'L') as 'S' | 'M' | 'L';
  const i = argv.indexOf('--requests');
  const requests = i >= 0 ? Number(argv[i + 1]) : 200;
  const ws = ensureWorkspace(size);
  const load0 = os.loadavg();
  process.stderr.write(`language server on ${size} (${ws.manifest.files.toLocaleString('en')} files)...\n`);
  const f = await measureLsp({
    serverJs: path.join(__dirname, '..', 'dist/server.js'),
    dir: ws.dir,
    journey: ws.manifest.benchJourney,
    requests,
    timeoutMs: 20 * 60_000,
  });
  for (const r of lensInlayRows(size, f))
    process.stdout.write(
      `| ${r.measure} | ${r.figure} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : 'NO'} | ${r.note ?? ''} |\n`,
    );
  process.stdout.write(
    `(initial index ${(f.initialIndexMs / 1000).toFixed(1)} s; load average ${load0.map((x) => x.toFixed(1)).join(' / ')} at start, ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')} at end)\n`,
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);

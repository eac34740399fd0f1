/**
 * The floor every figure is compared with: read every file of a workspace and parse each YAML
 * file with `yaml`'s parseAllDocuments (the straightforward way, ranges kept), on one core, in
 * one process. Prints JSON: { files, bytes, readMs, parseMs, totalMs }.
 *
 *   node --import tsx bench/floor.ts bench/workspaces/L
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** Every file below a folder. */
export function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const f = path.join(dir, e.name);
    if (e.isDirectory()) walk(f, out);
    else out.push(f);
  }
  return out;
}

/** Measures the floor on a folder, in this process. */
export function measureFloor(dir: string): {
  files: number;
  bytes: number;
  readMs: number;
  parseMs: number;
  totalMs: number;
} {
  const t0 = performance.now();
  const files = walk(dir);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const t1 = performance.now();
  let docs = 0;
  let bytes = 0;
  for (let i = 0; i < files.length; i++) {
    bytes += texts[i].length;
    if (/\.ya?ml$/.test(files[i])) docs += parseAllDocuments(texts[i]).length;
  }
  const t2 = performance.now();
  if (docs === 0 && files.length > 0) throw new Error('no YAML documents parsed');
  return { files: files.length, bytes, readMs: t1 - t0, parseMs: t2 - t1, totalMs: t2 - t0 };
}

if (require.main === module) process.stdout.write(JSON.stringify(measureFloor(process.argv[2])) + '\n');

import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateWorkspace, SIZES } from '../../bench/generate';

let cached: Record<string, string> | undefined;

/**
 * The files of the benchmarks' M workspace (~1,000 files: 1,008 YAML and Markdown), by relative
 * path: big enough that a server indexes it for a second or more, small enough for a protocol test.
 */
export function generatedTaxonomy(): Record<string, string> {
  cached ??= Object.fromEntries(generateWorkspace(SIZES.M, 1, 'M').files);
  return { ...cached };
}

/** Every file below a folder, by path relative to it (forward slashes), as text. */
export function readTree(dir: string, rel = '', out: Record<string, string> = {}): Record<string, string> {
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) readTree(dir, r, out);
    else out[r] = readFileSync(path.join(dir, r), 'utf8');
  }
  return out;
}

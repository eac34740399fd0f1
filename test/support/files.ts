import { readdirSync } from 'node:fs';
import * as path from 'node:path';

/** Every YAML file below a folder, for tests that run over the samples or generated workspaces. */
export function yamlFilesUnder(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const f = path.join(dir, e.name);
    if (e.isDirectory()) yamlFilesUnder(f, out);
    else if (/\.ya?ml$/.test(e.name)) out.push(f);
  }
  return out;
}

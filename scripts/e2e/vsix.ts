/** Packages an extension folder into a .vsix with the repo's own vsce. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { vsceBin } from './paths';

/**
 * Runs `vsce package --no-dependencies --allow-missing-repository` in `extensionDir` and
 * returns the absolute path of the .vsix written to `outFile`. The extension must already be
 * built (bundled): this never builds. vsce asks before packaging without a LICENSE, so the
 * folder needs one; stdin is closed so any other question fails instead of hanging.
 */
export function packageVsix(extensionDir: string, outFile: string, extraArgs: string[] = []): string {
  const out = path.resolve(outFile);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const args = ['package', '--no-dependencies', '--allow-missing-repository', '--out', out, ...extraArgs];
  const result = spawnSync(vsceBin, args, {
    cwd: extensionDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  if (result.status !== 0 || !fs.existsSync(out)) {
    throw new Error(
      `vsce package failed in ${extensionDir} (exit ${result.status}${result.error ? `, ${result.error.message}` : ''}):\n` +
        `${result.stdout}\n${result.stderr}`,
    );
  }
  return out;
}

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { fileKindOf } from '../core';
import { isWithin } from '../node/nodeFileHost';
import { writeFileAtomic } from '../node/safeWrite';
import { errorLine, UsageError } from './command';
import { terminalText } from '../core/text/escape';
import type { MaybeTTY } from './progress';
import { slashPathBelow } from './render/paths';

/** `--output -` is standard output, as most command-line tools read it. */
const STDOUT_NAME = '-';

/** Whether an `--output` value (or its absence) means standard output. */
export function isStdout(output: string | undefined): boolean {
  return output === undefined || output === STDOUT_NAME;
}

/** What a report must never overwrite: the paths the user named and the taxonomies they load. */
export interface OutputGuard {
  cwd: string;
  /** The paths given on the command line. */
  inputs: readonly string[];
  /** Each loaded taxonomy's folder, and whether it reads a path (relative to that folder). */
  taxonomies: readonly { root: string; workspace: { accepts(relativePath: string): boolean } }[];
}

/** A path with its links resolved as far as it exists (a file not yet written keeps its name). */
async function realish(p: string): Promise<string> {
  try {
    return await fsp.realpath(p);
  } catch {
    const parent = path.dirname(p);
    return parent === p ? p : path.join(await realish(parent), path.basename(p));
  }
}

/**
 * Refuses (a usage error, exit 2) an `--output` that would overwrite what is being read: one of
 * the inputs, or a path in a loaded taxonomy that is named like a taxonomy file or config, or
 * that its docs globs select. `lint DIR -o DIR/personas/x.persona.yaml` would otherwise replace
 * a persona with a report, and the next run would lint the report.
 */
export async function guardOutput(output: string | undefined, guard: OutputGuard): Promise<void> {
  if (isStdout(output)) return;
  const file = path.resolve(guard.cwd, output!);
  const real = await realish(file);
  const shown = terminalText(output!);
  for (const input of guard.inputs) {
    const abs = path.resolve(guard.cwd, input);
    if (file === abs || real === (await realish(abs)))
      throw new UsageError(`Refusing to write ${shown}: it is one of the inputs.`);
  }
  for (const t of guard.taxonomies) {
    const root = await realish(t.root);
    if (!isWithin(root, real)) continue;
    const kind = fileKindOf(real);
    if (kind !== undefined && kind !== 'markdown')
      throw new UsageError(
        `Refusing to write ${shown}: it is in the taxonomy being read and named like a taxonomy file; write it elsewhere or under another name.`,
      );
    if (kind === 'markdown' && t.workspace.accepts(slashPathBelow(root, real)))
      throw new UsageError(
        `Refusing to write ${shown}: the taxonomy's docs globs select it; write it elsewhere or under another name.`,
      );
  }
}

/** Why a write failed, in a few words. */
function reason(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'its folder does not exist and cannot be created';
    case 'ENOTDIR':
      return 'part of its path is a file';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return errorLine(err);
  }
}

/**
 * Writes a report or an export: to standard output, or whole to a file (creating its folder),
 * through a temporary file renamed into place. A failure is a usage error (exit 2).
 */
export async function writeOutput(
  text: string,
  output: string | undefined,
  cwd: string,
  stdout: MaybeTTY,
): Promise<void> {
  if (isStdout(output)) {
    stdout.write(text);
    return;
  }
  try {
    await writeFileAtomic(path.resolve(cwd, output!), text);
  } catch (err) {
    throw new UsageError(`Cannot write ${terminalText(output!)}: ${reason(err)}.`);
  }
}

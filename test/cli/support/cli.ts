import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CliIo } from '../../../server/src/cli/command';
import { run } from '../../../server/src/cli/main';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The sample with one deliberate problem per rule, relative to ROOT. */
export const WITH_PROBLEMS = 'samples/with-problems';
export const CLEAN = 'samples/acme-telecom';

/** A stream that records what is written and can pretend to be a terminal. */
export class Capture {
  text = '';
  constructor(
    readonly isTTY = false,
    readonly columns?: number,
  ) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  progressDelayMs?: number;
}

/** Runs the CLI in-process, as `cx-taxonomy ...argv` would, from the repository root by default. */
export async function cli(argv: string[], options: RunOptions = {}): Promise<CliResult> {
  const stdout = new Capture(options.stdoutTTY ?? false, 100);
  const stderr = new Capture(options.stderrTTY ?? false);
  const io: CliIo = {
    stdout,
    stderr,
    cwd: options.cwd ?? ROOT,
    env: options.env ?? {},
    progressDelayMs: options.progressDelayMs,
  };
  const code = await run(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A temporary folder with the given files (relative path -> text); removed by `dispose`. */
export function tempTree(files: Record<string, string>): { dir: string; dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cx-cli-'));
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, ...rel.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The lines of a text without the trailing empty one. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
}

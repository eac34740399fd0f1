// Writing files the CLI produces (reports, exports, the lint cache): folders created one level
// at a time, content written to a temporary file and renamed into place (devices and pipes are
// written to directly).
import { mkdirSync, promises as fsp, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import * as path from 'node:path';

/**
 * Creates a folder and its missing parents. Node's own `mkdir(..., { recursive: true })` never
 * returns for a path under `/proc` (Node 20/22 on Linux): procfs answers ENOENT for a folder that
 * cannot exist while its parent does, and Node's walk retries that pair forever. Here a folder is
 * tried at most twice (before and after its parent), so any such path fails at once.
 */
async function ensureDir(dir: string): Promise<void> {
  try {
    await fsp.mkdir(dir);
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return assertDir(dir, err);
    const parent = path.dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw err;
  }
  await ensureDir(path.dirname(dir));
  try {
    await fsp.mkdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return assertDir(dir, err);
  }
}

async function assertDir(dir: string, err: unknown): Promise<void> {
  if (!(await fsp.stat(dir)).isDirectory()) throw err;
}

/** The synchronous twin of {@link ensureDir}. */
function ensureDirSync(dir: string): void {
  try {
    mkdirSync(dir);
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    const parent = path.dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw err;
  }
  ensureDirSync(path.dirname(dir));
  try {
    mkdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/**
 * True for a target that is not a file to replace but a device, a pipe or a socket
 * (`--output /dev/null`, `--output >(gzip > report.gz)`): renaming a temporary file over it would
 * replace `/dev/null` itself for everyone on the machine, so it is written to directly.
 */
function isSpecial(st: Stats | undefined): boolean {
  return st !== undefined && !st.isFile() && !st.isDirectory();
}

/** A temporary name beside a file, unique to this process and call. */
function tempName(file: string): string {
  return path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`,
  );
}

/**
 * Writes a file whole or not at all: to a temporary file in the same folder, then renamed over
 * the target, so a failed or interrupted write never leaves a half-written file (or truncates
 * the one that was there). `mode` sets the permissions of the new file.
 */
export async function writeFileAtomic(file: string, text: string, options: { mode?: number } = {}): Promise<void> {
  if (isSpecial(await fsp.stat(file).catch(() => undefined))) return fsp.writeFile(file, text);
  await ensureDir(path.dirname(file));
  const tmp = tempName(file);
  try {
    await fsp.writeFile(tmp, text, { flag: 'wx' });
    // A user's file rewritten in place (`lint --fix`) keeps its permissions, whatever the umask.
    if (options.mode !== undefined) await fsp.chmod(tmp, options.mode);
    await fsp.rename(tmp, file);
  } catch (err) {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** The synchronous twin of {@link writeFileAtomic}. */
export function writeFileAtomicSync(file: string, text: string): void {
  if (isSpecial(statSync(file, { throwIfNoEntry: false }))) return writeFileSync(file, text);
  ensureDirSync(path.dirname(file));
  const tmp = tempName(file);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

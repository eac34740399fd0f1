/**
 * The language server's view of the disk: listing a workspace folder (with the CLI's walker, so
 * the editor and CI skip the same files: node_modules, dot-folders, git-ignored paths, symbolic
 * link loops) and a `FileHost` whose ids are the URIs LSP speaks.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { isWithin, NodeFileHost, OutsideRootError, type SkipNotice } from '../node/nodeFileHost';
import type { FileHost } from '../core/host';

/** The canonical form of a URI string, so that one file has one key whatever the client wrote. */
export function normaliseUri(uri: string): string {
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
}

/** The file-system path of a `file:` URI, or undefined for other schemes (untitled, git, ...). */
export function fsPathOf(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : undefined;
  } catch {
    return undefined;
  }
}

export function uriOfPath(fsPath: string): string {
  return URI.file(fsPath).toString();
}

/** A path below `dir` with forward slashes, or undefined when it is not below it. */
export function relativeTo(dir: string, fsPath: string): string | undefined {
  const rel = path.relative(dir, fsPath);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** True when a relative path crosses a folder every listing skips (dot-folders, node_modules). */
export function isSkippedPath(rel: string): boolean {
  const parts = rel.split('/');
  return parts.slice(0, -1).some((p) => p.startsWith('.') || p === 'node_modules');
}

/**
 * Every file below a folder, as absolute paths, skipping what the CLI skips (links to folders
 * outside it included: `onSkip` is told of each).
 */
export async function listFolder(dir: string, onSkip?: SkipNotice): Promise<string[]> {
  const host = new NodeFileHost(dir, [dir], onSkip);
  const out: string[] = [];
  try {
    for await (const p of host.listFiles()) out.push(p);
  } catch {
    // A folder that vanished or cannot be read lists nothing; its files show up as they appear.
  }
  return out;
}

/**
 * A file host over the disk for one taxonomy root; ids are `file:` URIs. A file whose real path
 * (links resolved) is outside the root's is never read: reading it fails with the reason, which
 * becomes the file's `unreadable-file` problem, as in the CLI.
 */
export class UriFileHost implements FileHost {
  private realRoot: Promise<string> | undefined;

  constructor(private readonly rootDir: string) {}

  listFiles(): string[] {
    return [];
  }

  /** Whether the file is inside the root once links are resolved; undefined when it does not exist. */
  private async inside(p: string): Promise<boolean | undefined> {
    this.realRoot ??= fsp.realpath(this.rootDir).catch(() => path.resolve(this.rootDir));
    let real: string;
    try {
      real = await fsp.realpath(p);
    } catch {
      return undefined;
    }
    return isWithin(await this.realRoot, real);
  }

  async readFile(uri: string): Promise<Uint8Array | undefined> {
    const p = fsPathOf(uri);
    if (!p) return undefined;
    const inside = await this.inside(p);
    if (inside === undefined) return undefined;
    if (!inside) throw new OutsideRootError();
    try {
      return await fsp.readFile(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      throw err;
    }
  }

  async size(uri: string): Promise<number | undefined> {
    const p = fsPathOf(uri);
    if (!p || (await this.inside(p)) !== true) return undefined;
    try {
      return (await fsp.stat(p)).size;
    } catch {
      return undefined;
    }
  }

  relativePath(uri: string): string {
    const p = fsPathOf(uri);
    return (p && relativeTo(this.rootDir, p)) ?? path.basename(p ?? uri);
  }
}

import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES, decodeText, type TaxonomyWorkspace } from '../core';
import { catFileBatch, GitError, runGit, shallowCloneHint } from '../node/git';
import { isWithin } from '../node/nodeFileHost';
import { UsageError } from './command';
import { slashPathBelow } from './render/paths';
import type { LoadedTaxonomy } from './taxonomies';

/**
 * `lint --changed-since <ref>`: what changed in the working tree since a Git ref (staged,
 * unstaged, and untracked files Git does not ignore), and the narrowing of a lint to those files
 * and to the files whose findings depend on them.
 */

/** The files changed since a ref, as Git sees them. */
export interface GitChanges {
  /** The commit the ref names. */
  commit: string;
  /** Absolute paths (under the repository's real top folder) of every file changed, added or deleted. */
  files: string[];
  /** The bytes of files as they were at the commit; a file absent there is absent from the map. */
  readAtRef(files: readonly string[]): Promise<Map<string, Uint8Array>>;
}

/** Runs git for the CLI: git missing is a usage error, like any other thing the run needs. */
async function git(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, input?: string): Promise<Buffer> {
  try {
    return await runGit(args, cwd, env, input);
  } catch (err) {
    if (err instanceof GitError && err.notFound)
      throw new UsageError('--changed-since needs git, which was not found on the PATH.');
    throw err;
  }
}

const nulSplit = (b: Buffer): string[] =>
  b
    .toString('utf8')
    .split('\0')
    .filter((s) => s !== '');

/**
 * Asks Git what changed since `ref` in the repository holding `cwd`: the working tree against the
 * ref's commit (so staged and unstaged changes both count) plus untracked files that are not
 * ignored. A rename counts as its old path deleted and its new one added. A ref Git does not
 * know, or a folder outside any repository, is a usage error.
 */
export async function gitChanges(ref: string, cwd: string, env: NodeJS.ProcessEnv): Promise<GitChanges> {
  // A ref starting with '-' would be read by git as an option.
  if (ref.startsWith('-') || ref.trim() === '') throw new UsageError(`--changed-since: "${ref}" is not a Git ref.`);
  let top: string;
  try {
    top = (await git(['rev-parse', '--show-toplevel'], cwd, env)).toString('utf8').trim();
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--changed-since needs a Git repository, and git says: ${(err as Error).message}`);
  }
  let commit: string;
  try {
    commit = (await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top, env)).toString('utf8').trim();
  } catch (err) {
    if (err instanceof UsageError) throw err;
    // CI checks out one commit by default: the ref is then missing from the history, not misspelt.
    const hint = await shallowCloneHint(top, env);
    throw new UsageError(
      `--changed-since: unknown Git ref "${ref}" (no commit of that name in ${path.basename(top)}${hint}).`,
    );
  }
  const [diff, untracked] = await Promise.all([
    git(['diff', '--name-only', '--no-renames', '--no-ext-diff', '-z', commit, '--'], top, env),
    git(['ls-files', '--others', '--exclude-standard', '-z'], top, env),
  ]);
  const rels = [...new Set([...nulSplit(diff), ...nulSplit(untracked)])];
  const abs = (rel: string) => path.join(top, ...rel.split('/'));
  return {
    commit,
    files: rels.map(abs),
    readAtRef: async (files) => {
      const out = new Map<string, Uint8Array>();
      // One `git cat-file --batch` for every file; a name with a line break cannot be asked
      // for that way, and is taken as absent at the ref (so only its new version is checked).
      const asked = files.map((f) => ({ file: f, rel: slashPathBelow(top, f) })).filter((a) => !a.rel.startsWith('..'));
      const blobs = await catFileBatch(
        asked.map((a) => `${commit}:${a.rel}`),
        top,
        env,
      );
      for (const a of asked) {
        const bytes = blobs.get(`${commit}:${a.rel}`);
        if (bytes) out.set(a.file, bytes);
      }
      return out;
    },
  };
}

/** A taxonomy and the path of a changed file within it. */
interface Placed {
  taxonomy: LoadedTaxonomy;
  /** The path as Git gave it. */
  file: string;
  /** The workspace's id of the file, and its path relative to the taxonomy root. */
  uri: string;
  rel: string;
}

function realOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * Narrows each taxonomy's `inScope` to the files changed since the ref and the files whose
 * findings depend on them. The workspaces must track dependencies and be fully checked (see
 * `trackDependencies` of the load options). Each changed file is put back as it was at the ref
 * (or taken out, if it did not exist there), which marks dirty exactly the files that looked up
 * an id or term it defines or uses, then set as it is now; those files are re-checked. A renamed
 * team id thus reports every file that still uses the old id, and a file deleted since the ref
 * is not reported but the files that used what it defined are. A changed config reports its
 * whole taxonomy.
 */
export async function narrowToChanged(
  taxonomies: readonly LoadedTaxonomy[],
  changes: GitChanges,
): Promise<LoadedTaxonomy[]> {
  const roots = taxonomies.map((t) => ({ t, real: realOr(t.root) })).sort((a, b) => b.real.length - a.real.length);
  const placed: Placed[] = [];
  for (const file of changes.files) {
    // The innermost taxonomy holding the file; paths compared as real paths (git gives those).
    const r = roots.find((x) => isWithin(x.real, file));
    if (!r) continue;
    const rel = slashPathBelow(r.real, file);
    const uri = path.join(r.t.root, ...rel.split('/'));
    if (r.t.workspace.getFile(uri) || r.t.workspace.accepts(rel) || CONFIG_FILE_NAMES.includes(rel))
      placed.push({ taxonomy: r.t, file, uri, rel });
  }
  const old = await changes.readAtRef(placed.map((p) => p.file));
  const oldOf = (p: Placed) => old.get(p.file);

  const out: LoadedTaxonomy[] = [];
  for (const t of taxonomies) {
    const mine = placed.filter((p) => p.taxonomy === t);
    const ws = t.workspace;
    const dependents = CONFIG_FILE_NAMES.some((n) => mine.some((p) => p.rel === n))
      ? new Set(t.inScope)
      : swapDependents(ws, mine, oldOf);
    ws.flush();
    out.push({ ...t, inScope: t.inScope.filter((uri) => dependents.has(uri)) });
  }
  return out;
}

/**
 * Puts the changed files back as they were at the ref, takes the files the workspace marks for a
 * re-check, and restores the files as they are now. Both swaps change the same index keys, so
 * the files marked are those whose findings depend on what the changed files define or use.
 */
function swapDependents(
  ws: TaxonomyWorkspace,
  changed: readonly Placed[],
  oldOf: (p: Placed) => Uint8Array | undefined,
): Set<string> {
  const restore: (() => void)[] = [];
  for (const p of changed) {
    const now = ws.getFile(p.uri);
    const before = oldOf(p);
    const decoded = before !== undefined ? decodeText(before) : undefined;
    const oldText = decoded?.ok ? decoded.text : undefined;
    if (!now && oldText === undefined) continue;
    const rel = now?.relativePath ?? p.rel;
    if (oldText !== undefined) ws.setFile(p.uri, rel, oldText);
    else ws.removeFile(p.uri);
    if (!now) restore.push(() => ws.removeFile(p.uri));
    else if (now.unreadable) restore.push(() => ws.setUnreadable(p.uri, rel, now.unreadable!.message));
    else restore.push(() => ws.setFile(p.uri, rel, now.text, now.version));
  }
  const marked = new Set(ws.pending());
  for (const r of restore) r();
  for (const uri of ws.pending()) marked.add(uri);
  return marked;
}

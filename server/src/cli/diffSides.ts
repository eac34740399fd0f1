/**
 * The two sides `cx-taxonomy diff` compares, each loaded into a checked workspace through the
 * core's loader: a Git ref (its tree read with `git ls-tree` and `git cat-file`, never checked
 * out), the working tree, or a folder. A side is the whole taxonomy, found as lint finds it.
 */
import { promises as fsp, realpathSync } from 'node:fs';
import * as path from 'node:path';
import {
  configConflictMessage,
  createTaxonomyWorkspace,
  defaultConfig,
  DEFAULT_MAX_FILE_SIZE,
  loadWorkspace,
  RULE_IDS,
  taxonomyGroups,
  UNUSED_DISABLE_DIRECTIVE_RULE_ID,
  type FileHost,
  type TaxonomyConfig,
  type TaxonomyWorkspace,
} from '../core';
import { UsageError, type CliIo } from './command';
import { pinnedToday, warner } from './commandSteps';
import { catFileBatch, GitError, listTree, runGit, shallowCloneHint } from '../node/git';
import { GitIgnore } from '../node/gitignore';
import { NodeFileHost } from '../node/nodeFileHost';
import { taxonomyRootOnDisk } from '../node/taxonomyRoot';
import { shownFolder, slashPathBelow } from './render/paths';
import { readConfigStrict } from './taxonomies';

/** One side of a diff: how the report names it, and its taxonomy, checked. */
export interface DiffSide {
  /** The ref or folder as given, or `working tree`. */
  name: string;
  /** The commit a ref names. */
  commit?: string;
  /** The folder on disk the taxonomy is (or, for a ref, would be checked out) in. */
  root: string;
  workspace: TaxonomyWorkspace;
}

/** What the sides are read with: the refs or folders, and the settings both sides share. */
export interface SideOptions {
  base: string;
  head?: string;
  config?: string;
  today?: string;
}

/** A side's files before loading: paths relative to the taxonomy root and how to read them. */
interface Tree {
  files: string[];
  read(rel: string): Promise<Uint8Array | undefined>;
  size?(rel: string): Promise<number | undefined>;
}

async function git(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  try {
    return (await runGit(args, cwd, env)).toString('utf8').trim();
  } catch (err) {
    if (err instanceof GitError && err.notFound)
      throw new UsageError('diff needs git, which was not found on the PATH.');
    throw err;
  }
}

/** Git leaves out what the disk host leaves out: dot-folders and dot-files, node_modules, git-ignored paths. */
function walkedByHost(ignores: ReadonlyMap<string, string>): (rel: string) => boolean {
  const gi = new GitIgnore();
  for (const [dir, text] of [...ignores].sort(([a], [b]) => a.split('/').length - b.split('/').length))
    gi.add(dir, text);
  return (rel) => {
    const parts = rel.split('/');
    if (parts.some((p) => p.startsWith('.') || p === 'node_modules')) return false;
    for (let i = 1; i <= parts.length; i++) if (gi.ignores(parts.slice(0, i).join('/'), i < parts.length)) return false;
    return true;
  };
}

/** The files of a commit's tree below the taxonomy root (`folder`, from the repository's top). */
async function commitTree(commit: string, folder: string, top: string, env: NodeJS.ProcessEnv): Promise<Tree> {
  const below = (p: string) => (folder === '' ? p : p.slice(folder.length + 1));
  const listed = (await listTree(commit, folder, top, env)).map((f) => ({ ...f, rel: below(f.path) }));
  const byRel = new Map(listed.map((f) => [f.rel, f]));
  const ignoreFiles = listed.filter((f) => f.rel === '.gitignore' || f.rel.endsWith('/.gitignore'));
  const texts = await catFileBatch(
    ignoreFiles.map((f) => f.object),
    top,
    env,
  );
  const ignores = new Map(
    ignoreFiles.map((f) => [
      path.posix.dirname(f.rel).replace(/^\.$/, ''),
      texts.get(f.object)?.toString('utf8') ?? '',
    ]),
  );
  const keep = walkedByHost(ignores);
  const files = listed.map((f) => f.rel).filter(keep);
  // One batch for the files of the default size limit; a larger one (a config may raise the limit) alone.
  const ahead = await catFileBatch(
    files.filter((r) => byRel.get(r)!.size <= DEFAULT_MAX_FILE_SIZE).map((r) => byRel.get(r)!.object),
    top,
    env,
  );
  return {
    files,
    size: (rel) => Promise.resolve(byRel.get(rel)?.size),
    async read(rel) {
      const f = byRel.get(rel);
      if (!f) return undefined;
      return ahead.get(f.object) ?? (await catFileBatch([f.object], top, env)).get(f.object);
    },
  };
}

/** The files of a folder on disk, as lint walks it. */
async function diskTree(root: string, io: CliIo): Promise<Tree> {
  const warn = warner(io);
  const host = new NodeFileHost(root, [root], (rel, reason) => warn(`${rel}: ${reason}.`));
  const byRel = new Map<string, string>();
  for await (const id of host.listFiles()) byRel.set(host.relativePath(id), id);
  return {
    files: [...byRel.keys()],
    read: (rel) => host.readFile(byRel.get(rel)!),
    size: (rel) => host.size(byRel.get(rel)!),
  };
}

/**
 * Loads a tree's taxonomy (the one at its root; a folder below with a config of its own is another
 * taxonomy and left out) through the core's loader, with `-c` and `--today` applied, and checks it.
 */
async function loadTree(
  tree: Tree,
  explicit: TaxonomyConfig | undefined,
  today: string | undefined,
): Promise<TaxonomyWorkspace> {
  const group = taxonomyGroups(tree.files).find((g) => g.root === '');
  const ws = createTaxonomyWorkspace(explicit ?? defaultConfig());
  // With -c, both sides read that config: their own config files are not read at all.
  const files = (group?.files ?? []).filter((f) => !explicit || group?.config !== f);
  const host: FileHost = {
    listFiles: () => files,
    readFile: (rel) => tree.read(rel),
    relativePath: (rel) => rel,
    size: tree.size ? (rel) => tree.size!(rel) : undefined,
  };
  await loadWorkspace(host, ws, RULE_IDS);
  const config = ws.currentConfig;
  // As lint does: unused disable directives are reported only when the config asks.
  const rules = { [UNUSED_DISABLE_DIRECTIVE_RULE_ID]: 'off' as const, ...config.rules };
  ws.setConfig({ ...config, rules, ...(today !== undefined ? { today } : {}) });
  ws.flush();
  return ws;
}

async function isFolder(p: string): Promise<boolean> {
  try {
    return (await fsp.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** The commit a ref names; a ref Git does not know is a usage error saying why. */
async function commitOf(ref: string, top: string, env: NodeJS.ProcessEnv, orFolders: string): Promise<string> {
  // A ref starting with '-' would be read by git as an option.
  if (ref.startsWith('-') || ref.trim() === '') throw new UsageError(`diff: "${ref}" is not a Git ref.`);
  try {
    return await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top, env);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const hint = await shallowCloneHint(top, env);
    throw new UsageError(
      `diff: unknown Git ref "${ref}" (no commit of that name in ${path.basename(top)}${hint})${orFolders}.`,
    );
  }
}

/** Reads both sides: two folders when both name one, else Git refs (the working tree for a missing head). */
export async function loadSides(o: SideOptions, io: CliIo): Promise<{ base: DiffSide; head: DiffSide }> {
  const today = o.today ?? pinnedToday(io.env);
  const explicit = o.config ? await readConfigStrict(path.resolve(io.cwd, o.config), io.cwd) : undefined;
  const load = (tree: Tree) => loadTree(tree, explicit, today);
  if (o.head !== undefined) {
    const [a, b] = [path.resolve(io.cwd, o.base), path.resolve(io.cwd, o.head)];
    if ((await isFolder(a)) && (await isFolder(b)))
      return {
        base: { name: o.base, root: a, workspace: await load(await diskTree(a, io)) },
        head: { name: o.head, root: b, workspace: await load(await diskTree(b, io)) },
      };
  }
  const found = await taxonomyRootOnDisk(io.cwd, false);
  if (found.conflict && !explicit) throw new UsageError(configConflictMessage(shownFolder(found.dir, io.cwd)));
  let top: string;
  try {
    top = await git(['rev-parse', '--show-toplevel'], found.dir, io.env);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(
      `diff compares Git refs of a repository, or two folders, and git says: ${(err as Error).message}`,
    );
  }
  const folder = slashPathBelow(realpathSync(top), realpathSync(found.dir));
  const asFolders = o.head === undefined ? '' : '; to compare two folders, name two existing folders';
  const side = async (ref: string): Promise<DiffSide> => {
    const commit = await commitOf(ref, top, io.env, asFolders);
    return { name: ref, commit, root: found.dir, workspace: await load(await commitTree(commit, folder, top, io.env)) };
  };
  const base = await side(o.base);
  const head =
    o.head === undefined
      ? { name: 'working tree', root: found.dir, workspace: await load(await diskTree(found.dir, io)) }
      : await side(o.head);
  return { base, head };
}

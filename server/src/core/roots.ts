import { CONFIG_FILE_NAMES, isConfigFile } from './domain';

/**
 * What root discovery needs from the file system. The CLI and the server pass a Node
 * implementation (server/src/node/rootProbe.ts), tests an in-memory one, so both adapters find
 * the same root by the same rule.
 */
export interface RootProbe {
  /** True when a file or folder exists at the path (`.git` is a folder, or a file in worktrees and submodules). */
  exists(path: string): boolean | Promise<boolean>;
  /** A path to `name` inside the folder `dir`. */
  join(dir: string, name: string): string;
  /** The folder holding a path; the path itself at the top of the file system. */
  dirname(path: string): string;
}

/** The taxonomy a path belongs to, and why. */
export interface FoundRoot {
  /** The taxonomy's root folder. */
  dir: string;
  /** `config`: the nearest folder holding a config file; `git`: the repository's top folder; `folder`: neither was found. */
  by: 'config' | 'git' | 'folder';
  /** The config files in `dir` (both spellings when both are there); empty unless `by` is `config`. */
  configNames: string[];
  /** Set when `dir` holds both spellings of the config file: the message saying so. */
  conflict?: string;
}

/** The message for a folder holding both spellings of the config file (`where` names the folder). */
export function configConflictMessage(where?: string): string {
  const [yaml, yml] = CONFIG_FILE_NAMES;
  return `${yaml} and ${yml} are both in ${where ?? 'this folder'}: keep one of them (only ${yaml} is read).`;
}

/**
 * Finds the taxonomy root of a file or folder: the nearest folder at or above it holding
 * cx-taxonomy.config.yaml (or .yml), looking no higher than the enclosing Git repository; else
 * the repository's top folder (holding `.git`); else the folder given (for a file, its folder).
 * Linting one file, a subfolder or everything therefore reads the same taxonomy, and the editor
 * opened on one file indexes the taxonomy it belongs to. A nested repository (a submodule,
 * whose `.git` is a file) is a taxonomy of its own.
 */
export async function findTaxonomyRoot(start: string, isFile: boolean, probe: RootProbe): Promise<FoundRoot> {
  const first = isFile ? probe.dirname(start) : start;
  for (let dir = first; ;) {
    const configNames: string[] = [];
    for (const name of CONFIG_FILE_NAMES) if (await probe.exists(probe.join(dir, name))) configNames.push(name);
    if (configNames.length)
      return { dir, by: 'config', configNames, conflict: configNames.length > 1 ? configConflictMessage() : undefined };
    if (await probe.exists(probe.join(dir, '.git'))) return { dir, by: 'git', configNames };
    const up = probe.dirname(dir);
    if (up === dir) return { dir: first, by: 'folder', configNames };
    dir = up;
  }
}

/**
 * Splits a tree into taxonomies: each folder holding a config file (either spelling) is the root
 * of its own taxonomy, and every file belongs to the nearest root above it (or to the tree's
 * root, ''). Two sample taxonomies side by side therefore never see each other's ids. `boundaries`
 * are further folders (relative) that are roots of their own, such as other repositories found
 * below the tree.
 */
export function partitionByConfig(
  relativePaths: readonly string[],
  boundaries: readonly string[] = [],
): Map<string, string[]> {
  const roots = [
    ...new Set([
      ...relativePaths
        .filter((p) => isConfigFile(p))
        .map((p) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '')),
      ...boundaries,
    ]),
  ].sort((a, b) => b.length - a.length);
  const groups = new Map<string, string[]>();
  for (const p of relativePaths) {
    const root = roots.find((r) => r === '' || p.startsWith(r + '/')) ?? '';
    const list = groups.get(root) ?? [];
    list.push(p);
    groups.set(root, list);
  }
  return groups;
}

/** The config file a taxonomy reads among its files' relative paths: the documented spelling first. */
function configPathIn(
  root: string,
  relativePaths: ReadonlySet<string> | ReadonlyMap<string, unknown>,
): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const rel = root ? `${root}/${name}` : name;
    if (relativePaths.has(rel)) return rel;
  }
  return undefined;
}

/** One taxonomy of a listed tree: its root folder ('' for the tree's), its files and its config. */
export interface TaxonomyGroup {
  /** The root, relative to the tree, with forward slashes. */
  root: string;
  /** Its files, relative to the tree. */
  files: string[];
  /** The config file it reads (relative to the tree), the documented spelling first; undefined when it has none. */
  config?: string;
}

/**
 * Splits the listing of a tree into taxonomies: each folder holding a config is a root of its own
 * (as are the `boundaries`, further roots such as other repositories), and a file belongs to the
 * nearest root above it.
 */
export function taxonomyGroups(relativePaths: readonly string[], boundaries?: readonly string[]): TaxonomyGroup[] {
  const listed = new Set(relativePaths);
  return [...partitionByConfig(relativePaths, boundaries)].map(([root, files]) => ({
    root,
    files,
    config: configPathIn(root, listed),
  }));
}

/** A path of a tree's listing relative to the taxonomy root `root` it belongs to. */
export function pathInGroup(root: string, rel: string): string {
  return root ? rel.slice(root.length + 1) : rel;
}

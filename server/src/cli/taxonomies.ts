import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import {
  CONFIG_FILE_NAME,
  createTaxonomyWorkspace,
  decodeText,
  defaultConfig,
  fileKindOf,
  parseConfig,
  partitionByConfig,
  RULE_IDS,
  TAXONOMY_KINDS,
  taxonomyKindOf,
  type FileHost,
  type Severity,
  type TaxonomyConfig,
  type TaxonomyWorkspace,
} from '../core';
import { UsageError } from './args';
import { NodeFileHost } from '../node/nodeFileHost';
import { DEFAULT_CACHE_LOCATION } from './cache';
import { loadGroup } from './loadGroup';

/** What every command that reads a taxonomy asks for. */
export interface LoadOptions {
  paths: readonly string[];
  /** A config file that replaces every `cx-taxonomy.config.yaml` found. */
  config?: string;
  /** Severity overrides on top of the config (`--rule`). */
  rules?: Record<string, Severity>;
  /** Reuse the diagnostics of an unchanged taxonomy (`--cache`), kept in `cacheLocation`. */
  cache?: boolean;
  cacheLocation?: string;
}

/** One taxonomy: a folder with its config (or none) and every file under it, loaded and checked. */
export interface LoadedTaxonomy {
  /** The absolute folder of the taxonomy (where its config is, or where the walk started). */
  root: string;
  workspace: TaxonomyWorkspace;
  /** The files of this taxonomy under the paths the user named: what a report covers. */
  inScope: string[];
}

/** Progress callback: files read so far of the total. */
export type Progress = (done: number, total: number) => void;

const SUFFIXES = TAXONOMY_KINDS.map((k) => `*.${k}.yaml`).join(', ');

/** Reads a config file for the CLI, where any problem is fatal (exit 2) rather than defaulted. */
export async function readConfigStrict(file: string, cwd: string): Promise<TaxonomyConfig> {
  const shown = path.relative(cwd, file) || file;
  let text: string;
  try {
    const decoded = decodeText(await fsp.readFile(file));
    if (!decoded.ok) throw new UsageError(`${shown}: ${decoded.message}`);
    text = decoded.text;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot read the config ${shown}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message}.`);
  }
  const { config, problems } = parseConfig(text, RULE_IDS);
  if (problems.length) {
    const p = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw new UsageError(`Invalid config ${shown}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}${more}`);
  }
  return config;
}

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.stat(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * The taxonomy a path belongs to: the nearest folder at or above it holding a
 * cx-taxonomy.config.yaml, looking no higher than the repository (a folder with `.git`). Without
 * one, the path itself (or a file's folder). Linting one journey file therefore still sees the
 * teams, personas and KPIs of its whole taxonomy.
 */
async function taxonomyRootOf(start: string, isDir: boolean): Promise<string> {
  const first = isDir ? start : path.dirname(start);
  for (let dir = first; ; ) {
    if (await exists(path.join(dir, CONFIG_FILE_NAME))) return dir;
    if (await exists(path.join(dir, '.git'))) break;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return first;
}

function isUnder(file: string, dirOrFile: string): boolean {
  return file === dirOrFile || file.startsWith(dirOrFile.endsWith(path.sep) ? dirOrFile : dirOrFile + path.sep);
}

function commonAncestor(dirs: readonly string[]): string {
  let common = dirs[0];
  for (const d of dirs.slice(1)) {
    while (!isUnder(d, common)) {
      const up = path.dirname(common);
      if (up === common) break;
      common = up;
    }
  }
  return common;
}

/**
 * Finds and loads every taxonomy the given paths touch. Files are grouped by the config that
 * governs each (a folder with a cx-taxonomy.config.yaml is its own taxonomy, so two taxonomies
 * side by side never see each other's ids); each group is one workspace, loaded whole so
 * cross-file rules see everything, and checked. Only taxonomies with at least one taxonomy file
 * under the named paths are returned.
 */
export async function loadTaxonomies(opts: LoadOptions, cwd: string, progress?: Progress): Promise<LoadedTaxonomy[]> {
  const starts: { abs: string; isDir: boolean; given: string }[] = [];
  for (const p of opts.paths) {
    const abs = path.resolve(cwd, p);
    let st;
    try {
      st = await fsp.stat(abs);
    } catch {
      throw new UsageError(`No such file or folder: ${p}`);
    }
    if (!st.isDirectory() && !st.isFile()) throw new UsageError(`Not a file or folder: ${p}`);
    starts.push({ abs, isDir: st.isDirectory(), given: p });
  }
  const roots = await Promise.all(starts.map((s) => taxonomyRootOf(s.abs, s.isDir)));
  const walkRoot = commonAncestor(roots);
  // Walk each taxonomy root whole; a named file is also listed even if its root walk skips it.
  const walkStarts = [...new Set([...roots, ...starts.filter((s) => !s.isDir).map((s) => s.abs)])];
  const host = new NodeFileHost(walkRoot, walkStarts);
  const byRel = new Map<string, string>();
  for await (const id of host.listFiles()) byRel.set(host.relativePath(id), id);
  const explicitConfig = opts.config ? await readConfigStrict(path.resolve(cwd, opts.config), cwd) : undefined;
  const inScope = (id: string) => starts.some((s) => isUnder(id, s.abs));

  for (const s of starts) {
    if (s.isDir) continue;
    if (!fileKindOf(s.abs)) throw new UsageError(`${s.given} is not a taxonomy file: name it by its kind (${SUFFIXES}) or give a folder.`);
  }

  interface Group {
    root: string;
    ws: TaxonomyWorkspace;
    host: FileHost;
    load: string[];
  }
  const groups: Group[] = [];
  for (const [groupRoot, rels] of partitionByConfig([...byRel.keys()])) {
    const configRel = groupRoot ? `${groupRoot}/${CONFIG_FILE_NAME}` : CONFIG_FILE_NAME;
    let config: TaxonomyConfig = explicitConfig ?? defaultConfig();
    const ids = rels.map((r) => byRel.get(r)!);
    // A taxonomy none of whose files the user named is not read at all (nor is its config).
    if (!ids.some((id) => inScope(id) && taxonomyKindOf(id))) {
      const named = starts.find((s) => !s.isDir && ids.includes(s.abs));
      if (named) throw new UsageError(`${named.given} is not a taxonomy file.`);
      continue;
    }
    if (!explicitConfig && byRel.has(configRel)) config = await readConfigStrict(byRel.get(configRel)!, cwd);
    if (opts.rules) config = { ...config, rules: { ...config.rules, ...opts.rules } };
    const ws = createTaxonomyWorkspace(config, { trackDependencies: false });
    const groupHost: FileHost = {
      listFiles: () => ids,
      readFile: (id) => host.readFile(id),
      size: (id) => host.size(id),
      relativePath: (id) => {
        const rel = host.relativePath(id);
        return groupRoot ? rel.slice(groupRoot.length + 1) : rel;
      },
    };
    const load = ids.filter((id) => host.relativePath(id) === configRel || ws.accepts(groupHost.relativePath(id)));
    for (const s of starts) {
      if (!s.isDir && ids.includes(s.abs) && !load.includes(s.abs)) throw new UsageError(`${s.given} is ignored by the taxonomy's config (its \`ignore\` or \`docs\` globs).`);
    }
    groups.push({ root: groupRoot ? path.join(walkRoot, ...groupRoot.split('/')) : walkRoot, ws, host: groupHost, load });
  }
  if (groups.length === 0) throw new UsageError(`No taxonomy files (${SUFFIXES}, or .yml) in ${opts.paths.join(', ')}.`);

  const total = groups.reduce((n, g) => n + g.load.length, 0);
  let done = 0;
  const out: LoadedTaxonomy[] = [];
  for (const g of groups) {
    const cacheLocation = opts.cache ? path.resolve(cwd, opts.cacheLocation ?? DEFAULT_CACHE_LOCATION) : undefined;
    await loadGroup(g.ws, g.host, g.load, { root: g.root, cacheLocation, tick: () => progress?.(++done, total) });
    g.ws.flush();
    out.push({ root: g.root, workspace: g.ws, inScope: g.load.filter(inScope) });
  }
  return out;
}

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import {
  CONFIG_FILE_NAMES,
  configConflictMessage,
  createTaxonomyWorkspace,
  decodeText,
  defaultConfig,
  fileKindOf,
  parseConfig,
  pathInGroup,
  RULE_IDS,
  TAXONOMY_KINDS,
  taxonomyGroups,
  taxonomyKindOf,
  UNUSED_DISABLE_DIRECTIVE_RULE_ID,
  type FileHost,
  type FoundRoot,
  type Severity,
  type TaxonomyConfig,
  type TaxonomyWorkspace,
} from '../core';
import { UsageError } from './command';
import { NodeFileHost, OUTSIDE_LINK_FILE, resolvesWithin } from '../node/nodeFileHost';
import { cliReleaseAbove } from '../node/releaseModels';
import { taxonomyRootOnDisk } from '../node/taxonomyRoot';
import { zlibTextPacker } from '../node/textPacker';
import { CacheMiss, DEFAULT_CACHE_LOCATION, type CacheStrategy } from './cache';
import { loadGroup } from './loadGroup';
import { shownFolder, shownPath, slashPathBelow } from './render/paths';

/** What every command that reads a taxonomy asks for. */
export interface LoadOptions {
  paths: readonly string[];
  /** A config file that replaces every `cx-taxonomy.config.yaml` (or `.yml`) found. */
  config?: string;
  /** "Today" for the sunset rules (`--today`, else `CX_TAXONOMY_TODAY`, else the machine's date). */
  today?: string;
  /** Severity overrides on top of the config (`--rule`). */
  rules?: Record<string, Severity>;
  /**
   * The severity of `unused-disable-directive` (`--report-unused-disable-directives`). Without it
   * the CLI reports unused directives only when the config or `--rule` names the rule, as ESLint
   * reports them only when asked.
   */
  reportUnusedDisableDirectives?: Severity;
  /** Reuse the diagnostics of an unchanged taxonomy (`--cache`), kept in `cacheLocation`. */
  cache?: boolean;
  cacheLocation?: string;
  /** How the cache tells a file unchanged (`--cache-strategy`; metadata by default). */
  cacheStrategy?: CacheStrategy;
  /** One line about how the cache answered (CX_TAXONOMY_TRACE_CACHE); stderr in the CLI. */
  traceCache?: (line: string) => void;
  /** One line of warning for the user (a link not followed, a cache ignored); stderr in the CLI. */
  warn?: (line: string) => void;
  /** Answer only from the cache, else throw `CacheMiss` (see `CliIo.cacheOnly`). */
  cacheOnly?: boolean;
  /**
   * Record which files each file's findings depend on, and check every file (`--changed-since`
   * finds the files that depend on a change this way). The cache is not used then: a taxonomy
   * restored from it has no index to look dependencies up in.
   */
  trackDependencies?: boolean;
  /**
   * The command reads the files' findings and texts, not their models (the lint): when every file
   * is checked, journeys are then loaded last and each checked as it is loaded, its model let go
   * after (`checkEarly` in the core's loader), so the peak holds no journey's model and none is
   * built twice.
   */
  findingsOnly?: boolean;
}

/** One taxonomy: a folder with its config (or none) and every file under it, loaded and checked. */
export interface LoadedTaxonomy {
  /** The absolute folder of the taxonomy: where its config is, else the repository's top folder, else the folder named. */
  root: string;
  workspace: TaxonomyWorkspace;
  /** The files of this taxonomy under the paths the user named: what a report covers. */
  inScope: string[];
}

/** Progress callback: files read so far of the total. */
export type Progress = (done: number, total: number) => void;

const SUFFIXES = TAXONOMY_KINDS.map((k) => `*.${k}.yaml`).join(', ');

/**
 * Reads a config file for the CLI, where any problem is fatal (exit 2) rather than defaulted. A
 * config found in a taxonomy (`within` its folder) that is a link out of it is not read.
 */
export async function readConfigStrict(file: string, cwd: string, within?: string): Promise<TaxonomyConfig> {
  const shown = shownPath(file, cwd);
  if (within !== undefined && !(await resolvesWithin(within, file)))
    throw new UsageError(`${shown}: ${OUTSIDE_LINK_FILE}; name it with --config to use it.`);
  let text: string;
  try {
    const decoded = decodeText(await fsp.readFile(file));
    if (!decoded.ok) throw new UsageError(`${shown}: ${decoded.message}`);
    text = decoded.text;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      `Cannot read the config ${shown}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message}.`,
    );
  }
  const { config, problems } = parseConfig(text, RULE_IDS);
  if (problems.length) {
    const p = problems[0];
    const more =
      problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw new UsageError(
      `Invalid config ${shown}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}${more}`,
    );
  }
  return config;
}

function isUnder(file: string, dirOrFile: string): boolean {
  return file === dirOrFile || file.startsWith(dirOrFile.endsWith(path.sep) ? dirOrFile : dirOrFile + path.sep);
}

/**
 * Finds and loads every taxonomy the given paths touch. Each path's taxonomy root is discovered
 * (findTaxonomyRoot: the nearest config, else the Git repository's top folder, else the folder
 * itself) and walked whole, so a file's diagnostics are the same whether it is linted alone,
 * from a subfolder or with everything. Files are grouped by the config that governs each (a
 * folder with a config below a root is its own taxonomy, so two taxonomies side by side never
 * see each other's ids); each group is one workspace, loaded whole so cross-file rules see
 * everything, and checked. Only taxonomies with at least one taxonomy file under the named paths
 * are read and returned, and `inScope` holds those files: what a lint reports on.
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
  for (const s of starts) {
    if (s.isDir) continue;
    // Markdown docs and the config are what a pre-commit hook passes beside the taxonomy files.
    if (!fileKindOf(s.abs))
      throw new UsageError(
        `${s.given} is not a taxonomy file, a Markdown doc or a config: name it by its kind (${SUFFIXES}) or give a folder.`,
      );
  }
  const explicitConfig = opts.config ? await readConfigStrict(path.resolve(cwd, opts.config), cwd) : undefined;
  const shown = (dir: string) => shownFolder(dir, cwd);
  const conflictIn = (dir: string) => new UsageError(configConflictMessage(shown(dir)));

  // Files of one folder share their root: a pre-commit hook names many files of few folders.
  const byFolder = new Map<string, Promise<FoundRoot>>();
  const found = await Promise.all(
    starts.map((s) => {
      const folder = s.isDir ? s.abs : path.dirname(s.abs);
      let f = byFolder.get(folder);
      if (!f) byFolder.set(folder, (f = taxonomyRootOnDisk(folder, false)));
      return f;
    }),
  );
  if (!explicitConfig) for (const f of found) if (f.conflict) throw conflictIn(f.dir);
  const roots = [...new Set(found.map((f) => f.dir))];
  // Each outermost root is walked once; a root found inside it (another repository) stays a taxonomy of its own.
  const walkRoots = roots.filter((r) => !roots.some((o) => o !== r && isUnder(r, o)));
  const inScope = (id: string) => starts.some((s) => isUnder(id, s.abs));

  interface Group {
    root: string;
    ws: TaxonomyWorkspace;
    host: FileHost;
    load: string[];
    checksEarly: boolean;
  }
  const groups: Group[] = [];
  for (const walkRoot of walkRoots) {
    const inner = roots.filter((r) => r !== walkRoot && isUnder(r, walkRoot)).map((r) => slashPathBelow(walkRoot, r));
    // A named file is also listed even if the walk skips it (git-ignored, say).
    const named = starts.filter((s) => !s.isDir && isUnder(s.abs, walkRoot)).map((s) => s.abs);
    const host = new NodeFileHost(walkRoot, [walkRoot, ...named], (rel, reason) => opts.warn?.(`${rel}: ${reason}.`));
    const byRel = new Map<string, string>();
    for await (const id of host.listFiles()) byRel.set(host.relativePath(id), id);

    for (const { root: groupRoot, files: rels, config: configRel } of taxonomyGroups([...byRel.keys()], inner)) {
      const groupDir = groupRoot ? path.join(walkRoot, ...groupRoot.split('/')) : walkRoot;
      let config: TaxonomyConfig = explicitConfig ?? defaultConfig();
      const ids = rels.map((r) => byRel.get(r)!);
      // A taxonomy none of whose files the user named is not read at all (nor is its config); a
      // Markdown file or config named where there is no taxonomy is passed over with a warning,
      // as ESLint does for an ignored file, so a hook given a stray README does not fail.
      // A folder brings in the taxonomies with taxonomy files under it; a doc or config named
      // by itself brings in its own taxonomy.
      if (
        !ids.some(
          (id) => inScope(id) && (taxonomyKindOf(id) !== undefined || starts.some((s) => !s.isDir && s.abs === id)),
        )
      )
        continue;
      if (!ids.some((id) => taxonomyKindOf(id))) {
        for (const s of starts)
          if (!s.isDir && ids.includes(s.abs)) opts.warn?.(`${s.given}: skipped, no taxonomy files around it.`);
        continue;
      }
      if (!explicitConfig && configRel !== undefined) {
        if (CONFIG_FILE_NAMES.filter((n) => byRel.has(groupRoot ? `${groupRoot}/${n}` : n)).length > 1)
          throw conflictIn(groupDir);
        config = await readConfigStrict(byRel.get(configRel)!, cwd, groupDir);
      }
      const rules = { ...config.rules, ...opts.rules };
      rules[UNUSED_DISABLE_DIRECTIVE_RULE_ID] =
        opts.reportUnusedDisableDirectives ?? rules[UNUSED_DISABLE_DIRECTIVE_RULE_ID] ?? 'off';
      config = { ...config, rules, ...(opts.today !== undefined ? { today: opts.today } : {}) };
      // The lint lets journeys' models go once each is checked as it is loaded (`findingsOnly`);
      // the other commands read models, and let them go only when asked (`CX_TAXONOMY_RELEASE_ABOVE`).
      const releaseAbove = cliReleaseAbove(opts.findingsOnly === true, process.env);
      const checksEarly = opts.findingsOnly === true && releaseAbove !== undefined;
      const ws = createTaxonomyWorkspace(config, {
        // Checks made as files are loaded are right at the end only if a later file that changes
        // what one looked up has it checked again.
        trackDependencies: opts.trackDependencies === true || checksEarly,
        keepTermUses: false,
        releaseAbove,
        // Otherwise models go as files are indexed, and checks rebuild them from parses done
        // ahead in the parse workers (loadGroup): ~25% less at the peak, ~40% longer (item 28).
        releaseIndexed: !checksEarly,
        // Their texts are kept packed meanwhile (only files that let their models go pack theirs).
        textPacker: zlibTextPacker,
      });
      const groupHost: FileHost = {
        listFiles: () => ids,
        readFile: (id) => host.readFile(id),
        size: (id) => host.size(id),
        relativePath: (id) => pathInGroup(groupRoot, host.relativePath(id)),
      };
      const load = ids.filter((id) => host.relativePath(id) === configRel || ws.accepts(groupHost.relativePath(id)));
      for (const s of starts) {
        if (!s.isDir && ids.includes(s.abs) && !load.includes(s.abs))
          opts.warn?.(
            `${s.given}: skipped, the taxonomy's config does not check it (its \`ignore\` or \`docs\` globs).`,
          );
      }
      groups.push({ root: groupDir, ws, host: groupHost, load, checksEarly });
    }
  }
  // Only named files, every one passed over above: nothing to check, which is not a usage error.
  if (groups.length === 0 && starts.every((s) => !s.isDir)) return [];
  if (groups.length === 0)
    throw new UsageError(`No taxonomy files (${SUFFIXES}, or .yml) in ${opts.paths.join(', ')}.`);

  const total = groups.reduce((n, g) => n + g.load.length, 0);
  let done = 0;
  const out: LoadedTaxonomy[] = [];
  for (const g of groups) {
    const cacheLocation =
      opts.cache && !opts.trackDependencies
        ? path.resolve(cwd, opts.cacheLocation ?? DEFAULT_CACHE_LOCATION)
        : undefined;
    if (opts.cacheOnly && cacheLocation === undefined) throw new CacheMiss();
    // Only the files reported on are checked; the others are read for their ids, which is all a
    // rule looks at, so one file linted in a large taxonomy is not the price of linting them all.
    // (With --cache every file was checked, to be remembered.)
    const scope = g.load.filter(inScope);
    const checkAll = scope.length === g.load.length || opts.trackDependencies === true;
    await loadGroup(g.ws, g.host, g.load, {
      root: g.root,
      checkAll,
      checkEarly: g.checksEarly,
      keepDependencies: opts.trackDependencies === true,
      cacheLocation,
      cacheOnly: opts.cacheOnly,
      cacheStrategy: opts.cacheStrategy,
      traceCache: opts.traceCache,
      warn: opts.warn,
      tick: () => progress?.(++done, total),
    });
    if (checkAll) g.ws.flush();
    else for (const id of scope) g.ws.flushFile(id);
    out.push({ root: g.root, workspace: g.ws, inScope: scope });
  }
  return out;
}

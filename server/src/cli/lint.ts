import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import {
  ALL_RULES,
  CONFIG_FILE_NAME,
  createTaxonomyWorkspace,
  decodeText,
  defaultConfig,
  loadFile,
  parseConfig,
  partitionByConfig,
  RULE_IDS,
  type TaxonomyConfig,
  type FileHost,
} from '../core';
import { UsageError, type LintOptions } from './args';
import { NodeFileHost } from './nodeHost';
import type { FileReport } from './report';

/** Reads a config file for the CLI, where any problem is fatal (exit 2) rather than defaulted. */
async function readConfigStrict(file: string, cwd: string): Promise<TaxonomyConfig> {
  let text: string;
  try {
    const decoded = decodeText(await fsp.readFile(file));
    if (!decoded.ok) throw new UsageError(`${path.relative(cwd, file)}: ${decoded.message}`);
    text = decoded.text;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`Cannot read the config ${path.relative(cwd, file) || file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`);
  }
  const { config, problems } = parseConfig(text, RULE_IDS);
  if (problems.length) {
    const p = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw new UsageError(`Invalid config ${path.relative(cwd, file) || file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}${more}`);
  }
  return config;
}

/** Progress callback: files read so far of the total. */
export type Progress = (done: number, total: number) => void;

/**
 * Lints the given paths: finds taxonomy files under them, groups them by the config that governs
 * each, loads each group as one workspace (so cross-file rules see the whole taxonomy), and returns
 * one report per file, sorted by path.
 */
export async function lint(opts: LintOptions, cwd: string, progress?: Progress): Promise<FileReport[]> {
  const starts: string[] = [];
  for (const p of opts.paths) {
    const abs = path.resolve(cwd, p);
    try {
      await fsp.stat(abs);
    } catch {
      throw new UsageError(`No such file or folder: ${p}`);
    }
    starts.push(abs);
  }
  const root = commonAncestor(await Promise.all(starts.map(async (s) => ((await fsp.stat(s)).isDirectory() ? s : path.dirname(s)))));
  const host = new NodeFileHost(root, starts);
  const ids: string[] = [];
  for await (const id of host.listFiles()) ids.push(id);
  const explicitConfig = opts.config ? await readConfigStrict(path.resolve(cwd, opts.config), cwd) : undefined;
  const byRel = new Map(ids.map((id) => [host.relativePath(id), id]));
  const groups = partitionByConfig([...byRel.keys()]);
  const reports: FileReport[] = [];
  let done = 0;
  const total = ids.length;
  for (const [groupRoot, rels] of groups) {
    const configRel = groupRoot ? `${groupRoot}/${CONFIG_FILE_NAME}` : CONFIG_FILE_NAME;
    let config: TaxonomyConfig = explicitConfig ?? defaultConfig();
    if (!explicitConfig && byRel.has(configRel)) config = await readConfigStrict(byRel.get(configRel)!, cwd);
    config = { ...config, rules: { ...config.rules, ...opts.rules } };
    const ws = createTaxonomyWorkspace(config);
    const groupHost: FileHost = {
      listFiles: () => rels.map((r) => byRel.get(r)!),
      readFile: (id) => host.readFile(id),
      size: (id) => host.size(id),
      relativePath: (id) => {
        const rel = host.relativePath(id);
        return groupRoot ? rel.slice(groupRoot.length + 1) : rel;
      },
    };
    for (const rel of rels) {
      const id = byRel.get(rel)!;
      if (rel === configRel || ws.accepts(groupHost.relativePath(id))) await loadFile(groupHost, ws, id);
      progress?.(++done, total);
    }
    ws.flush();
    for (const file of ws.allFiles()) {
      reports.push({
        filePath: path.relative(cwd, file.uri) || file.uri,
        relativePath: host.relativePath(file.uri),
        source: file.text,
        diagnostics: [...ws.diagnostics(file.uri)],
      });
    }
  }
  reports.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  return reports;
}

function commonAncestor(dirs: string[]): string {
  let common = dirs[0];
  for (const d of dirs.slice(1)) {
    while (!(d === common || d.startsWith(common.endsWith(path.sep) ? common : common + path.sep))) {
      const up = path.dirname(common);
      if (up === common) break;
      common = up;
    }
  }
  return common;
}

/** Rule metadata for formatters that describe the rules (SARIF). */
export const RULES = ALL_RULES;

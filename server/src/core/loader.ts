import { CONFIG_FILE_NAMES } from './domain';
import { parseConfig, type ConfigProblem, type TaxonomyConfig } from './config';
import { decodeText, type FileHost } from './host';
import { tooLargeMessage } from './taxonomyFile';
import type { TaxonomyWorkspace } from './workspace';

/** Progress while a workspace loads: files read so far and the total found. */
export type LoadProgress = (done: number, total: number) => void;

export interface LoadResult {
  files: number;
  /** The configuration found at the root, if any, with its problems. */
  config?: { id: string; config: TaxonomyConfig; problems: ConfigProblem[] };
}

/**
 * Reads every taxonomy file and Markdown doc a host lists into a workspace. The config at the
 * root is read first so its globs and limits apply to what follows. Files that vanish while
 * loading are skipped; files that cannot be decoded become a visible problem.
 */
export async function loadWorkspace(
  host: FileHost,
  workspace: TaxonomyWorkspace,
  knownRules: ReadonlySet<string>,
  progress?: LoadProgress,
  shouldStop?: () => boolean,
): Promise<LoadResult> {
  const ids: string[] = [];
  for await (const id of host.listFiles()) ids.push(id);
  const result: LoadResult = { files: 0 };
  // The documented spelling wins when both are there (the config rule reports the other one).
  const configIds = CONFIG_FILE_NAMES.map((name) => ids.find((id) => host.relativePath(id) === name));
  const configId = configIds.find((id) => id !== undefined);
  if (configId) {
    const raw = await host.readFile(configId);
    if (raw !== undefined) {
      const decoded = decodeText(raw);
      const parsed = decoded.ok
        ? parseConfig(decoded.text, knownRules)
        : {
            config: workspace.currentConfig,
            problems: [
              { message: decoded.message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
            ],
          };
      workspace.setConfig(parsed.config);
      result.config = { id: configId, ...parsed };
    }
  }
  const wanted = ids.filter((id) => configIds.includes(id) || workspace.accepts(host.relativePath(id)));
  let done = 0;
  for (const id of wanted) {
    if (shouldStop?.()) break;
    await loadFile(host, workspace, id);
    result.files++;
    progress?.(++done, wanted.length);
  }
  return result;
}

/** Reads one file into the workspace; returns false when it no longer exists. */
export async function loadFile(host: FileHost, workspace: TaxonomyWorkspace, id: string): Promise<boolean> {
  const rel = host.relativePath(id);
  const size = await host.size?.(id);
  if (size !== undefined && size > workspace.currentConfig.maxFileSize) {
    workspace.setUnreadable(id, rel, tooLargeMessage(size, workspace.currentConfig.maxFileSize));
    return true;
  }
  let raw: Uint8Array | string | undefined;
  try {
    raw = await host.readFile(id);
  } catch (err) {
    workspace.setUnreadable(
      id,
      rel,
      `This file could not be read: ${err instanceof Error ? err.message : String(err)}`,
    );
    return true;
  }
  if (raw === undefined) {
    workspace.removeFile(id);
    return false;
  }
  const decoded = decodeText(raw);
  if (decoded.ok) workspace.setFile(id, rel, decoded.text, 0);
  else workspace.setUnreadable(id, rel, decoded.message);
  return true;
}

/**
 * The configuration each taxonomy root runs with: its config file merged with the editor settings
 * (pulled per folder from the client, or the section a client pushed), and when they change.
 */
import { decodeText, defaultConfig, parseConfig, RULE_IDS, type TaxonomyConfig } from '../../core';
import { isIsoDate, localIsoDate, pinnedDateProblem, TODAY_ENV } from '../../core/dates';
import { defaultSettings, readSettings, type ServerSettings } from '../settings';
import type { Documents } from './documents';
import type { FolderState, SessionHost, TaxonomyRoot } from './types';

export class SessionConfig {
  /** The settings for every folder (and for files outside them). */
  global: ServerSettings = defaultSettings();
  /**
   * The `cxTaxonomy` section last pushed with `workspace/didChangeConfiguration` by a client that
   * cannot be asked (no `workspace/configuration`): it stands for every folder, now and later.
   */
  private pushed: unknown;
  /** Counts settings updates, so the end of indexing sees one that arrived while it ran. */
  changes = 0;

  constructor(
    private readonly host: SessionHost,
    private readonly docs: Documents,
  ) {}

  /** Reads a root's config text: from its open document, else from the disk. */
  async readConfigText(root: TaxonomyRoot): Promise<void> {
    const doc = this.docs.open.get(root.configUri);
    if (doc) {
      root.configText = doc.getText();
      return;
    }
    if (!root.known.has(root.configUri)) {
      root.configText = undefined;
      return;
    }
    try {
      const raw = await root.host.readFile(root.configUri);
      const decoded = raw === undefined ? undefined : decodeText(raw);
      root.configText = decoded?.ok ? decoded.text : undefined;
    } catch {
      root.configText = undefined;
    }
  }

  /**
   * The configuration a root runs with: cx-taxonomy.config.yaml (bad entries replaced by their
   * defaults; the config file shows their problems), then the editor settings: rule severities
   * override, doc globs add, and the smaller size limit wins.
   */
  private effectiveConfig(root: TaxonomyRoot): TaxonomyConfig {
    const base = root.configText !== undefined ? parseConfig(root.configText, RULE_IDS).config : defaultConfig();
    const settings = root.folder?.settings ?? this.global;
    const rules = { ...base.rules };
    for (const [id, severity] of Object.entries(settings.rules)) if (RULE_IDS.has(id)) rules[id] = severity;
    return {
      ...base,
      rules,
      docs: [...new Set([...base.docs, ...settings.docsGlobs])],
      maxFileSize: Math.min(base.maxFileSize, settings.maxFileSize),
      today: serverToday(),
    };
  }

  /** Applies the effective config to a root's workspace; returns true when files must be re-read. */
  configure(root: TaxonomyRoot): boolean {
    const config = this.effectiveConfig(root);
    root.ws.setConfig(config);
    const reread = root.maxFileSize !== -1 && root.maxFileSize !== config.maxFileSize;
    root.maxFileSize = config.maxFileSize;
    return reread;
  }

  /**
   * A folder's settings: asked from the client when it can answer (`workspace/configuration`),
   * else the last ones it pushed, so pushed settings also hold for folders listed later.
   */
  async refreshFolder(folder: FolderState): Promise<void> {
    folder.settings = readSettings((await this.pull(folder.uri)) ?? this.pushed);
    this.changes++;
  }

  /** Re-reads the settings for every folder; `pushed` is the section a client without `workspace/configuration` sent. */
  async refreshGlobal(pushed?: unknown): Promise<void> {
    if (pushed !== undefined) this.pushed = pushed;
    this.global = readSettings((await this.pull(undefined)) ?? this.pushed);
  }

  private async pull(folderUri: string | undefined): Promise<unknown> {
    try {
      return await this.host.settings(folderUri);
    } catch {
      return undefined;
    }
  }
}

/**
 * "Today" for the sunset rules: `CX_TAXONOMY_TODAY` when it holds a real date (tests, demos),
 * else the machine's date, read each time a root is configured. A malformed pin is ignored.
 */
export function serverToday(): string {
  const pinned = process.env[TODAY_ENV];
  return pinned !== undefined && isIsoDate(pinned) ? pinned : localIsoDate(new Date());
}

/** What is wrong with a `CX_TAXONOMY_TODAY` the server was started with, for its log; undefined when fine. */
export function todayPinProblem(): string | undefined {
  const pinned = process.env[TODAY_ENV];
  if (pinned === undefined || pinned === '') return undefined;
  const problem = pinnedDateProblem(TODAY_ENV, pinned);
  return problem && `${problem} The machine's date is used.`;
}

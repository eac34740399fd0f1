/**
 * The editor settings of cx-taxonomy: one table, the single source of truth. Each entry pairs the
 * setting's key (`cxTaxonomy.<area>.<name>`), its JSON schema (what package.json contributes, so
 * VS Code validates and documents it) and a normaliser that turns whatever the client sends into
 * a safe value, falling back to the default. The client's build generates
 * `contributes.configuration` from `configurationContribution()`, and a test fails when the two
 * drift.
 *
 * This file imports nothing from the LSP libraries so the client and its build scripts can read
 * it too.
 */

import { DEFAULT_MAX_FILE_SIZE } from '../core/domain/defaults';
import { globEscapesRoot } from '../core/glob';
// The config file's scale of severities: a rule is set to one of them here too.
import { SEVERITIES, type Severity } from '../core/types';

/** The values the server runs with, after normalisation. */
export interface ServerSettings {
  /** Rule severities that override the defaults and cx-taxonomy.config.yaml, per rule id. */
  rules: Record<string, Severity>;
  /** Globs of Markdown docs checked in addition to those of the config (default `**\/*.md`). */
  docsGlobs: string[];
  /** Files larger than this many bytes are skipped with a diagnostic. */
  maxFileSize: number;
  /** How much of the LSP traffic the client logs (read by the client; listed for completeness). */
  trace: 'off' | 'messages' | 'verbose';
  /** Whether touchpoints show the owner they inherit from their stage (or `no owner`) as inlay hints. */
  inlayHints: boolean;
  /** The team the Taxonomy view pins and whose problems the status bar counts ('' for none; read by the client). */
  myTeam: string;
}

/** The JSON schema of one setting, as package.json's `contributes.configuration` wants it. */
export interface SettingSchema {
  type: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  default: unknown;
  markdownDescription: string;
  scope: 'application' | 'machine' | 'window' | 'resource' | 'machine-overridable';
  enum?: string[];
  enumDescriptions?: string[];
  items?: { type: string };
  additionalProperties?: { type: string; enum: string[] };
  minimum?: number;
  order?: number;
}

/** One row of the settings table. */
export interface SettingDefinition<K extends keyof ServerSettings = keyof ServerSettings> {
  /** The full key, `cxTaxonomy.<area>.<name>`. */
  key: string;
  /** The field of `ServerSettings` it fills. */
  field: K;
  schema: SettingSchema;
  /** Turns a raw value from the client into a safe value; anything unusable gives the default. */
  normalise(raw: unknown): ServerSettings[K];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const rules: SettingDefinition<'rules'> = {
  key: 'cxTaxonomy.rules',
  field: 'rules',
  schema: {
    type: 'object',
    default: {},
    markdownDescription:
      'Severity per rule id (`off`, `hint`, `info`, `warning`, `error`), for this editor only. It overrides the rule defaults and the `rules` of `cx-taxonomy.config.yaml`; CI keeps using the config. Example: `{ "unused-kpi": "off" }`.',
    scope: 'resource',
    additionalProperties: { type: 'string', enum: [...SEVERITIES] },
    order: 0,
  },
  normalise(raw) {
    const out: Record<string, Severity> = {};
    if (!isRecord(raw)) return out;
    for (const [id, sev] of Object.entries(raw)) {
      if (typeof sev === 'string' && (SEVERITIES as readonly string[]).includes(sev)) out[id] = sev as Severity;
    }
    return out;
  },
};

const docsGlobs: SettingDefinition<'docsGlobs'> = {
  key: 'cxTaxonomy.docs.globs',
  field: 'docsGlobs',
  schema: {
    type: 'array',
    default: [],
    markdownDescription:
      'Extra globs of Markdown docs to check against the glossary and to hover terms in, relative to each taxonomy root, added to the `docs` of `cx-taxonomy.config.yaml` (default `**/*.md`). Globs reaching outside the root (`../`) are ignored.',
    scope: 'resource',
    items: { type: 'string' },
    order: 1,
  },
  normalise(raw) {
    if (!Array.isArray(raw)) return [];
    return raw.filter((g): g is string => typeof g === 'string' && g.trim() !== '' && !globEscapesRoot(g));
  },
};

const maxFileSize: SettingDefinition<'maxFileSize'> = {
  key: 'cxTaxonomy.files.maxSize',
  field: 'maxFileSize',
  schema: {
    type: 'integer',
    default: DEFAULT_MAX_FILE_SIZE,
    minimum: 1024,
    markdownDescription:
      'Files larger than this many bytes are not read; they show a "file too large" problem instead. When `cx-taxonomy.config.yaml` sets `maxFileSize`, the smaller of the two applies.',
    scope: 'resource',
    order: 2,
  },
  normalise(raw) {
    return typeof raw === 'number' && Number.isFinite(raw) && raw >= 1024 ? Math.floor(raw) : DEFAULT_MAX_FILE_SIZE;
  },
};

const trace: SettingDefinition<'trace'> = {
  key: 'cxTaxonomy.trace.server',
  field: 'trace',
  schema: {
    type: 'string',
    default: 'off',
    enum: ['off', 'messages', 'verbose'],
    enumDescriptions: [
      'No tracing.',
      'Logs each message between the editor and the language server.',
      'Logs each message with its content.',
    ],
    markdownDescription:
      'Traces the communication between VS Code and the cx-taxonomy language server in the output channel.',
    scope: 'window',
    order: 3,
  },
  normalise(raw) {
    return raw === 'messages' || raw === 'verbose' ? raw : 'off';
  },
};

const inlayHints: SettingDefinition<'inlayHints'> = {
  key: 'cxTaxonomy.inlayHints.enabled',
  field: 'inlayHints',
  schema: {
    type: 'boolean',
    default: true,
    markdownDescription:
      "Shows, after a touchpoint without an `owner` of its own, the owner it inherits from its stage (`owner: cx-onboarding (from stage)`), or `no owner` where the `touchpoint-owner` rule reports it. VS Code's `#editor.inlayHints.enabled#` also applies.",
    scope: 'resource',
    order: 4,
  },
  normalise(raw) {
    return typeof raw === 'boolean' ? raw : true;
  },
};

const myTeam: SettingDefinition<'myTeam'> = {
  key: 'cxTaxonomy.myTeam',
  field: 'myTeam',
  schema: {
    type: 'string',
    default: '',
    markdownDescription:
      "The id of your team (as in the teams file, e.g. `cx-ops`). The Taxonomy view shows it first and expanded, and the status bar counts its open problems: those inside what the team owns (a touchpoint by its own or its stage's owner, else the journey's; a persona, segment, KPI or glossary term by its owner; its own entry in the teams file). Empty: no team is pinned.",
    scope: 'window',
    order: 5,
  },
  normalise(raw) {
    return typeof raw === 'string' ? raw.trim() : '';
  },
};

/** Every setting, in the order the settings editor shows them. */
export const SETTINGS: readonly SettingDefinition[] = [
  rules,
  docsGlobs,
  maxFileSize,
  trace,
  inlayHints,
  myTeam,
] as readonly SettingDefinition[];

/** The settings section the server asks the client for. */
export const SETTINGS_SECTION = 'cxTaxonomy';

/** Reads a dotted key (`docs.globs`) from the `cxTaxonomy` section object. */
function lookup(section: unknown, dotted: string): unknown {
  let cur: unknown = section;
  for (const part of dotted.split('.')) {
    if (!isRecord(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** Normalises the `cxTaxonomy` section the client sends (any shape) into server settings. */
export function readSettings(section: unknown): ServerSettings {
  const out = {} as Record<keyof ServerSettings, unknown>;
  for (const s of SETTINGS) out[s.field] = s.normalise(lookup(section, s.key.slice(SETTINGS_SECTION.length + 1)));
  return out as unknown as ServerSettings;
}

/** The settings when the client sends none. */
export function defaultSettings(): ServerSettings {
  return readSettings(undefined);
}

/** What package.json declares under `contributes.configuration`, generated from the table. */
export function configurationContribution(): { title: string; properties: Record<string, SettingSchema> } {
  const properties: Record<string, SettingSchema> = {};
  for (const s of SETTINGS) properties[s.key] = s.schema;
  return { title: 'CX Taxonomy', properties };
}

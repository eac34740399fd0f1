import configSchema from '../../../schemas/config.schema.json';
import { localIsoDate } from './dates';
import {
  DEFAULT_CHANNELS,
  DEFAULT_LIFECYCLE_STAGES,
  DEFAULT_MAX_FILE_SIZE,
  DEFAULT_SUNSET_WARNING_DAYS,
} from './domain';
import { compileGlob, globEscapesRoot, type GlobMatcher } from './glob';
import { DocReader } from './model';
import { childPointer, parseYaml } from './yaml';
import { LineIndex } from './lineIndex';
import { SEVERITIES, type Range, type Severity } from './types';

/** The settings one workspace runs with, after defaults are applied. */
export interface TaxonomyConfig {
  /** Per-rule severity overrides; rules not listed keep their default. */
  rules: Record<string, Severity>;
  /** Globs of Markdown docs checked against the glossary. */
  docs: string[];
  /** Globs of paths to skip. */
  ignore: string[];
  lifecycleStages: string[];
  channels: string[];
  maxFileSize: number;
  /** How many days before a `sunset` its uses are reported (`sunset-approaching`). */
  sunsetWarningDays: number;
  /**
   * "Today" as `YYYY-MM-DD`, for the sunset rules: the machine's date unless a front end pins it
   * (`--today`, `CX_TAXONOMY_TODAY`). Not read from the config file.
   */
  today: string;
}

export function defaultConfig(): TaxonomyConfig {
  return {
    rules: {},
    docs: ['**/*.md'],
    ignore: [],
    lifecycleStages: [...DEFAULT_LIFECYCLE_STAGES],
    channels: [...DEFAULT_CHANNELS],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    sunsetWarningDays: DEFAULT_SUNSET_WARNING_DAYS,
    today: localIsoDate(new Date()),
  };
}

/** A problem in the configuration file, with where it is. */
export interface ConfigProblem {
  message: string;
  range: Range;
}

export interface ConfigResult {
  config: TaxonomyConfig;
  problems: ConfigProblem[];
}

/**
 * Reads `cx-taxonomy.config.yaml`. Every bad entry is reported and replaced by its default, so a
 * broken config never stops linting in the editor; the CLI turns problems into exit code 2.
 */
export function parseConfig(text: string, knownRules: ReadonlySet<string>): ConfigResult {
  const config = defaultConfig();
  const problems: ConfigProblem[] = [];
  const lines = new LineIndex(text);
  const parsed = parseYaml(text);
  for (const p of parsed.problems) problems.push({ message: p.message, range: lines.range(p.start, p.end) });
  const doc = parsed.docs[0];
  if (!doc || doc.value === null) return { config, problems };
  const r = new DocReader(doc, lines);
  const root = doc.value;
  if (typeof root !== 'object' || Array.isArray(root)) {
    problems.push({
      message: 'The configuration must be a mapping of settings (rules, docs, ignore, ...).',
      range: r.valueRange(''),
    });
    return { config, problems };
  }
  const known = new Set(Object.keys(configSchema.properties));
  for (const key of Object.keys(root)) {
    if (!known.has(key))
      problems.push({
        message: `\`${key}\` is not a setting. Known settings: ${[...known].filter((k) => k !== '$schema').join(', ')}.`,
        range: r.keyRange(`/${key}`),
      });
  }
  const rules = r.get('/rules');
  if (rules !== undefined && rules !== null) {
    if (typeof rules !== 'object' || Array.isArray(rules)) {
      problems.push({
        message: '`rules` must map rule ids to a severity (off, hint, info, warning, error).',
        range: r.valueRange('/rules'),
      });
    } else {
      for (const [id, sev] of Object.entries(rules as Record<string, unknown>)) {
        const ptr = childPointer('/rules', id);
        if (!knownRules.has(id)) {
          problems.push({ message: `Unknown rule \`${id}\`.`, range: r.keyRange(ptr) });
          continue;
        }
        if (typeof sev !== 'string' || !(SEVERITIES as readonly string[]).includes(sev)) {
          problems.push({
            message: `The severity of \`${id}\` must be one of ${SEVERITIES.join(', ')}.`,
            range: r.valueRange(ptr),
          });
          continue;
        }
        config.rules[id] = sev as Severity;
      }
    }
  }
  const globList = (key: 'docs' | 'ignore') => {
    const v = r.get(`/${key}`);
    if (v === undefined || v === null) return;
    if (!Array.isArray(v) || v.some((g) => typeof g !== 'string')) {
      problems.push({ message: `\`${key}\` must be a list of glob patterns.`, range: r.valueRange(`/${key}`) });
      return;
    }
    const ok: string[] = [];
    (v as string[]).forEach((g, i) => {
      if (globEscapesRoot(g)) {
        problems.push({
          message: `The glob \`${g}\` points outside the workspace; globs are relative to the folder holding the config.`,
          range: r.valueRange(`/${key}/${i}`),
        });
      } else ok.push(g);
    });
    config[key] = ok;
  };
  globList('docs');
  globList('ignore');
  const idList = (key: 'lifecycleStages' | 'channels') => {
    const v = r.get(`/${key}`);
    if (v === undefined || v === null) return;
    if (!Array.isArray(v) || v.some((g) => typeof g !== 'string')) {
      problems.push({ message: `\`${key}\` must be a list of ids.`, range: r.valueRange(`/${key}`) });
      return;
    }
    for (const s of v as string[]) if (!config[key].includes(s)) config[key].push(s);
  };
  idList('lifecycleStages');
  idList('channels');
  const max = r.get('/maxFileSize');
  if (max !== undefined && max !== null) {
    if (typeof max !== 'number' || !Number.isInteger(max) || max <= 0) {
      problems.push({
        message: '`maxFileSize` must be a positive whole number of bytes.',
        range: r.valueRange('/maxFileSize'),
      });
    } else config.maxFileSize = max;
  }
  const warn = r.get('/sunsetWarningDays');
  if (warn !== undefined && warn !== null) {
    if (typeof warn !== 'number' || !Number.isInteger(warn) || warn < 0) {
      problems.push({
        message: '`sunsetWarningDays` must be a whole number of days (0 or more).',
        range: r.valueRange('/sunsetWarningDays'),
      });
    } else config.sunsetWarningDays = warn;
  }
  return { config, problems };
}

/** Compiled doc and ignore globs, made once per config. */
export interface CompiledGlobs {
  docs: GlobMatcher[];
  ignore: GlobMatcher[];
}

export function compileGlobs(config: TaxonomyConfig): CompiledGlobs {
  return { docs: config.docs.map(compileGlob), ignore: config.ignore.map(compileGlob) };
}

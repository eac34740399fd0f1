import type { FileKind, TaxonomyKind } from './types';

/** The taxonomy kinds in the order a reader meets them. */
export const TAXONOMY_KINDS: readonly TaxonomyKind[] = ['teams', 'glossary', 'persona', 'segment', 'journey', 'kpi'];

/** The name of the optional configuration file at a taxonomy root, as the docs spell it. */
export const CONFIG_FILE_NAME = 'cx-taxonomy.config.yaml';

/**
 * Every name the configuration file may have, the documented one first: it is the one read when
 * a folder holds both (which is itself reported as an error).
 */
export const CONFIG_FILE_NAMES: readonly string[] = [CONFIG_FILE_NAME, 'cx-taxonomy.config.yml'];

/** True when a path or URI names a configuration file (either spelling). */
export function isConfigFile(path: string): boolean {
  return CONFIG_FILE_NAMES.includes(baseName(path));
}

const SUFFIX = /\.(teams|glossary|persona|segment|journey|kpi)\.ya?ml$/i;

/** The taxonomy kind a path's suffix promises, if any. */
export function taxonomyKindOf(path: string): TaxonomyKind | undefined {
  const m = SUFFIX.exec(path);
  return m ? (m[1].toLowerCase() as TaxonomyKind) : undefined;
}

/** The base name of a path or URI. */
export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

/**
 * What kind of file a path is, by suffix alone. Markdown is reported for any `.md` path; whether
 * a given Markdown file is a checked doc is decided by the configured globs.
 */
export function fileKindOf(path: string): FileKind | undefined {
  const base = baseName(path);
  if (CONFIG_FILE_NAMES.includes(base)) return 'config';
  const kind = taxonomyKindOf(base);
  if (kind) return kind;
  if (/\.(md|markdown)$/i.test(base)) return 'markdown';
  return undefined;
}

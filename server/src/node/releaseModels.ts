/**
 * Set to a number of UTF-16 code units of taxonomy text above which journey files nobody has open
 * let their models go (0: in any taxonomy), or to `off` to keep every model. Unset, the lint lets
 * them go in any taxonomy, each once checked as it is loaded (`lintReleaseAbove`); the other
 * commands keep every model; the language server lets them go above `SERVER_RELEASE_ABOVE`. With
 * the variable set, the other commands let them go as they are indexed and cap the old
 * generation's growth (their low-memory mode); the language server lets them go once checked.
 */
const RELEASE_ABOVE_ENV = 'CX_TAXONOMY_RELEASE_ABOVE';

/**
 * The language server's default: above ~16 MB of taxonomy text (~3,000 journeys), closed journeys
 * let their models go once checked, keeping what the views read of them first. An editor keeps
 * the server for hours, where the CLI's lint lasts seconds: on the styled L (54 MB) this takes its
 * resident memory after indexing from ~930 to ~560-600 MB (BENCHMARKS.md, item 32). Below it (M
 * is 5 MB), every model is kept.
 */
export const SERVER_RELEASE_ABOVE = 16 * 1024 * 1024;

/** The text size above which models are let go, as the environment sets it; undefined when it does not (or says `off`). */
export function releaseAboveOf(env: NodeJS.ProcessEnv): number | undefined {
  const set = env[RELEASE_ABOVE_ENV]?.trim();
  const n = set ? Number(set) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * A CLI command's size above which journeys let their models go; undefined to keep every model.
 * The lint (`findingsOnly`): the environment's, else 0 (any taxonomy), or none when it says `off`;
 * it checks each journey as it is loaded and lets its model go then, which costs no second parse
 * (BENCHMARKS.md, item 37). The other commands read models: the environment's, else none.
 */
export function cliReleaseAbove(findingsOnly: boolean, env: NodeJS.ProcessEnv): number | undefined {
  if (!findingsOnly) return releaseAboveOf(env);
  if (env[RELEASE_ABOVE_ENV]?.trim().toLowerCase() === 'off') return undefined;
  return releaseAboveOf(env) ?? 0;
}

/** The language server's size above which closed journeys let their models go: the environment's, else the default. */
export function serverReleaseAbove(env: NodeJS.ProcessEnv): number | undefined {
  const set = env[RELEASE_ABOVE_ENV]?.trim().toLowerCase();
  if (set === 'off') return undefined;
  return releaseAboveOf(env) ?? SERVER_RELEASE_ABOVE;
}

/**
 * Set to a number of UTF-16 code units of taxonomy text above which journey files nobody has open
 * let their models go (0: in any taxonomy), for machines short of memory; unset, every model is
 * kept. The CLI then lets them go as they are indexed and caps the old generation's growth; the
 * language server lets them go once checked.
 */
const RELEASE_ABOVE_ENV = 'CX_TAXONOMY_RELEASE_ABOVE';

/** The text size above which models are let go, as the environment sets it; undefined when it does not. */
export function releaseAboveOf(env: NodeJS.ProcessEnv): number | undefined {
  const set = env[RELEASE_ABOVE_ENV]?.trim();
  const n = set ? Number(set) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

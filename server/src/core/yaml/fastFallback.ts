/** Thrown inside the fast path to abandon it; `fastParseYaml` turns it into `undefined`. */
export const FALLBACK = new Error('fast path not applicable');

/** Gives up on the fast path: the caller falls back to the full parse. */
export function bail(): never {
  throw FALLBACK;
}

/** What decides whether the terminal output is coloured. */
export interface ColorInputs {
  /** `--color` (true) or `--no-color` (false); undefined when neither was given. */
  flag?: boolean;
  env: NodeJS.ProcessEnv;
  /** Whether the stream the coloured text goes to is a terminal. */
  isTTY: boolean;
}

/**
 * Colour or not, in the order Node itself uses: an explicit flag wins; then FORCE_COLOR (any value
 * but `0` or `false` forces colour on); then NO_COLOR (any non-empty value turns it off, as
 * no-color.org asks); then TERM=dumb; otherwise colour exactly when the stream is a terminal.
 */
export function useColor({ flag, env, isTTY }: ColorInputs): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

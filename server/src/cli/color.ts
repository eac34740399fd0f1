/**
 * Terminal colours and control sequences: the one place the CLI writes ANSI escape codes, and
 * the one place that decides whether it may.
 */

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

/** Terminal colours, or none. */
export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export function paint(enabled: boolean): Paint {
  if (!enabled) {
    const id = (s: string) => s;
    return { red: id, yellow: id, blue: id, green: id, dim: id, bold: id, underline: id };
  }
  return {
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    blue: wrap(34, 39),
    green: wrap(32, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
    underline: wrap(4, 24),
  };
}

/** Back to the start of the line and erase it: a progress line is redrawn or cleared with it. */
export const CLEAR_LINE = '\r\u001b[2K';

import { CLEAR_LINE } from './color';

/** A stream that may be a terminal. */
export interface MaybeTTY {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  /** Nothing is shown before this many milliseconds have passed: short runs stay silent. */
  delayMs?: number;
  /** The least time between two redraws. */
  intervalMs?: number;
  now?: () => number;
  label?: string;
}

/** Reports progress, then clears its line. */
export interface ProgressReporter {
  // Function properties: a caller passes `update` on as a callback, unbound.
  update: (done: number, total: number) => void;
  done: () => void;
}

const SILENT: ProgressReporter = { update: () => undefined, done: () => undefined };

/**
 * Progress on one self-rewriting line of stderr (`Checking files 120/480`), shown only when stderr
 * is a terminal and the run has already taken longer than `delayMs`, so quick runs and CI logs
 * never see it. It uses no timers: it redraws from the callbacks of the work itself.
 */
export function createProgress(stream: MaybeTTY, options: ProgressOptions = {}): ProgressReporter {
  if (!stream.isTTY) return SILENT;
  const now = options.now ?? Date.now;
  const delay = options.delayMs ?? 700;
  const interval = options.intervalMs ?? 80;
  const label = options.label ?? 'Checking files';
  const started = now();
  let lastDraw = -Infinity;
  let shown = false;
  return {
    update(done, total) {
      const t = now();
      if (t - started < delay) return;
      if (done < total && t - lastDraw < interval) return;
      lastDraw = t;
      shown = true;
      const pct = total ? Math.floor((done / total) * 100) : 100;
      stream.write(`${CLEAR_LINE}${label} ${done}/${total} (${pct}%)`);
    },
    done() {
      if (shown) stream.write(CLEAR_LINE);
      shown = false;
    },
  };
}

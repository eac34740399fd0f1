/**
 * The day turning over while the server runs. The sunset rules compare dates with "today", which
 * a taxonomy reads when it is configured: an editor left open overnight would keep yesterday's
 * verdicts (a sunset reached at midnight not reported, a countdown a day behind) until something
 * else re-configured it. This watches the date and says when it changes.
 */
import { serverToday } from './config';

/** What the watcher reads the time with; tests give their own. */
export interface DayClock {
  now(): Date;
  /** "Today" as the rules see it (a pinned `CX_TAXONOMY_TODAY` never changes). */
  today(): string;
  setTimer(fire: () => void, ms: number): { cancel(): void };
}

const systemClock: DayClock = {
  now: () => new Date(),
  today: serverToday,
  setTimer: (fire, ms) => {
    const t = setTimeout(fire, ms);
    // The watcher alone never keeps the server running.
    t.unref();
    return { cancel: () => clearTimeout(t) };
  },
};

/**
 * The longest wait between two looks at the date. Timers run on a clock that stops while the
 * machine sleeps, so a laptop woken in the morning would otherwise look hours late.
 */
const MAX_WAIT_MS = 15 * 60_000;

/** A look just after midnight: a timer may fire a little early, and an early look waits again. */
const PAST_MIDNIGHT_MS = 1_000;

/** Milliseconds from `now` to the next local midnight (a day may be 23 or 25 hours long). */
export function msUntilNextDay(now: Date): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime() - now.getTime();
}

export class DayWatcher {
  private day: string;
  private timer: { cancel(): void } | undefined;

  constructor(
    private readonly onNewDay: (day: string) => void,
    private readonly clock: DayClock = systemClock,
  ) {
    this.day = clock.today();
  }

  /** Starts watching; `onNewDay` is called once each time the day changes. */
  start(): void {
    this.timer?.cancel();
    const wait = Math.min(msUntilNextDay(this.clock.now()) + PAST_MIDNIGHT_MS, MAX_WAIT_MS);
    this.timer = this.clock.setTimer(() => this.look(), wait);
  }

  private look(): void {
    const day = this.clock.today();
    if (day !== this.day) {
      this.day = day;
      this.onNewDay(day);
    }
    this.start();
  }

  dispose(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }
}

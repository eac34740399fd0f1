/**
 * The server's look at the date (lsp/session/dayChange.ts): when it looks, and that it says a
 * new day exactly once, on a clock the test moves by hand.
 */
import * as assert from 'node:assert/strict';
import { localIsoDate } from '../../server/src/core/dates';
import { DayWatcher, msUntilNextDay, type DayClock } from '../../server/src/lsp/session/dayChange';

/** A clock whose timers fire when the test moves time past them. */
class HandClock implements DayClock {
  private timers: { at: number; fire: () => void }[] = [];
  pinned: string | undefined;
  constructor(public time: number) {}
  now = () => new Date(this.time);
  today = () => this.pinned ?? localIsoDate(this.now());
  setTimer = (fire: () => void, ms: number) => {
    const t = { at: this.time + ms, fire };
    this.timers.push(t);
    return { cancel: () => void (this.timers = this.timers.filter((x) => x !== t)) };
  };
  /** The waits asked for, from now. */
  waits = () => this.timers.map((t) => t.at - this.time);
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = Math.max(this.time, next.at);
      next.fire();
    }
    this.time = end;
  }
}

const local = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => new Date(y, m - 1, d, h, min, s).getTime();

describe('the day turning over (server)', () => {
  it('looks a second after midnight, or every quarter of an hour when midnight is further', () => {
    const clock = new HandClock(local(2030, 6, 13, 23, 59, 50));
    const w = new DayWatcher(() => undefined, clock);
    w.start();
    assert.deepEqual(clock.waits(), [11_000]);
    w.dispose();
    assert.deepEqual(clock.waits(), []);
    const morning = new HandClock(local(2030, 6, 13, 8));
    new DayWatcher(() => undefined, morning).start();
    assert.deepEqual(morning.waits(), [15 * 60_000]);
  });

  it('says each new day once, through a night, a day and a long sleep', () => {
    const clock = new HandClock(local(2030, 6, 13, 22));
    const days: string[] = [];
    const w = new DayWatcher((d) => days.push(d), clock);
    w.start();
    clock.advance(3 * 3600_000);
    assert.deepEqual(days, ['2030-06-14']);
    clock.advance(20 * 3600_000);
    assert.deepEqual(days, ['2030-06-14']);
    // A machine asleep for two days: the next look sees the day it wakes on.
    clock.time += 2 * 86_400_000;
    clock.advance(15 * 60_000);
    assert.deepEqual(days, ['2030-06-14', '2030-06-16']);
    w.dispose();
  });

  it('says nothing while the date is pinned', () => {
    const clock = new HandClock(local(2030, 6, 13, 23));
    clock.pinned = '2030-06-13';
    const days: string[] = [];
    new DayWatcher((d) => days.push(d), clock).start();
    clock.advance(3 * 86_400_000);
    assert.deepEqual(days, []);
  });

  it('counts to the next local midnight', () => {
    assert.equal(msUntilNextDay(new Date(local(2030, 6, 13, 23, 59, 59))), 1000);
    assert.equal(
      msUntilNextDay(new Date(local(2030, 6, 13, 0, 0, 0))),
      new Date(local(2030, 6, 14)).getTime() - local(2030, 6, 13),
    );
  });
});

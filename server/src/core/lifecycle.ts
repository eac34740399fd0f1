/**
 * Where an entity or glossary term stands in its life cycle, relative to "today": its status,
 * its sunset (how many days away, or how long ago) and what replaces it. The editor's cards, the
 * completion list and the journey map read it from here, so they word and date it the same way.
 */
import { daysBetween } from './dates';
import type { EntityBase } from './model';

/** An entity's `sunset` seen from today. */
export interface SunsetState {
  /** The date as written. */
  date: string;
  /** Days from today to the sunset (negative once it has passed); undefined when it is not a real date. */
  days?: number;
  /** True once the sunset day is behind us: after it, nothing should use the entity. */
  passed: boolean;
}

/** The sunset of an entity seen from `today`, or undefined when it has none. */
export function sunsetState(e: Pick<EntityBase, 'sunset'>, today: string): SunsetState | undefined {
  const date = e.sunset?.value;
  if (!date) return undefined;
  const days = daysBetween(today, date);
  return { date, days, passed: days !== undefined && days < 0 };
}

/** When a sunset falls, in words: "in 12 days", "today", "passed 3 days ago" (empty for a non-date). */
export function sunsetWhen(s: SunsetState): string {
  if (s.days === undefined) return '';
  const n = Math.abs(s.days);
  const days = `${n} day${n === 1 ? '' : 's'}`;
  if (s.days === 0) return 'today';
  return s.days > 0 ? `in ${days}` : `passed ${days} ago`;
}

/**
 * True when nothing new should use the entity: its status is `deprecated`, or its sunset has
 * passed. Completion marks such entries deprecated and lists them last.
 */
export function isRetired(e: Pick<EntityBase, 'status' | 'sunset'>, today: string): boolean {
  return e.status?.value === 'deprecated' || sunsetState(e, today)?.passed === true;
}

/** The life-cycle mark a view shows on an entity: `deprecated` (or sunset passed), `draft`, or none. */
export function lifecycleMark(
  e: Pick<EntityBase, 'status' | 'sunset'>,
  today: string,
): 'deprecated' | 'draft' | undefined {
  if (isRetired(e, today)) return 'deprecated';
  return e.status?.value === 'draft' ? 'draft' : undefined;
}

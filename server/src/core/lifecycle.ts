/**
 * Whether an entity or glossary term is still for new work: the editor's completion list and the
 * journey map mark what is retired (status `deprecated`, or its sunset passed) or still a draft.
 * Sunset dates are read by `sunset.ts`, so the rules and the editor count days the same way.
 */
import type { Entity } from './model';
import { sunsetOf } from './sunset';

/**
 * True when nothing new should use the entity: its status is `deprecated`, or its sunset has
 * passed (as of `today`). Completion marks such entries deprecated and lists them last.
 */
export function isRetired(e: Entity, today: string): boolean {
  return e.status?.value === 'deprecated' || sunsetOf(e, { today, warningDays: 0 })?.state === 'passed';
}

/** The mark a view puts on an entity: `deprecated` (or its sunset passed), `draft`, or none. */
export function lifecycleMark(e: Entity, today: string): 'deprecated' | 'draft' | undefined {
  if (isRetired(e, today)) return 'deprecated';
  return e.status?.value === 'draft' ? 'draft' : undefined;
}

import { TAXONOMY_KINDS } from '../domain';
import { checkSunsets } from '../sunsetCheck';
import type { Rule } from './types';

/**
 * A use (id reference, or a term's label in free text or Markdown) of an entity or term whose
 * `sunset` is today or within `sunsetWarningDays`, and its definition: time to move before it passes.
 */
export const sunsetApproaching: Rule = {
  id: 'sunset-approaching',
  defaultSeverity: 'warning',
  description:
    'Something uses an entity or glossary term whose `sunset` date is within `sunsetWarningDays` (by id, or by label in text and docs).',
  appliesTo: [...TAXONOMY_KINDS, 'markdown'],
  check: (ctx) => checkSunsets(ctx, 'approaching'),
};

import { TAXONOMY_KINDS } from '../domain';
import { checkSunsets } from '../sunsetCheck';
import type { Rule } from './types';

/**
 * A use (id reference, or a term's label in free text or Markdown) of an entity or term whose
 * `sunset` date has passed, and its definition; also a sunset that names no real day.
 */
export const sunsetPassed: Rule = {
  id: 'sunset-passed',
  defaultSeverity: 'error',
  description:
    'Something still uses an entity or glossary term whose `sunset` date has passed (by id, or by label in text and docs).',
  appliesTo: [...TAXONOMY_KINDS, 'markdown'],
  check: (ctx) => checkSunsets(ctx, 'passed'),
};

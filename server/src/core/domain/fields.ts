/**
 * Fields whose value is free text (prose), not an id or a choice from a list.
 *
 * Two lists because two users ask two questions. The model records the prose of each entity's own
 * mapping as text sites, which the terminology rules check against the glossary; completion offers
 * glossary terms in a free-text value wherever the key sits. `resolution` is free text too, but it
 * lives inside a KPI's `conflictsWith` entries rather than on the entity, so the model's per-entity
 * pass does not read it (and the terminology rules do not check it).
 */

/** Free-text fields of an entity's own mapping: the text the terminology rules check. */
export const ENTITY_TEXT_FIELDS: readonly string[] = [
  'name',
  'description',
  'definition',
  'criteria',
  'goals',
  'pains',
  'quote',
  'notes',
];

/** Every key whose value is free text, at any depth: where completion offers glossary terms. */
export const FREE_TEXT_FIELDS: readonly string[] = [...ENTITY_TEXT_FIELDS, 'resolution'];

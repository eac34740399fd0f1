/**
 * Who answers for an entity and where it is in its life: the owner, status, sunset and
 * replacement of teams, personas, segments, journeys and KPIs. A reviewer must see a persona
 * handed to another team or a journey deprecated as plainly as a touchpoint left unowned. A KPI's
 * owner is the KPI section's, a term's deprecation the glossary's.
 */
import type { EntityKind } from '../types';
import { ownerFieldText, type MatchedKinds } from './entities';
import { byFileThenId } from './match';
import type { EntityFact } from './snapshot';
import type { DiffEntityValue } from './types';
import { valueText } from './values';

/** The fields compared, in the order an entity's changes are listed. */
const FIELDS = ['owner', 'status', 'sunset', 'replacedBy'] as const;
type Field = (typeof FIELDS)[number];

/** The kinds compared, and which fields of each (a team has no owner; a KPI's is the KPI section's). */
const KINDS: readonly [EntityKind, readonly Field[]][] = [
  ['team', ['status', 'sunset', 'replacedBy']],
  ['persona', FIELDS],
  ['segment', FIELDS],
  ['journey', FIELDS],
  ['kpi', ['status', 'sunset', 'replacedBy']],
];

/** A field as text; the owner and a replacement spelt with the head's ids when `renames` are given. */
function fieldText(f: EntityFact, field: Field, m?: MatchedKinds): string | undefined {
  if (field === 'owner') return ownerFieldText(f, m?.team.renames);
  const text = valueText(f.value[field]);
  // Renaming the replacement is not a change of what replaces it.
  return field === 'replacedBy' && m && text !== undefined ? (m[f.kind].renames.get(text) ?? text) : text;
}

/**
 * Compares every entity of those kinds matched on both sides, field by field. An id left naming a
 * renamed team or entity is a problem (the problems section), not a change here.
 */
export function governanceChanges(m: MatchedKinds): DiffEntityValue[] {
  const out: DiffEntityValue[] = [];
  for (const [kind, fields] of KINDS) {
    for (const [b, h] of m[kind].pairs) {
      for (const field of fields) {
        const after = fieldText(h, field);
        const before = fieldText(b, field);
        // Unchanged as written, or changed only by following a renamed id: no change of meaning.
        if (before === after || fieldText(b, field, m) === after) continue;
        out.push({
          kind,
          id: h.id,
          file: h.file,
          field,
          ...(before === undefined ? {} : { before }),
          ...(after === undefined ? {} : { after }),
        });
      }
    }
  }
  // Stable sort: an entity's fields keep the order above.
  return out.sort(byFileThenId);
}

/** KPI changes of formula, unit, direction, target or owner: what a dashboard reader must know. */
import { ownerFieldText, type MatchedKinds } from './entities';
import { byFileThenId } from './match';
import type { EntityFact } from './snapshot';
import type { DiffValue } from './types';
import { valueText } from './values';

/** The fields compared, in the order a KPI's changes are listed. */
const FIELDS = ['formula', 'unit', 'direction', 'target', 'owner'] as const;

/** A field of a KPI as text; the owner with team renames applied when `teams` is given. */
function fieldText(
  f: EntityFact,
  field: (typeof FIELDS)[number],
  teams?: ReadonlyMap<string, string>,
): string | undefined {
  return field === 'owner' ? ownerFieldText(f, teams) : valueText(f.value[field]);
}

/** Compares every KPI matched on both sides, field by field. A renamed team is not a new owner, whether its uses follow it or not. */
export function kpiChanges(m: MatchedKinds): DiffValue[] {
  const out: DiffValue[] = [];
  for (const [b, h] of m.kpi.pairs) {
    for (const field of FIELDS) {
      const before = fieldText(b, field);
      const after = fieldText(h, field);
      // Unchanged as written (an owner left naming a renamed team is a problem, not a change), or
      // changed only by following a renamed team.
      if (before === after || fieldText(b, field, m.team.renames) === after) continue;
      out.push({ id: h.id, file: h.file, field, before, after });
    }
  }
  // Stable sort: a KPI's fields keep the order above.
  return out.sort(byFileThenId);
}

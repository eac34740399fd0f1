/** Touchpoints whose effective owner changed, became unowned, or became shared without a lead. */
import { ownerAfterRenames, sameOwner, type MatchedKinds } from './entities';
import { byFileThenId } from './match';
import type { DiffOwner, DiffOwnership } from './types';

/** Several teams and no lead among them: nobody is accountable (as the ownership report reads it). */
function sharedWithoutLead(o: DiffOwner | undefined): boolean {
  return o !== undefined && o.teams.length > 1 && (o.lead === undefined || !o.teams.includes(o.lead));
}

/**
 * Compares the effective owner (its own, else its stage's) of every touchpoint on both sides. A
 * renamed team is not a new owner, whether its uses follow it or not. New and removed touchpoints are the entities section's.
 */
export function ownershipChanges(m: MatchedKinds): DiffOwnership[] {
  const teams = m.team.renames;
  const out: DiffOwnership[] = [];
  for (const [b, h] of m.touchpoint.pairs) {
    const before = ownerAfterRenames(b.effectiveOwner, teams);
    const after = h.effectiveOwner;
    // The same teams as written (an owner left naming a renamed team is a problem, not a change),
    // or the same once renamed teams are followed.
    if (sameOwner(b.effectiveOwner, after) || sameOwner(before, after)) continue;
    const change: DiffOwnership['change'] = !after
      ? 'unowned'
      : sharedWithoutLead(after) && !sharedWithoutLead(before)
        ? 'sharedWithoutLead'
        : 'changed';
    const journey = h.journey ?? '';
    out.push({
      journey,
      touchpoint: h.id.slice(journey.length + 1),
      file: h.file,
      change,
      ...(b.effectiveOwner ? { before: b.effectiveOwner } : {}),
      ...(after ? { after } : {}),
    });
  }
  const key = (o: DiffOwnership) => ({ file: o.file, id: `${o.journey}/${o.touchpoint}` });
  return out.sort((x, y) => byFileThenId(key(x), key(y)));
}

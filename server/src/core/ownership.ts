import type { Ownership, Stage, Touchpoint } from './model';

/** The owner that counts for a touchpoint: its own, else its stage's (DESIGN: inheritance stops at the stage). */
export function effectiveOwner(tp: Touchpoint, stage: Stage): { owner: Ownership; inherited: boolean } | undefined {
  if (tp.owner && tp.owner.teams.length) return { owner: tp.owner, inherited: false };
  if (stage.owner && stage.owner.teams.length) return { owner: stage.owner, inherited: true };
  return undefined;
}

/** The team accountable for an ownership: the only team, or the named lead. */
export function accountableTeam(o: Ownership): string | undefined {
  if (o.teams.length === 1) return o.teams[0].value;
  return o.lead?.value;
}

/** The distinct team ids of an ownership, in the order written. */
export function distinctTeams(o: Ownership): string[] {
  // Most owners name one team: no set for those (a large taxonomy reads ~200,000 of them).
  return o.teams.length === 1 ? [o.teams[0].value] : [...new Set(o.teams.map((t) => t.value))];
}

/**
 * The team the reports and views show as accountable: the one team, or the `lead` when it is one
 * of the teams listed (a lead outside the list is `shared-ownership-lead`'s finding, not an answer).
 * `owners`: its `distinctTeams`, when the caller has them.
 */
export function leadAmongOwners(o: Ownership, owners: readonly string[] = distinctTeams(o)): string | undefined {
  if (owners.length === 1) return owners[0];
  return o.lead && owners.includes(o.lead.value) ? o.lead.value : undefined;
}

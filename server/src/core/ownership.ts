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

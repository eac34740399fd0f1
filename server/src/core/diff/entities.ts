/** Entities added, removed and renamed, kind by kind: the matching every other section builds on. */
import type { EntityKind } from '../types';
import { byFileThenId, matchEntities, type Matched } from './match';
import { factsOf, ownerOf, type EntityFact, type Snapshot } from './snapshot';
import type { DiffIds, DiffOwner } from './types';

/** The kinds the entities section lists (terms are the glossary's, stages the lifecycle's). */
const LISTED: readonly EntityKind[] = ['team', 'persona', 'segment', 'journey', 'kpi', 'touchpoint'];

/** Every kind matched across the two sides. */
export type MatchedKinds = Record<EntityKind, Matched>;

/**
 * Matches every kind. Journeys go first: a stage or touchpoint is known by its journey's id, so
 * one of a renamed journey is matched under the new name rather than reported gone and new.
 */
export function matchAll(base: Snapshot, head: Snapshot): MatchedKinds {
  const top = (kind: EntityKind) => matchEntities(factsOf(base, kind), factsOf(head, kind));
  const journey = top('journey');
  const underJourney = (f: EntityFact) => {
    const j = f.journey === undefined ? undefined : journey.renames.get(f.journey);
    return j === undefined ? f.id : `${j}${f.id.slice(f.journey!.length)}`;
  };
  const nested = (kind: EntityKind) => matchEntities(factsOf(base, kind), factsOf(head, kind), underJourney);
  return {
    team: top('team'),
    term: top('term'),
    persona: top('persona'),
    segment: top('segment'),
    journey,
    stage: nested('stage'),
    touchpoint: nested('touchpoint'),
    kpi: top('kpi'),
  };
}

/** The entities section: the listed kinds together, each list sorted by file then id. */
export function entityChanges(m: MatchedKinds): DiffIds {
  const all = LISTED.map((k) => m[k].ids);
  return {
    added: all.flatMap((x) => x.added).sort(byFileThenId),
    removed: all.flatMap((x) => x.removed).sort(byFileThenId),
    renamed: all
      .flatMap((x) => x.renamed)
      .sort((a, b) => byFileThenId({ file: a.file, id: a.to }, { file: b.file, id: b.to })),
  };
}

/** A base owner spelt with the head's team ids, so renaming a team does not read as a change of owner. */
export function ownerAfterRenames(o: DiffOwner | undefined, teams: ReadonlyMap<string, string>): DiffOwner | undefined {
  if (!o) return undefined;
  const spelt = [...new Set(o.teams.map((t) => teams.get(t) ?? t))].sort();
  return o.lead === undefined ? { teams: spelt } : { teams: spelt, lead: teams.get(o.lead) ?? o.lead };
}

/** The same owner: the same teams and the same lead. */
export function sameOwner(a: DiffOwner | undefined, b: DiffOwner | undefined): boolean {
  return ownerText(a) === ownerText(b);
}

/** An entity's own owner in one line, spelt with the head's team ids when `teams` (renames) are given. */
export function ownerFieldText(f: EntityFact, teams?: ReadonlyMap<string, string>): string | undefined {
  const o = ownerOf(f.entity.owner);
  return ownerText(teams ? ownerAfterRenames(o, teams) : o);
}

/** An owner in one line: `a`, or `a, b (lead a)`; undefined for none. */
function ownerText(o: DiffOwner | undefined): string | undefined {
  if (!o) return undefined;
  return o.teams.join(', ') + (o.lead !== undefined && o.teams.length > 1 ? ` (lead ${o.lead})` : '');
}

import type { EntityKind, TaxonomyKind } from '../types';

/** The kind of entity each taxonomy file defines: a teams file holds teams, a glossary terms. */
export const FILE_ENTITY: Readonly<Record<TaxonomyKind, EntityKind>> = {
  teams: 'team',
  glossary: 'term',
  persona: 'persona',
  segment: 'segment',
  journey: 'journey',
  kpi: 'kpi',
};

/**
 * The kinds of entity a team owns as a whole (by an `owner` of its own), in the order the
 * ownership report and the Taxonomy view list them. Stages and touchpoints are owned per journey.
 */
export const OWNED_KINDS = ['journey', 'persona', 'segment', 'kpi', 'term'] as const satisfies readonly EntityKind[];

/** One of `OWNED_KINDS`. */
export type OwnedKind = (typeof OWNED_KINDS)[number];

/** How an entity kind is called in messages: at the start of a title, and in a sentence. */
interface Noun {
  /** "Glossary term", "KPI". */
  title: string;
  /** "glossary term", "KPI". */
  one: string;
  /** "glossary terms", "KPIs". */
  many: string;
}

const NOUNS: Readonly<Record<EntityKind, Noun>> = {
  team: { title: 'Team', one: 'team', many: 'teams' },
  term: { title: 'Glossary term', one: 'glossary term', many: 'glossary terms' },
  persona: { title: 'Persona', one: 'persona', many: 'personas' },
  segment: { title: 'Segment', one: 'segment', many: 'segments' },
  journey: { title: 'Journey', one: 'journey', many: 'journeys' },
  stage: { title: 'Stage', one: 'stage', many: 'stages' },
  touchpoint: { title: 'Touchpoint', one: 'touchpoint', many: 'touchpoints' },
  kpi: { title: 'KPI', one: 'KPI', many: 'KPIs' },
};

/** How each kind of entity is called at the start of a title ("Glossary term", "KPI"). */
export function entityTitle(kind: EntityKind): string {
  return NOUNS[kind].title;
}

/** How each kind of entity is called inside a sentence ("a glossary term", "a KPI"). */
export function entityNoun(kind: EntityKind): string {
  return NOUNS[kind].one;
}

/** The plural inside a sentence ("glossary terms", "KPIs"). */
export function entityNounPlural(kind: EntityKind): string {
  return NOUNS[kind].many;
}

/**
 * Usage code lenses on definitions: how much of the taxonomy rests on a persona, segment, KPI,
 * team or glossary term ("used by 3 journeys, 2 segments", "owns 12 touchpoints (4 through
 * stages)"). Everything is read from the index (the id's references, and for a term its prose
 * mentions, `termMentions`) and from the models of the few files those references point into: a
 * lens never scans the workspace.
 *
 * A lens comes in two steps, as the protocol's resolve does it: `usageLenses` says where the
 * lenses of a file go (free: the file's own definitions), `resolveUsageLens` counts and lists
 * the places one lens shows (only the lenses in view are resolved).
 */
import { entityNoun, entityNounPlural, FILE_ENTITY } from '../domain';
import type { Stage, Touchpoint } from '../model';
import type { TaxonomyFile } from '../taxonomyFile';
import type { EntityKind, FileKind, Location, Range } from '../types';
import type { TaxonomyWorkspace } from '../workspace';
import type { Reference } from '../index/entries';
import { contributedDefinitions } from '../index/detached';
import { qualifiedId } from '../index/keys';
import { effectiveOwner } from '../ownership';
import { workspaceGlossary } from '../terms/glossary';
import { termMentions } from './navigation';

/** What a lens counts: the id's references, or (for a team) the touchpoints it owns. */
type UsageLensKind = 'usage' | 'touchpoints';

/** The kinds whose definitions carry a usage lens. */
type LensEntityKind = 'persona' | 'segment' | 'kpi' | 'team' | 'term';

const LENS_KINDS: readonly string[] = ['persona', 'segment', 'kpi', 'team', 'term'] satisfies LensEntityKind[];

/** Whether definitions of this kind carry a usage lens (also checks the kind a client sends back). */
export function hasLens(kind: unknown): kind is LensEntityKind {
  return typeof kind === 'string' && LENS_KINDS.includes(kind);
}

/** Where a lens goes and what it is about; enough to resolve it later (the protocol's `data`). */
export interface UsageLensTarget {
  uri: string;
  /** The definition's id range: the lens sits on its line. */
  range: Range;
  kind: LensEntityKind;
  /** The id (global for every kind that gets a lens). */
  id: string;
  lens: UsageLensKind;
}

/**
 * A resolved lens: its title, how many places it counts and, when they are few enough to send
 * with the lens, the places themselves (`usagePlaces` lists them when asked).
 */
export interface UsageLens {
  title: string;
  count: number;
  /** The places clicking shows, when `count` is at most the caller's limit. */
  locations?: Location[];
}

/** The lenses of a file: one per definition of a persona, segment, KPI or term; two per team. */
export function usageLenses(workspace: TaxonomyWorkspace, file: TaxonomyFile): UsageLensTarget[] {
  const contribution = workspace.index.contribution(file.uri);
  if (!contribution) return [];
  const out: UsageLensTarget[] = [];
  for (const d of contributedDefinitions(contribution)) {
    const kind = d.kind;
    if (!hasLens(kind)) continue;
    const range = d.range;
    // A team's touchpoints come first: what it answers for, before every place that names it.
    if (kind === 'team') out.push({ uri: file.uri, range, kind, id: d.id, lens: 'touchpoints' });
    out.push({ uri: file.uri, range, kind, id: d.id, lens: 'usage' });
  }
  return out;
}

/**
 * Counts what one lens shows, and lists the places when there are at most `maxPlaces` of them.
 * Counting reads no position: a team's references on L are thousands, and working out each one's
 * range (and sending them all with every lens) took most of a resolve (BENCHMARKS.md).
 */
export function resolveUsageLens(
  workspace: TaxonomyWorkspace,
  target: Pick<UsageLensTarget, 'kind' | 'id' | 'lens'>,
  maxPlaces = Infinity,
): UsageLens {
  if (target.kind === 'team' && target.lens === 'touchpoints') {
    const { direct, through } = ownedTouchpointCounts(workspace, target.id);
    const count = direct + through;
    const title =
      count === 0
        ? 'owns no touchpoints'
        : `owns ${counted(count, 'touchpoint')}${through ? ` (${through} through ${through === 1 ? 'a stage' : 'stages'})` : ''}`;
    return { title, count, locations: count <= maxPlaces ? ownedTouchpointPlaces(workspace, target.id) : undefined };
  }
  const refs = usageReferences(workspace, target.kind, target.id);
  if (target.kind === 'term') {
    // A term is used by id (`broader`, `related`, `equivalent`) and by its words in prose.
    const count =
      refs.length +
      workspace.termUses.uses(target.id, (uri) => workspace.getFile(uri), workspaceGlossary(workspace).matcher).length;
    return {
      title: timesUsed(count),
      count,
      locations: count <= maxPlaces ? sortedLocations([...refs, ...termMentions(workspace, target.id)]) : undefined,
    };
  }
  return {
    title: usageTitle(workspace, target.kind, refs),
    count: refs.length,
    locations: refs.length <= maxPlaces ? sortedLocations(refs) : undefined,
  };
}

/** Every place a lens counts, in file order: what clicking it shows. */
export function usagePlaces(
  workspace: TaxonomyWorkspace,
  target: Pick<UsageLensTarget, 'kind' | 'id' | 'lens'>,
): Location[] {
  return resolveUsageLens(workspace, target).locations ?? [];
}

function timesUsed(n: number): string {
  return n === 0 ? 'not used' : n === 1 ? 'used once' : `used ${n} times`;
}

/**
 * The places a usage lens counts: the id's references, as Find All References lists them
 * (without the declaration), so the lens and the references request agree.
 */
function usageReferences(workspace: TaxonomyWorkspace, kind: EntityKind, id: string): readonly Reference[] {
  return workspace.index.references(kind, qualifiedId(kind, id));
}

function sortedLocations(refs: readonly { uri: string; range: Range }[]): Location[] {
  return refs
    .map((r) => ({ uri: r.uri, range: r.range }))
    .sort((a, b) =>
      a.uri < b.uri
        ? -1
        : a.uri > b.uri
          ? 1
          : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
}

/** "1 journey", "3 journeys"; "KPI" keeps its capitals. */
function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** What the files of a kind that name a persona or segment are called in a lens: their entities, or docs. */
function referrerNouns(k: FileKind): [string, string] {
  if (k === 'markdown') return ['doc', 'docs'];
  if (k === 'config') return [k, `${k}s`];
  return [entityNoun(FILE_ENTITY[k]), entityNounPlural(FILE_ENTITY[k])];
}

/** The order referrers are listed in, most telling first. */
const REFERRER_ORDER: readonly FileKind[] = [
  'journey',
  'segment',
  'persona',
  'kpi',
  'glossary',
  'teams',
  'markdown',
  'config',
];

function usageTitle(workspace: TaxonomyWorkspace, kind: EntityKind, refs: readonly Reference[]): string {
  switch (kind) {
    case 'kpi': {
      // A touchpoint lists the KPIs measured at it; another KPI may name this one in `conflictsWith`.
      const at = refs.filter((r) => r.field === 'kpis').length;
      const others = refs.length - at;
      const measured = at === 0 ? 'not measured at any touchpoint' : `measured at ${counted(at, 'touchpoint')}`;
      return others ? `${measured}, in conflict with ${counted(others, 'KPI')}` : measured;
    }
    case 'team':
      return refs.length === 0 ? 'no references' : counted(refs.length, 'reference');
    default: {
      // Personas and segments: by the kind of file that names them (a journey names one persona).
      if (refs.length === 0) return 'not used';
      const byKind = new Map<FileKind, number>();
      const kindOf = new Map<string, FileKind | undefined>();
      for (const r of refs) {
        let k = kindOf.get(r.uri);
        if (!kindOf.has(r.uri)) {
          k = workspace.getFile(r.uri)?.kind;
          kindOf.set(r.uri, k);
        }
        if (k) byKind.set(k, (byKind.get(k) ?? 0) + 1);
      }
      const parts = REFERRER_ORDER.filter((k) => byKind.has(k)).map((k) => {
        const [one, many] = referrerNouns(k);
        return counted(byKind.get(k)!, one, many);
      });
      return `used by ${parts.join(', ')}`;
    }
  }
}

/** The touchpoints of one journey file that a team owns: its own `owner`, or its stage's. */
interface OwnedInFile {
  direct: Touchpoint[];
  throughStage: Touchpoint[];
}

/**
 * Per journey file (one parse of it, so a new version is a new key), the touchpoints each team
 * owns. Built once per file version on first use and dropped with the file.
 */
const ownedByFile = new WeakMap<TaxonomyFile, Map<string, OwnedInFile>>();

function ownedIn(file: TaxonomyFile): Map<string, OwnedInFile> {
  let owned = ownedByFile.get(file);
  if (owned) return owned;
  owned = new Map();
  const add = (team: string, tp: Touchpoint, inherited: boolean) => {
    let o = owned.get(team);
    if (!o) {
      o = { direct: [], throughStage: [] };
      owned.set(team, o);
    }
    (inherited ? o.throughStage : o.direct).push(tp);
  };
  for (const model of file.models) {
    for (const journey of model.entities) {
      if (journey.kind !== 'journey') continue;
      for (const stage of journey.stages) addStage(stage, add);
    }
  }
  ownedByFile.set(file, owned);
  return owned;
}

function addStage(stage: Stage, add: (team: string, tp: Touchpoint, inherited: boolean) => void): void {
  for (const tp of stage.touchpoints) {
    const eff = effectiveOwner(tp, stage);
    if (!eff) continue;
    // A shared owner (`owner: [a, b]`) counts for each of its teams, as the ownership report does.
    for (const team of new Set(eff.owner.teams.map((t) => t.value))) add(team, tp, eff.inherited);
  }
}

/**
 * The journey files whose `owner` fields name the team (its references): the only files that can
 * hold touchpoints it owns, directly or through their stage. In uri order when `sorted`.
 */
function filesOwnedIn(
  workspace: TaxonomyWorkspace,
  team: string,
  sorted = false,
): { uri: string; owned: OwnedInFile }[] {
  const uris: string[] = [];
  // The index lists a key's references file by file, so a file's come together.
  for (const r of workspace.index.references('team', team))
    if (r.field === 'owner' && r.uri !== uris[uris.length - 1]) uris.push(r.uri);
  const out: { uri: string; owned: OwnedInFile }[] = [];
  for (const uri of sorted ? [...new Set(uris)].sort() : new Set(uris)) {
    const file = workspace.getFile(uri);
    const owned = file && file.kind === 'journey' ? ownedIn(file).get(team) : undefined;
    if (owned) out.push({ uri, owned });
  }
  return out;
}

/**
 * A team's counts by the list of its references the index returned. The index builds a new list
 * whenever a file naming the team is added, changed or removed, and only such a file can change
 * what the team owns, so a count is reused until then: an editor re-resolving a teams file's
 * lenses after an unrelated edit costs nothing (on L a count reads ~2,000 journey files).
 */
const ownedCountsByRefs = new WeakMap<readonly Reference[], { direct: number; through: number }>();

/** "owns 12 touchpoints (4 through stages)": those whose own owner names the team, and those inheriting it from their stage. */
function ownedTouchpointCounts(workspace: TaxonomyWorkspace, team: string): { direct: number; through: number } {
  const refs = workspace.index.references('team', team);
  const known = ownedCountsByRefs.get(refs);
  if (known) return known;
  let direct = 0;
  let through = 0;
  for (const { owned } of filesOwnedIn(workspace, team)) {
    direct += owned.direct.length;
    through += owned.throughStage.length;
  }
  const counts = { direct, through };
  // An empty list may be a shared constant: never key a count by it.
  if (refs.length) ownedCountsByRefs.set(refs, counts);
  return counts;
}

/** The touchpoints a team owns, at their ids, by file then line. */
function ownedTouchpointPlaces(workspace: TaxonomyWorkspace, team: string): Location[] {
  const out: Location[] = [];
  for (const { uri, owned } of filesOwnedIn(workspace, team, true)) {
    const here = [...owned.direct, ...owned.throughStage].map((tp) => ({
      uri,
      range: (tp.id ?? tp.name)?.range ?? tp.range,
    }));
    here.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    out.push(...here);
  }
  return out;
}

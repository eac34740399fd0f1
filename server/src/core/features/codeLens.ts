/**
 * Usage code lenses on definitions: how much of the taxonomy rests on a persona, segment, KPI,
 * team or glossary term ("used by 3 journeys, 2 segments", "owns 12 touchpoints (4 through
 * stages)"). Everything is read from the index (the id's references) and from the models of the
 * few files those references point into: a lens never scans the workspace.
 *
 * A lens comes in two steps, as the protocol's resolve does it: `usageLenses` says where the
 * lenses of a file go (free: the file's own definitions), `resolveUsageLens` counts and lists
 * the places one lens shows (only the lenses in view are resolved).
 */
import type { Stage, Touchpoint } from '../model';
import type { TaxonomyFile } from '../taxonomyFile';
import type { EntityKind, FileKind, Location, Range } from '../types';
import type { TaxonomyWorkspace } from '../workspace';
import { qualifiedId, type Reference } from '../workspaceIndex';
import { effectiveOwner } from '../ownership';

/** What a lens counts: the id's references, or (for a team) the touchpoints it owns. */
export type UsageLensKind = 'usage' | 'touchpoints';

/** Where a lens goes and what it is about; enough to resolve it later (the protocol's `data`). */
export interface UsageLensTarget {
  uri: string;
  /** The definition's id range: the lens sits on its line. */
  range: Range;
  kind: EntityKind;
  /** The id (global for every kind that gets a lens). */
  id: string;
  lens: UsageLensKind;
}

/** A resolved lens: its title and the places clicking it shows. */
export interface UsageLens {
  title: string;
  locations: Location[];
}

/** The kinds whose definitions carry a usage lens. */
const LENS_KINDS: ReadonlySet<EntityKind> = new Set<EntityKind>(['persona', 'segment', 'kpi', 'team', 'term']);

/** The lenses of a file: one per definition of a persona, segment, KPI or term; two per team. */
export function usageLenses(workspace: TaxonomyWorkspace, file: TaxonomyFile): UsageLensTarget[] {
  const contribution = workspace.index.contribution(file.uri);
  if (!contribution) return [];
  const out: UsageLensTarget[] = [];
  for (const d of contribution.definitions) {
    if (!LENS_KINDS.has(d.kind)) continue;
    const range = d.range;
    // A team's touchpoints come first: what it answers for, before every place that names it.
    if (d.kind === 'team') out.push({ uri: file.uri, range, kind: d.kind, id: d.id, lens: 'touchpoints' });
    out.push({ uri: file.uri, range, kind: d.kind, id: d.id, lens: 'usage' });
  }
  return out;
}

/** Counts and lists what one lens shows. */
export function resolveUsageLens(workspace: TaxonomyWorkspace, target: Pick<UsageLensTarget, 'kind' | 'id' | 'lens'>): UsageLens {
  if (target.kind === 'team' && target.lens === 'touchpoints') return ownedTouchpointsLens(workspace, target.id);
  const refs = usageReferences(workspace, target.kind, target.id);
  return { title: usageTitle(workspace, target.kind, refs), locations: sortedLocations(refs) };
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
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
}

/** "1 journey", "3 journeys"; "KPI" keeps its capitals. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** What each kind of file that names a persona or segment is called in a lens. */
const REFERRER_NOUN: Partial<Record<FileKind, [string, string]>> = {
  journey: ['journey', 'journeys'],
  segment: ['segment', 'segments'],
  persona: ['persona', 'personas'],
  kpi: ['KPI', 'KPIs'],
  glossary: ['glossary term', 'glossary terms'],
  teams: ['team', 'teams'],
  markdown: ['doc', 'docs'],
};

/** The order referrers are listed in, most telling first. */
const REFERRER_ORDER: readonly FileKind[] = ['journey', 'segment', 'persona', 'kpi', 'glossary', 'teams', 'markdown', 'config'];

function usageTitle(workspace: TaxonomyWorkspace, kind: EntityKind, refs: readonly Reference[]): string {
  switch (kind) {
    case 'kpi': {
      // A touchpoint lists the KPIs measured at it; another KPI may name this one in `conflictsWith`.
      const at = refs.filter((r) => r.field === 'kpis').length;
      const others = refs.length - at;
      const measured = at === 0 ? 'not measured at any touchpoint' : `measured at ${counted(at, 'touchpoint')}`;
      return others ? `${measured}, in conflict with ${counted(others, 'KPI')}` : measured;
    }
    case 'term':
      return refs.length === 0 ? 'not used' : refs.length === 1 ? 'used once' : `used ${refs.length} times`;
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
        const [one, many] = REFERRER_NOUN[k] ?? [k, `${k}s`];
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
    let o = owned!.get(team);
    if (!o) {
      o = { direct: [], throughStage: [] };
      owned!.set(team, o);
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
 * "owns 12 touchpoints (4 through stages)": the touchpoints whose own owner names the team, and
 * those that inherit it from their stage. Only the journey files whose `owner` fields name the
 * team (its references) are read; clicking shows the touchpoints themselves.
 */
function ownedTouchpointsLens(workspace: TaxonomyWorkspace, team: string): UsageLens {
  const uris = new Set<string>();
  for (const r of workspace.index.references('team', team)) if (r.field === 'owner') uris.add(r.uri);
  let direct = 0;
  let through = 0;
  const locations: Location[] = [];
  for (const uri of [...uris].sort()) {
    const file = workspace.getFile(uri);
    if (!file || file.kind !== 'journey') continue;
    const owned = ownedIn(file).get(team);
    if (!owned) continue;
    direct += owned.direct.length;
    through += owned.throughStage.length;
    const here = [...owned.direct, ...owned.throughStage].map((tp) => ({ uri, range: (tp.id ?? tp.name)?.range ?? tp.range }));
    here.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    locations.push(...here);
  }
  const total = direct + through;
  const title = total === 0 ? 'owns no touchpoints' : `owns ${counted(total, 'touchpoint')}${through ? ` (${through} through ${through === 1 ? 'a stage' : 'stages'})` : ''}`;
  return { title, locations };
}

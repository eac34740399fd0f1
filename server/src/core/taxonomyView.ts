/**
 * The Taxonomy view's model: the ownership report's team rows, each with the things it owns item by
 * item (so a click can reveal each), the unowned touchpoints first, and each team's open problems.
 * Pure: reads a workspace's files, index and diagnostics and returns plain JSON.
 */
import type {
  Position,
  ReportTouchpoint,
  TaxonomyViewModel,
  ViewOwnedItem,
  ViewProblemCounts,
  ViewTeam,
} from '../protocol';
import { type DocModel, type Entity, type Journey, type Ownership, type Stage, type Touchpoint } from './model';
import { effectiveOwner, leadAmongOwners } from './ownership';
import { OWNED_KINDS } from './domain';
import { forEachOwnership, rootUriOf, teamRank } from './ownershipReport';
import type { TaxonomyFile } from './taxonomyFile';
import type { Range, TaxonomyDiagnostic } from './types';
import type { TaxonomyWorkspace } from './workspace';
import { sharedString } from './intern';

function noProblems(): ViewProblemCounts {
  return { error: 0, warning: 0, info: 0, hint: 0 };
}

function labelOf(e: Entity): string {
  const label = e.kind === 'term' ? e.label?.value : undefined;
  return label || e.name?.value || e.id?.value || `(unnamed ${e.kind})`;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function inside(r: Range, p: Position): boolean {
  return before(r.start, p) && before(p, r.end);
}

function teamsOf(o: Ownership | undefined): string[] {
  return o && o.teams.length ? [...new Set(o.teams.map((t) => t.value))] : [];
}

/** The top-level entity of a document holding a position: entities are in document order, so a binary search. */
function topEntityAt(model: DocModel, p: Position): Entity | undefined {
  const list = model.entities;
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (before(list[mid].range.start, p)) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && inside(list[found].range, p) ? list[found] : undefined;
}

/**
 * The teams a problem at `p` counts for: the owners of the nearest entity around it that has an
 * owner, going outward. A touchpoint's own owner, else its stage's (as the ownership rules
 * inherit), else the journey's; a persona, segment, KPI or glossary term's owner; in a teams file,
 * the team whose entry holds the problem. A problem outside every owned entity counts for nobody.
 */
function teamOfProblem(file: TaxonomyFile, p: Position): string[] {
  for (const model of file.models) {
    const top = topEntityAt(model, p);
    if (!top) continue;
    if (top.kind === 'team') return top.id ? [top.id.value] : [];
    if (top.kind === 'journey') {
      const stage = top.stages.find((s) => inside(s.range, p));
      const tp = stage?.touchpoints.find((t) => inside(t.range, p));
      for (const e of [tp, stage, top]) {
        const teams = teamsOf(e?.owner);
        if (teams.length) return teams;
      }
      return [];
    }
    return teamsOf(top.owner);
  }
  return [];
}

/** The most items one list of the view holds (counts are never cut). */
const VIEW_ITEM_LIMIT = 50;

type TouchpointItem = ViewTeam['touchpointItems'][number];

/** What one team owns in one file: the first items of each list (the counts are `FileCounts`). */
interface TeamPart {
  lists: Record<ViewOwnedItem['kind'], ViewOwnedItem[]>;
  touchpointItems: TouchpointItem[];
}

/** One file's items: what each team owns there and its unowned touchpoints, each list cut at a limit. */
interface FileItems {
  teams: Map<string, TeamPart>;
  unowned: ReportTouchpoint[];
}

/** Numbers per team in `FileCounts.counts`: one per owned kind (`OWNED_KINDS` order), then touchpoints. */
const COUNT_FIELDS = OWNED_KINDS.length + 1;

/**
 * One file's counts for the view, kept until the file changes (a new file object per version).
 * Its items are not kept: the view shows the first `itemLimit` of each list, which the first
 * files that have any fill, so `buildTaxonomyView` reads items from a file only while a list it
 * adds to is short (`fileItems`). Keeping each file's first items instead held every item of a
 * large taxonomy, each with its location: ~140 MB on L (BENCHMARKS.md, item 32).
 */
interface FileCounts {
  /** The teams the file names as owners, in the order it first names them (shared strings). */
  teams: string[];
  /** `COUNT_FIELDS` numbers per team of `teams`, in that order (a list grown by pushes was ~8 MB on L). */
  counts: Int32Array;
  unowned: number;
  journeys: number;
}

const fileCounts = new WeakMap<TaxonomyFile, FileCounts>();
/** Problem counts per team of one file, kept while its diagnostics (a new list per check) and its text stay the same. */
const problemParts = new WeakMap<
  readonly TaxonomyDiagnostic[],
  { file: TaxonomyFile; byTeam: Map<string, ViewProblemCounts> }
>();

/**
 * Calls `owned` with every owned entity of a file, its kind and its owners' ids, and `touchpoint`
 * with every touchpoint, its journey and that journey's ordinal in the file, and its stage.
 */
function walkOwned(
  file: TaxonomyFile,
  owned: (e: Entity, kind: ViewOwnedItem['kind'], teams: string[]) => void,
  touchpoint: (j: Journey, journey: number, stage: Stage, tp: Touchpoint) => void,
): void {
  let journeys = 0;
  for (const model of file.models) {
    // Owned kinds are top-level entities (stages and touchpoints are not among them).
    for (const e of model.entities) {
      if (!(OWNED_KINDS as readonly string[]).includes(e.kind)) continue;
      const teams = teamsOf(e.owner);
      if (teams.length) owned(e, e.kind as ViewOwnedItem['kind'], teams);
    }
    for (const j of model.entities) {
      if (j.kind !== 'journey') continue;
      const journey = journeys++;
      for (const stage of j.stages) for (const tp of stage.touchpoints) touchpoint(j, journey, stage, tp);
    }
  }
}

function countsOf(file: TaxonomyFile): FileCounts {
  const known = fileCounts.get(file);
  if (known) return known;
  const teams: string[] = [];
  const counts: number[] = [];
  const at = new Map<string, number>();
  const slot = (id: string): number => {
    let i = at.get(id);
    if (i === undefined) {
      at.set(id, (i = teams.length));
      teams.push(sharedString(id));
      for (let k = 0; k < COUNT_FIELDS; k++) counts.push(0);
    }
    return i * COUNT_FIELDS;
  };
  const slotsOf = new Map<readonly string[], number[]>();
  let unowned = 0;
  const journeys = forEachOwnership(
    file,
    (team, kind) => counts[slot(team) + OWNED_KINDS.indexOf(kind as ViewOwnedItem['kind'])]++,
    (owners) => {
      if (!owners) {
        unowned++;
        return;
      }
      let slots = slotsOf.get(owners);
      if (!slots) slotsOf.set(owners, (slots = owners.map(slot)));
      for (const o of slots) counts[o + COUNT_FIELDS - 1]++;
    },
  );
  // Of exact length: a list grown by pushes keeps up to half its length again spare.
  const part: FileCounts = { teams: teams.slice(), counts: Int32Array.from(counts), unowned, journeys };
  fileCounts.set(file, part);
  return part;
}

/**
 * Counts a file's share of the view ahead of a request (from the report's part, which
 * `warmOwnershipReport` keeps first), and its problems per team while its model is held (a file
 * about to let its model go), so that the view does not rebuild it for either.
 */
export function warmTaxonomyView(file: TaxonomyFile, diagnostics: readonly TaxonomyDiagnostic[]): void {
  countsOf(file);
  if (diagnostics.length) problemPart(file, diagnostics);
}

/** A file's items, each list cut at `limit`: read from its model when the view needs them, not kept. */
function fileItems(file: TaxonomyFile, limit: number): FileItems {
  const part: FileItems = { teams: new Map(), unowned: [] };
  const teamPart = (id: string): TeamPart => {
    let t = part.teams.get(id);
    if (!t) {
      t = {
        lists: { journey: [], persona: [], segment: [], kpi: [], term: [] },
        touchpointItems: [],
      };
      part.teams.set(id, t);
    }
    return t;
  };
  walkOwned(
    file,
    (e, kind, teams) => {
      for (const id of teams) {
        const t = teamPart(id);
        if (t.lists[kind].length < limit)
          t.lists[kind].push({
            kind,
            id: e.id?.value,
            name: labelOf(e),
            location: { uri: file.uri, range: (e.id ?? e.name)?.range ?? e.range },
          });
      }
    },
    (j, journey, stage, tp) => {
      const eff = effectiveOwner(tp, stage);
      // Ranges are read only for the items kept: reading one costs a line lookup.
      const place = () => ({ uri: file.uri, range: (tp.id ?? tp.name)?.range ?? tp.range });
      if (!eff) {
        if (part.unowned.length < limit)
          part.unowned.push({
            journeyId: j.id?.value,
            journeyName: labelOf(j),
            stageName: labelOf(stage),
            touchpointId: tp.id?.value,
            touchpointName: labelOf(tp),
            location: place(),
            journey,
          });
        return;
      }
      const owners = teamsOf(eff.owner);
      const lead = leadAmongOwners(eff.owner);
      let item: TouchpointItem | undefined;
      for (const id of owners) {
        const t = teamPart(id);
        if (t.touchpointItems.length >= limit) continue;
        item ??= {
          touchpointId: tp.id?.value,
          touchpointName: labelOf(tp),
          stageName: labelOf(stage),
          journeyName: labelOf(j),
          inherited: eff.inherited,
          teams: owners,
          lead,
          location: place(),
        };
        t.touchpointItems.push(item);
      }
    },
  );
  return part;
}

function problemPart(file: TaxonomyFile, diagnostics: readonly TaxonomyDiagnostic[]): Map<string, ViewProblemCounts> {
  const known = problemParts.get(diagnostics);
  if (known && known.file === file) return known.byTeam;
  const byTeam = new Map<string, ViewProblemCounts>();
  for (const d of diagnostics) {
    for (const id of teamOfProblem(file, d.range.start)) {
      let c = byTeam.get(id);
      if (!c) byTeam.set(id, (c = noProblems()));
      c[d.severity]++;
    }
  }
  problemParts.set(diagnostics, { file, byTeam });
  return byTeam;
}

/** Appends items to a list until it holds `limit`. */
function fill<T>(list: T[], items: readonly T[], limit: number): void {
  for (let i = 0; i < items.length && list.length < limit; i++) list.push(items[i]);
}

/**
 * Builds the view of one workspace. Each file's share (what each team owns there, its unowned
 * touchpoints, its problems per team) is computed once per version of the file and kept, so a
 * refresh after an edit reads only the edited files and adds the shares up. It does not build the
 * ownership report (a teams x journeys matrix, seconds on a large taxonomy), and keeps only the
 * first `itemLimit` items of each list; counts are whole. `myTeam` (the `cxTaxonomy.myTeam`
 * setting) moves that team to the top when the taxonomy has it.
 */
export function buildTaxonomyView(
  ws: TaxonomyWorkspace,
  myTeam?: string,
  itemLimit = VIEW_ITEM_LIMIT,
): TaxonomyViewModel {
  const byId = new Map<string, ViewTeam>();
  const row = (id: string): ViewTeam => {
    let r = byId.get(id);
    if (!r) {
      r = {
        id,
        name: id,
        known: false,
        owns: {},
        touchpoints: 0,
        journeys: [],
        touchpointItems: [],
        kpis: [],
        terms: [],
        personas: [],
        segments: [],
        problems: noProblems(),
      };
      byId.set(id, r);
    }
    return r;
  };
  // By id through the index: walking every definition of a large taxonomy for its teams costs ~50 ms.
  for (const teamId of ws.index.ids('team')) {
    const def = ws.index.definitions('team', teamId)[0];
    if (!def || def.entity.kind !== 'team' || byId.get(def.id)?.known) continue;
    const r = row(def.id);
    r.known = true;
    r.name = def.entity.name?.value || def.id;
    r.function = def.entity.function?.value;
    r.location = { uri: def.uri, range: def.range };
  }
  const listOf: Record<ViewOwnedItem['kind'], (t: ViewTeam) => ViewOwnedItem[]> = {
    journey: (t) => t.journeys,
    persona: (t) => t.personas,
    segment: (t) => t.segments,
    kpi: (t) => t.kpis,
    term: (t) => t.terms,
  };
  const unowned: ReportTouchpoint[] = [];
  let unownedTotal = 0;
  let journeys = 0;
  const files = [...ws.allFiles()].sort((a, b) =>
    a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0,
  );
  for (const file of files) {
    const c = countsOf(file);
    // Items are read from the file only while a list it adds to is still short.
    let short = c.unowned > 0 && unowned.length < itemLimit;
    for (let i = 0; i < c.teams.length; i++) {
      const r = row(c.teams[i]);
      const o = i * COUNT_FIELDS;
      OWNED_KINDS.forEach((kind, k) => {
        const n = c.counts[o + k];
        if (n === 0) return;
        r.owns[kind] = (r.owns[kind] ?? 0) + n;
        if (listOf[kind](r).length < itemLimit) short = true;
      });
      const touchpoints = c.counts[o + COUNT_FIELDS - 1];
      r.touchpoints += touchpoints;
      if (touchpoints > 0 && r.touchpointItems.length < itemLimit) short = true;
    }
    if (short) {
      const items = fileItems(file, itemLimit);
      for (const [id, t] of items.teams) {
        const r = row(id);
        for (const kind of OWNED_KINDS) fill(listOf[kind](r), t.lists[kind], itemLimit);
        fill(r.touchpointItems, t.touchpointItems, itemLimit);
      }
      for (const u of items.unowned)
        if (unowned.length < itemLimit) unowned.push({ ...u, journey: u.journey + journeys });
    }
    unownedTotal += c.unowned;
    journeys += c.journeys;
    const diagnostics = ws.diagnostics(file.uri);
    if (!diagnostics.length) continue;
    for (const [id, c] of problemPart(file, diagnostics)) {
      const r = byId.get(id);
      if (r) for (const k of ['error', 'warning', 'info', 'hint'] as const) r.problems[k] += c[k];
    }
  }
  const teams = [...byId.values()].sort(
    (a, b) =>
      teamRank(a) - teamRank(b) ||
      a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) ||
      a.id.localeCompare(b.id),
  );
  // Files that let their models go rebuilt them for this report: let them go again.
  ws.releaseRebuilt();
  const pinned = myTeam ? byId.get(myTeam) : undefined;
  return {
    root: files.length ? rootUriOf(files[0]) : '',
    unowned,
    unownedTotal,
    teams: pinned ? [pinned, ...teams.filter((t) => t !== pinned)] : teams,
    myTeam: pinned?.id,
    itemLimit,
  };
}

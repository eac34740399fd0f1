/**
 * The ownership report: who owns which part of which journey, and where nobody does. Pure: it
 * reads a workspace's files and index and returns plain JSON for the client to render and the
 * CLI to export. Unowned touchpoints come first because they are the gap the product exists for.
 */
import type {
  OwnershipReport,
  ReportCell,
  ReportCellItem,
  ReportJourney,
  ReportSharedWithoutLead,
  ReportTeam,
  ReportTouchpoint,
} from '../protocol';
import { OWNED_KINDS, TEAM_FUNCTIONS } from './domain';
import { allEntities, type DocModel, type Entity, type Ownership, type Touchpoint } from './model';
import { endOf, startOf } from './model/docReader';
import { sharedString } from './intern';
import { distinctTeams, effectiveOwner, leadAmongOwners } from './ownership';
import type { TaxonomyFile } from './taxonomyFile';
import type { TaxonomyWorkspace } from './workspace';

function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

/** The URI of the folder a file's relative path is relative to (best effort; '' when unknown). */
export function rootUriOf(file: TaxonomyFile): string {
  for (const rel of [file.relativePath, encodePath(file.relativePath)]) {
    if (rel && file.uri.endsWith(rel)) return file.uri.slice(0, file.uri.length - rel.length).replace(/\/$/, '');
  }
  return '';
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });
}

function labelOf(e: Entity): string {
  return e.name?.value || e.id?.value || `(unnamed ${e.kind})`;
}

/** Known teams by business function (schema order), then unknown owner ids; each by name, then id. */
export function teamRank(t: Pick<ReportTeam, 'known' | 'function'>): number {
  if (!t.known) return TEAM_FUNCTIONS.length + 2;
  return TEAM_FUNCTIONS.indexOf(t.function ?? '') + 1 || TEAM_FUNCTIONS.length + 1;
}

/** A touchpoint's effective owner as the report shows it; one object per distinct owner (`sharedOwner`). */
interface OwnerRow {
  teams: string[];
  lead: string | undefined;
  inherited: boolean;
}

/** One journey: its id, label and where it is, and its touchpoints' rows in its file's part. */
interface JourneyRow {
  id: string | undefined;
  name: string;
  start: number;
  end: number;
  /** Its touchpoints are rows `from` to `to` (not included). */
  from: number;
  to: number;
}

/** Numbers per touchpoint row: its stage (in `stageNames`), the offsets of its place, its owner (in `owners`, -1: none). */
const ROW_FIELDS = 4;

/**
 * What one file gives the report, read from its model: the (team, kind) of each owned entity, its
 * owners without a lead, its journeys, and a row per touchpoint. A file about to let its model go
 * keeps its part (`warmOwnershipReport`), so that a report does not rebuild every journey of a
 * large taxonomy (~4 s on L); other files' parts are read from their models each time, not kept.
 * The rows are columns (~30 bytes a touchpoint; an object each was ~150, ~200,000 on L).
 */
interface ReportPart {
  /** Team, kind, team, kind…: one pair per owner of an owned entity. */
  owns: string[];
  shared: ReportSharedWithoutLead[];
  journeys: JourneyRow[];
  stageNames: string[];
  owners: OwnerRow[];
  /** Per row: the touchpoint's id and label. */
  ids: (string | undefined)[];
  names: string[];
  /** `ROW_FIELDS` numbers per row. */
  rows: Int32Array;
}

const keptParts = new WeakMap<TaxonomyFile, ReportPart>();

/**
 * Owners shared by every part: a taxonomy has a few hundred distinct owners (teams, lead,
 * inherited or not), and an object with its list of teams per owner and file was ~12 MB on L.
 * Emptied when it grows past `MAX_SHARED_OWNERS`, so edits over a long session cannot grow it
 * without end; parts made before keep their own. Teams and lead -> the owner written on the
 * touchpoint, and the owner inherited from its stage.
 */
const sharedOwners = new Map<string, [OwnerRow | undefined, OwnerRow | undefined]>();
const MAX_SHARED_OWNERS = 20_000;

function sharedOwner(teams: string[], lead: string | undefined, inherited: boolean): OwnerRow {
  // One team, its own lead, is most owners: keyed by the team alone, without a joined key.
  const key = teams.length === 1 && lead === teams[0] ? teams[0] : `${teams.join(',')}\u0000${lead ?? ''}`;
  let pair = sharedOwners.get(key);
  if (!pair) {
    if (sharedOwners.size >= MAX_SHARED_OWNERS) sharedOwners.clear();
    sharedOwners.set(key, (pair = [undefined, undefined]));
  }
  const at = inherited ? 1 : 0;
  return (pair[at] ??= { teams: teams.map(sharedString), lead, inherited });
}

/** Offsets of a located id or name, else of the entity's range. */
function placeOf(file: TaxonomyFile, e: Entity): [number, number] {
  const at = e.id ?? e.name;
  if (at) return [startOf(at, file.lines), endOf(at, file.lines)];
  return [file.lines.offsetAt(e.range.start), file.lines.offsetAt(e.range.end)];
}

/** Where a stage or touchpoint sits, for the shared-without-lead list: its journey (and stage), and who inherits. */
function contextOf(model: DocModel, e: Entity): { context: string; inheritedBy: number } | undefined {
  for (const j of model.entities) {
    if (j.kind !== 'journey') continue;
    for (const st of j.stages) {
      if (st === e)
        return {
          context: labelOf(j),
          inheritedBy: st.touchpoints.filter((tp) => !(tp.owner && tp.owner.teams.length)).length,
        };
      if (st.touchpoints.includes(e as Touchpoint))
        return { context: `${labelOf(j)} › ${labelOf(st)}`, inheritedBy: 0 };
    }
  }
  return undefined;
}

/** The owners without a lead of a file's entities (each written `owner` once), and what each owned entity counts for. */
function ownersOf(file: TaxonomyFile, model: DocModel, part: ReportPart, seen: Set<string>): void {
  for (const e of allEntities(model)) {
    const o = e.owner;
    if (!o || o.teams.length === 0) continue;
    const owned = (OWNED_KINDS as readonly string[]).includes(e.kind);
    // One team is never shared without a lead: only owned kinds count it.
    if (!owned && o.teams.length === 1) continue;
    const teams = distinctTeams(o);
    // Glossary terms share their document's owner object: count it once per term for `owns`,
    // but report it only once per written `owner` for the missing lead.
    if (owned) for (const t of teams) part.owns.push(t, e.kind);
    if (teams.length < 2 || (o.lead && teams.includes(o.lead.value))) continue;
    const ownerKey = `${o.range.start.line}:${o.range.start.character}`;
    if (seen.has(ownerKey)) continue;
    seen.add(ownerKey);
    const context = contextOf(model, e);
    part.shared.push({
      kind: e.kind,
      id: e.id?.value,
      name: labelOf(e),
      teams,
      invalidLead: o.lead?.value,
      location: { uri: file.uri, range: o.range },
      context: context?.context,
      inheritedBy: context?.inheritedBy ?? 0,
    });
  }
}

function reportPartOf(file: TaxonomyFile): ReportPart {
  const kept = keptParts.get(file);
  if (kept) return kept;
  const part: ReportPart = {
    owns: [],
    shared: [],
    journeys: [],
    stageNames: [],
    owners: [],
    ids: [],
    names: [],
    rows: new Int32Array(0),
  };
  const seen = new Set<string>();
  // By the owner as written: a stage's is every inheriting touchpoint's.
  const ownerAt = new Map<Ownership, number>();
  const ownerOf = (o: Ownership, inherited: boolean): number => {
    let i = ownerAt.get(o);
    if (i === undefined) {
      const teams = distinctTeams(o);
      const shared = sharedOwner(teams, leadAmongOwners(o, teams), inherited);
      i = part.owners.indexOf(shared);
      if (i < 0) i = part.owners.push(shared) - 1;
      ownerAt.set(o, i);
    }
    return i;
  };
  const rows: number[] = [];
  for (const model of file.models) {
    ownersOf(file, model, part, seen);
    for (const e of model.entities) {
      if (e.kind !== 'journey') continue;
      const [start, end] = placeOf(file, e);
      const from = part.ids.length;
      for (const stage of e.stages) {
        const stageAt = part.stageNames.push(labelOf(stage)) - 1;
        for (const tp of stage.touchpoints) {
          part.ids.push(tp.id?.value);
          part.names.push(labelOf(tp));
          const eff = effectiveOwner(tp, stage);
          const [tpStart, tpEnd] = placeOf(file, tp);
          rows.push(stageAt, tpStart, tpEnd, eff ? ownerOf(eff.owner, eff.inherited) : -1);
        }
      }
      part.journeys.push({ id: e.id?.value, name: labelOf(e), start, end, from, to: part.ids.length });
    }
  }
  // Copies of exact length: a list grown by pushes keeps up to half its length again spare.
  part.ids = part.ids.slice();
  part.names = part.names.slice();
  part.stageNames = part.stageNames.slice();
  part.rows = Int32Array.from(rows);
  return part;
}

/**
 * What a file counts for, as the report counts it: `owned` for each team of each owned entity,
 * `touchpoint` for each touchpoint with its effective owner's distinct teams (undefined: nobody's).
 * Reads the part the file kept before it let its model go (`warmOwnershipReport`; one list per
 * distinct owner), else walks its model: building a whole part only to count it made the first
 * Taxonomy view of L ~350 ms slower with every model kept. Returns the number of its journeys.
 */
export function forEachOwnership(
  file: TaxonomyFile,
  owned: (team: string, kind: string) => void,
  touchpoint: (teams: readonly string[] | undefined) => void,
): number {
  const part = keptParts.get(file);
  if (part) {
    for (let i = 0; i < part.owns.length; i += 2) owned(part.owns[i], part.owns[i + 1]);
    for (let r = 3; r < part.rows.length; r += ROW_FIELDS)
      touchpoint(part.rows[r] < 0 ? undefined : part.owners[part.rows[r]].teams);
    return part.journeys.length;
  }
  let journeys = 0;
  for (const model of file.models) {
    // Owned kinds are top-level entities; stages and touchpoints are not among them.
    for (const e of model.entities) {
      if (e.owner && (OWNED_KINDS as readonly string[]).includes(e.kind))
        for (const t of distinctTeams(e.owner)) owned(t, e.kind);
      if (e.kind !== 'journey') continue;
      journeys++;
      for (const stage of e.stages)
        for (const tp of stage.touchpoints) {
          const eff = effectiveOwner(tp, stage);
          touchpoint(eff && distinctTeams(eff.owner));
        }
    }
  }
  return journeys;
}

/**
 * Keeps a file's share of the ownership report ahead of a report, while its model is held (a file
 * about to let its model go), so that the report does not rebuild it.
 */
export function warmOwnershipReport(file: TaxonomyFile): void {
  if (!keptParts.has(file)) keptParts.set(file, reportPartOf(file));
}

/**
 * Builds the teams x journeys ownership matrix of one workspace. A touchpoint counts for every
 * team of its effective owner (its own, else its stage's); `accountable` counts the touchpoints a
 * team answers for alone or as the lead.
 */
export function buildOwnershipReport(ws: TaxonomyWorkspace): OwnershipReport {
  const files = [...ws.allFiles()].sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  const teamRows = new Map<string, ReportTeam>();
  for (const def of ws.index.allDefinitions('team')) {
    if (teamRows.has(def.id) || def.entity.kind !== 'team') continue;
    teamRows.set(def.id, {
      id: def.id,
      name: def.entity.name?.value || def.id,
      function: def.entity.function?.value,
      known: true,
      owns: {},
      touchpoints: 0,
    });
  }
  const row = (id: string): ReportTeam => {
    let r = teamRows.get(id);
    if (!r) {
      r = { id, name: id, known: false, owns: {}, touchpoints: 0 };
      teamRows.set(id, r);
    }
    return r;
  };

  const journeys: { col: ReportJourney; journey: JourneyRow; part: ReportPart; file: TaxonomyFile }[] = [];
  const unowned: ReportTouchpoint[] = [];
  const sharedWithoutLead: ReportSharedWithoutLead[] = [];

  for (const file of files) {
    const part = reportPartOf(file);
    for (let i = 0; i < part.owns.length; i += 2) {
      const owns = row(part.owns[i]).owns;
      owns[part.owns[i + 1]] = (owns[part.owns[i + 1]] ?? 0) + 1;
    }
    sharedWithoutLead.push(...part.shared);
    for (const j of part.journeys) {
      journeys.push({
        col: {
          id: j.id,
          name: j.name,
          touchpoints: 0,
          unowned: 0,
          location: { uri: file.uri, range: file.lines.range(j.start, j.end) },
        },
        journey: j,
        part,
        file,
      });
    }
  }

  journeys.sort((a, b) => byName(a.col, b.col));
  const teamList = () => [...teamRows.values()];
  // Owner ids may add unknown rows while counting, so cells are filled into a map first.
  const counts = new Map<string, ReportCell>();
  const cellKey = (team: string, j: number) => `${team}\u0000${j}`;
  journeys.forEach(({ col, journey, part, file }, j) => {
    for (let i = journey.from; i < journey.to; i++) {
      const r = i * ROW_FIELDS;
      const stageName = part.stageNames[part.rows[r]];
      const owner = part.rows[r + 3] < 0 ? undefined : part.owners[part.rows[r + 3]];
      col.touchpoints++;
      const location = { uri: file.uri, range: file.lines.range(part.rows[r + 1], part.rows[r + 2]) };
      if (!owner) {
        col.unowned++;
        unowned.push({
          journeyId: journey.id,
          journeyName: col.name,
          stageName,
          touchpointId: part.ids[i],
          touchpointName: part.names[i],
          location,
          journey: j,
        });
        continue;
      }
      const item: ReportCellItem = {
        touchpointId: part.ids[i],
        touchpointName: part.names[i],
        stageName,
        inherited: owner.inherited,
        teams: owner.teams,
        lead: owner.lead,
        location,
      };
      for (const t of owner.teams) {
        row(t).touchpoints++;
        const k = cellKey(t, j);
        const c = counts.get(k) ?? { touchpoints: 0, accountable: 0, items: [] };
        c.touchpoints++;
        if (owner.lead === t) c.accountable++;
        c.items.push(item);
        counts.set(k, c);
      }
    }
  });

  const teams = teamList().sort((a, b) => teamRank(a) - teamRank(b) || byName(a, b) || a.id.localeCompare(b.id));
  const cells = teams.map((t) =>
    journeys.map((_, j) => counts.get(cellKey(t.id, j)) ?? { touchpoints: 0, accountable: 0, items: [] }),
  );
  const idleTeams = teams
    .filter((t) => t.known && t.touchpoints === 0 && Object.values(t.owns).every((n) => n === 0))
    .map((t) => t.id);
  // Files that let their models go rebuilt them for this report: let them go again.
  ws.releaseRebuilt();
  return {
    root: files.length ? rootUriOf(files[0]) : '',
    unowned,
    sharedWithoutLead,
    teams,
    journeys: journeys.map((j) => j.col),
    cells,
    idleTeams,
  };
}

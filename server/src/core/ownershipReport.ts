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
import { allEntities, type Entity, type Journey } from './model';
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

  const journeys: { col: ReportJourney; entity: Journey; uri: string }[] = [];
  const unowned: ReportTouchpoint[] = [];
  const sharedWithoutLead: ReportSharedWithoutLead[] = [];
  const seenOwners = new Set<string>();

  for (const file of files) {
    for (const model of file.models) {
      // Where a stage or touchpoint sits, for the shared-without-lead list.
      const placeOf = new Map<Entity, { context: string; inheritedBy: number }>();
      for (const j of model.entities) {
        if (j.kind !== 'journey') continue;
        for (const st of j.stages) {
          placeOf.set(st, {
            context: labelOf(j),
            inheritedBy: st.touchpoints.filter((tp) => !(tp.owner && tp.owner.teams.length)).length,
          });
          for (const tp of st.touchpoints)
            placeOf.set(tp, { context: `${labelOf(j)} › ${labelOf(st)}`, inheritedBy: 0 });
        }
      }
      for (const e of allEntities(model)) {
        const o = e.owner;
        if (!o) continue;
        const teams = [...new Set(o.teams.map((t) => t.value))];
        // Glossary terms share their document's owner object: count and report it once per term
        // for `owns`, but only once per written `owner` for the missing lead.
        const ownerKey = `${file.uri}#${o.range.start.line}:${o.range.start.character}`;
        if ((OWNED_KINDS as readonly string[]).includes(e.kind))
          for (const t of teams) row(t).owns[e.kind] = (row(t).owns[e.kind] ?? 0) + 1;
        if (teams.length > 1 && (!o.lead || !teams.includes(o.lead.value)) && !seenOwners.has(ownerKey)) {
          seenOwners.add(ownerKey);
          sharedWithoutLead.push({
            kind: e.kind,
            id: e.id?.value,
            name: labelOf(e),
            teams,
            invalidLead: o.lead?.value,
            location: { uri: file.uri, range: o.range },
            context: placeOf.get(e)?.context,
            inheritedBy: placeOf.get(e)?.inheritedBy ?? 0,
          });
        }
      }
      for (const e of model.entities) {
        if (e.kind !== 'journey') continue;
        journeys.push({
          col: {
            id: e.id?.value,
            name: labelOf(e),
            touchpoints: 0,
            unowned: 0,
            location: { uri: file.uri, range: (e.id ?? e.name)?.range ?? e.range },
          },
          entity: e,
          uri: file.uri,
        });
      }
    }
  }

  journeys.sort((a, b) => byName(a.col, b.col));
  const teamList = () => [...teamRows.values()];
  // Owner ids may add unknown rows while counting, so cells are filled into a map first.
  const counts = new Map<string, ReportCell>();
  const cellKey = (team: string, j: number) => `${team}\u0000${j}`;
  journeys.forEach(({ col, entity, uri }, j) => {
    for (const stage of entity.stages) {
      for (const tp of stage.touchpoints) {
        col.touchpoints++;
        const location = { uri, range: (tp.id ?? tp.name)?.range ?? tp.range };
        const eff = effectiveOwner(tp, stage);
        if (!eff) {
          col.unowned++;
          unowned.push({
            journeyId: entity.id?.value,
            journeyName: col.name,
            stageName: labelOf(stage),
            touchpointId: tp.id?.value,
            touchpointName: labelOf(tp),
            location,
            journey: j,
          });
          continue;
        }
        const owners = distinctTeams(eff.owner);
        const lead = leadAmongOwners(eff.owner);
        const item: ReportCellItem = {
          touchpointId: tp.id?.value,
          touchpointName: labelOf(tp),
          stageName: labelOf(stage),
          inherited: eff.inherited,
          teams: owners,
          lead,
          location,
        };
        for (const t of owners) {
          const r = row(t);
          r.touchpoints++;
          const k = cellKey(t, j);
          const c = counts.get(k) ?? { touchpoints: 0, accountable: 0, items: [] };
          c.touchpoints++;
          if (lead === t) c.accountable++;
          c.items.push(item);
          counts.set(k, c);
        }
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

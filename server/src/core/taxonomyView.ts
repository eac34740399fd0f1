/**
 * The Taxonomy view's model: the ownership report's teams, each with the things it owns item by
 * item (so a click can reveal each), the unowned touchpoints first, and each team's open problems.
 * Pure: reads a workspace's files, index and diagnostics and returns plain JSON.
 */
import type { Position, TaxonomyViewModel, ViewOwnedItem, ViewProblemCounts, ViewTeam } from '../protocol';
import { allEntities, type DocModel, type Entity, type Ownership } from './model';
import { buildOwnershipReport } from './ownershipReport';
import type { TaxonomyFile } from './taxonomyFile';
import type { Range } from './types';
import type { TaxonomyWorkspace } from './workspace';

const OWNED_ITEM_KINDS = new Set<string>(['journey', 'persona', 'segment', 'kpi', 'term']);

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
export function teamOfProblem(file: TaxonomyFile, p: Position): string[] {
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

/**
 * Builds the view of one workspace. `myTeam` (the `cxTaxonomy.myTeam` setting) moves that team
 * to the top when the taxonomy has it.
 */
export function buildTaxonomyView(ws: TaxonomyWorkspace, myTeam?: string): TaxonomyViewModel {
  const report = buildOwnershipReport(ws);
  const teams: ViewTeam[] = report.teams.map((t, ti) => ({
    ...t,
    journeys: [],
    touchpointItems: report.cells[ti].flatMap((cell, j) => cell.items.map((item) => ({ ...item, journeyName: report.journeys[j].name }))),
    kpis: [],
    terms: [],
    personas: [],
    segments: [],
    problems: noProblems(),
  }));
  const byId = new Map(teams.map((t) => [t.id, t]));
  const listOf: Record<ViewOwnedItem['kind'], (t: ViewTeam) => ViewOwnedItem[]> = {
    journey: (t) => t.journeys,
    persona: (t) => t.personas,
    segment: (t) => t.segments,
    kpi: (t) => t.kpis,
    term: (t) => t.terms,
  };
  const files = [...ws.allFiles()].sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  for (const file of files) {
    for (const model of file.models) {
      for (const e of allEntities(model)) {
        if (e.kind === 'team') {
          const row = e.id && byId.get(e.id.value);
          if (row && !row.location) row.location = { uri: file.uri, range: e.id!.range };
          continue;
        }
        if (!OWNED_ITEM_KINDS.has(e.kind)) continue;
        const kind = e.kind as ViewOwnedItem['kind'];
        for (const id of teamsOf(e.owner)) {
          const row = byId.get(id);
          if (row) listOf[kind](row).push({ kind, id: e.id?.value, name: labelOf(e), location: { uri: file.uri, range: (e.id ?? e.name)?.range ?? e.range } });
        }
      }
    }
    for (const d of ws.diagnostics(file.uri)) {
      for (const id of teamOfProblem(file, d.range.start)) {
        const row = byId.get(id);
        if (row) row.problems[d.severity]++;
      }
    }
  }
  const pinned = myTeam ? byId.get(myTeam) : undefined;
  return {
    root: report.root,
    unowned: report.unowned,
    teams: pinned ? [pinned, ...teams.filter((t) => t !== pinned)] : teams,
    myTeam: pinned?.id,
  };
}

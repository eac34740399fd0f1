/**
 * The journey map model: what the journey map webview draws for one journey file, as plain JSON.
 * Pure: it reads a parsed file, looks teams up through a callback and sorts the workspace's
 * diagnostics into the cards they belong to. The language server only forwards the result.
 */
import type {
  JourneyMapModel,
  MapJourney,
  MapOwnership,
  MapProblem,
  MapStage,
  MapTeam,
  MapTouchpoint,
} from '../protocol';
import { TEAM_FUNCTIONS } from './domain';
import type { Journey, Ownership, Stage, Team, Touchpoint } from './model';
import { effectiveOwner } from './ownership';
import type { TaxonomyFile } from './taxonomyFile';
import type { Position, Range, TaxonomyDiagnostic } from './types';
import type { TaxonomyWorkspace } from './workspace';

/** Finds a team by id; the workspace's index in the server, a map in tests. */
type TeamLookup = (id: string) => Team | undefined;

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function contains(outer: Range, p: Position): boolean {
  return !before(p, outer.start) && before(p, outer.end);
}

function toProblem(d: TaxonomyDiagnostic): MapProblem {
  return { ruleId: d.ruleId, severity: d.severity, message: d.message };
}

class MapBuilder {
  private readonly functions = new Set<string>();

  constructor(
    private readonly lookupTeam: TeamLookup,
    private readonly diagnostics: readonly TaxonomyDiagnostic[],
  ) {}

  team(id: string): MapTeam {
    const t = this.lookupTeam(id);
    const fn = t?.function?.value;
    return { id, name: t?.name?.value ?? id, function: fn, known: t !== undefined };
  }

  ownership(o: Ownership, inherited: boolean): MapOwnership {
    const seen = new Set<string>();
    const teams: MapTeam[] = [];
    for (const t of o.teams) {
      if (seen.has(t.value)) continue;
      seen.add(t.value);
      teams.push(this.team(t.value));
    }
    // The lead first: it is the accountable team and the card names it first.
    const lead = o.lead?.value;
    if (lead) teams.sort((a, b) => Number(b.id === lead) - Number(a.id === lead));
    return { teams, lead, shared: teams.length > 1, inherited };
  }

  /** Notes the functions an ownership uses, for the legend. Only owners colour cards. */
  noteFunctions(o: MapOwnership | undefined): void {
    for (const t of o?.teams ?? []) if (t.function) this.functions.add(t.function);
  }

  /** Diagnostics whose start lies in `range` and in none of `exclude` (the nested cards). */
  problemsIn(range: Range, exclude: readonly Range[] = []): MapProblem[] {
    return this.diagnostics
      .filter((d) => contains(range, d.range.start) && !exclude.some((r) => contains(r, d.range.start)))
      .map(toProblem);
  }

  touchpoint(tp: Touchpoint, stage: Stage, stageKey: string, n: number): MapTouchpoint {
    const eff = effectiveOwner(tp, stage);
    const owner = eff ? this.ownership(eff.owner, eff.inherited) : undefined;
    this.noteFunctions(owner);
    return {
      key: tp.id?.value ?? `#${stageKey}-${n}`,
      id: tp.id?.value,
      name: tp.name?.value ?? tp.id?.value ?? '(unnamed touchpoint)',
      channel: tp.channel?.value,
      owner,
      kpis: tp.kpis.map((k) => k.value),
      handoff: tp.handoff ? { team: this.team(tp.handoff.value) } : undefined,
      problems: this.problemsIn(tp.range),
      range: tp.range,
      selection: (tp.id ?? tp.name)?.range ?? tp.range,
    };
  }

  stage(stage: Stage, n: number): MapStage {
    const key = stage.id?.value ?? `#${n}`;
    const owner = stage.owner && stage.owner.teams.length ? this.ownership(stage.owner, false) : undefined;
    const touchpoints = stage.touchpoints.map((tp, i) => this.touchpoint(tp, stage, key, i + 1));
    return {
      key,
      id: stage.id?.value,
      name: stage.name?.value ?? stage.id?.value ?? `Stage ${n}`,
      lifecycleStage: stage.lifecycleStage?.value,
      owner,
      touchpoints,
      problems: this.problemsIn(
        stage.range,
        stage.touchpoints.map((t) => t.range),
      ),
      range: stage.range,
      selection: (stage.id ?? stage.name)?.range ?? stage.range,
    };
  }

  journey(j: Journey): MapJourney {
    const stages = j.stages.map((s, i) => this.stage(s, i + 1));
    linkHandoffs(stages);
    return {
      id: j.id?.value,
      name: j.name?.value ?? j.id?.value ?? '(unnamed journey)',
      persona: j.persona?.value,
      owner: j.owner && j.owner.teams.length ? this.ownership(j.owner, false) : undefined,
      stages,
      range: j.range,
      selection: (j.id ?? j.name)?.range ?? j.range,
    };
  }

  usedFunctions(): string[] {
    const known = TEAM_FUNCTIONS.filter((f) => this.functions.has(f));
    const other = [...this.functions].filter((f) => !TEAM_FUNCTIONS.includes(f)).sort();
    return [...known, ...other];
  }
}

/**
 * Points each handoff at the card where the receiving team picks the customer up: the first
 * later touchpoint (in stage order) that the team owns. A handoff with no such card keeps only
 * its team, and the map shows it as a label instead of an arrow.
 */
function linkHandoffs(stages: MapStage[]): void {
  const order = stages.flatMap((s) => s.touchpoints);
  order.forEach((tp, i) => {
    if (!tp.handoff) return;
    const team = tp.handoff.team.id;
    const target = order.slice(i + 1).find((t) => t.owner?.teams.some((o) => o.id === team));
    if (target) tp.handoff.targetKey = target.key;
  });
}

/**
 * Builds the journey map of one file. `diagnostics` are the file's current problems; each is
 * shown on the innermost card (touchpoint, else stage) whose source range holds its start.
 * Returns undefined for a file that is not a journey file.
 */
function buildJourneyMap(
  file: TaxonomyFile,
  lookupTeam: TeamLookup,
  diagnostics: readonly TaxonomyDiagnostic[],
): JourneyMapModel | undefined {
  if (file.kind !== 'journey') return undefined;
  const b = new MapBuilder(lookupTeam, diagnostics);
  const journeys: MapJourney[] = [];
  for (const model of file.models)
    for (const e of model.entities) if (e.kind === 'journey') journeys.push(b.journey(e));
  const problemCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of diagnostics) problemCounts[d.severity]++;
  return { uri: file.uri, version: file.version, journeys, functions: b.usedFunctions(), problemCounts };
}

/** A team lookup over a workspace's index: the first definition of the id. */
function teamLookupOf(ws: TaxonomyWorkspace): TeamLookup {
  return (id) => {
    const def = ws.index.definitions('team', id)[0];
    return def?.entity.kind === 'team' ? def.entity : undefined;
  };
}

/** The journey map of a file of a workspace, or undefined when the workspace does not hold it. */
export function journeyMapOf(ws: TaxonomyWorkspace, uri: string): JourneyMapModel | undefined {
  const file = ws.getFile(uri);
  if (!file) return undefined;
  return buildJourneyMap(file, teamLookupOf(ws), ws.diagnostics(uri));
}

/**
 * The journey map model: what the journey map webview draws for one journey file, as plain JSON.
 * Pure: it reads a parsed file, looks teams, personas, segments and KPIs up through a callback
 * (to mark the deprecated, sunset and draft ones) and sorts the workspace's
 * diagnostics into the cards they belong to. The language server only forwards the result.
 */
import type {
  JourneyMapModel,
  MapJourney,
  MapLifecycle,
  MapOwnership,
  MapProblem,
  MapRef,
  MapStage,
  MapTeam,
  MapTouchpoint,
} from '../protocol';
import { TEAM_FUNCTIONS } from './domain';
import { lifecycleMark } from './lifecycle';
import type { Entity, Journey, Ownership, Stage, Touchpoint } from './model';
import { effectiveOwner } from './ownership';
import type { TaxonomyFile } from './taxonomyFile';
import type { EntityKind, Position, Range, TaxonomyDiagnostic } from './types';
import type { TaxonomyWorkspace } from './workspace';

/** Finds an entity by kind and id: the workspace's index (its first definition). */
type EntityLookup = (kind: EntityKind, id: string) => Entity | undefined;

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function contains(outer: Range, p: Position): boolean {
  return !before(p, outer.start) && before(p, outer.end);
}

function toProblem(d: TaxonomyDiagnostic): MapProblem {
  return { ruleId: d.ruleId, severity: d.severity, message: d.message };
}

/**
 * The map's mark for a deprecated, sunset or draft entity, with a sentence for its tooltip
 * ("Deprecated (sunset 2026-11-01): use `family-planner` instead."); undefined when in use.
 */
function lifecycleOf(e: Entity | undefined, today: string): MapLifecycle | undefined {
  const state = e && lifecycleMark(e, today);
  if (!e || !state) return undefined;
  const sunset = e.sunset?.value;
  const label = state === 'draft' ? 'draft' : e.status?.value === 'deprecated' ? 'deprecated' : 'sunset passed';
  const what =
    label === 'draft'
      ? 'Draft: not approved yet'
      : label === 'deprecated'
        ? `Deprecated${sunset ? ` (sunset ${sunset})` : ''}`
        : `Sunset passed on ${sunset ?? '?'}`;
  const use = e.replacedBy?.value ? `: use ${e.replacedBy.value} instead` : '';
  return { state, label, detail: `${what}${use}.` };
}

class MapBuilder {
  private readonly functions = new Set<string>();

  constructor(
    private readonly lookup: EntityLookup,
    private readonly today: string,
    private readonly diagnostics: readonly TaxonomyDiagnostic[],
  ) {}

  team(id: string): MapTeam {
    const found = this.lookup('team', id);
    const t = found?.kind === 'team' ? found : undefined;
    const fn = t?.function?.value;
    const lifecycle = lifecycleOf(t, this.today);
    return { id, name: t?.name?.value ?? id, function: fn, known: t !== undefined, ...(lifecycle && { lifecycle }) };
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

  /** An entity named by id, with its mark when it is deprecated, sunset or a draft. */
  ref(kind: EntityKind, id: string): MapRef {
    const lifecycle = lifecycleOf(this.lookup(kind, id), this.today);
    return lifecycle ? { id, lifecycle } : { id };
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
      kpis: tp.kpis.map((k) => this.ref('kpi', k.value)),
      lifecycle: lifecycleOf(tp, this.today),
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
      persona: j.persona ? this.ref('persona', j.persona.value) : undefined,
      segments: j.segments.map((s) => this.ref('segment', s.value)),
      lifecycle: lifecycleOf(j, this.today),
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
  lookup: EntityLookup,
  today: string,
  diagnostics: readonly TaxonomyDiagnostic[],
): JourneyMapModel | undefined {
  if (file.kind !== 'journey') return undefined;
  const b = new MapBuilder(lookup, today, diagnostics);
  const journeys: MapJourney[] = [];
  for (const model of file.models)
    for (const e of model.entities) if (e.kind === 'journey') journeys.push(b.journey(e));
  const problemCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of diagnostics) problemCounts[d.severity]++;
  return { uri: file.uri, version: file.version, journeys, functions: b.usedFunctions(), problemCounts };
}

/** An entity lookup over a workspace's index: the first definition of the id, of that kind. */
function lookupOf(ws: TaxonomyWorkspace): EntityLookup {
  return (kind, id) => {
    const entity = ws.index.definitions(kind, id)[0]?.entity;
    return entity?.kind === kind ? entity : undefined;
  };
}

/** The journey map of a file of a workspace, or undefined when the workspace does not hold it. */
export function journeyMapOf(ws: TaxonomyWorkspace, uri: string): JourneyMapModel | undefined {
  const file = ws.getFile(uri);
  if (!file) return undefined;
  return buildJourneyMap(file, lookupOf(ws), ws.currentConfig.today, ws.diagnostics(uri));
}

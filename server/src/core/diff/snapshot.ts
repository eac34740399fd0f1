/**
 * One side of a diff as plain facts: every entity by kind and (qualified) id, with what the
 * comparison reads of it, and every problem. Taken from a checked workspace; nothing here
 * compares.
 */
import { effectiveOwner } from '../ownership';
import type { Entity, Journey, Ownership, Stage } from '../model';
import type { EntityKind } from '../types';
import type { TaxonomyWorkspace } from '../workspace';
import type { DiffOwner, DiffProblem } from './types';

/** One entity of one side. */
export interface EntityFact {
  kind: EntityKind;
  /** Its id; a stage's or touchpoint's is `journey/id`. */
  id: string;
  /** The journey of a stage or touchpoint. */
  journey?: string;
  file: string;
  /** Its JSON pointer in its document, with the document's index (`2#/terms/0`). */
  place: string;
  label: string;
  /** Its mapping as written, without its id, in a stable form: equal content, equal text. */
  content: string;
  /** Its parsed mapping (for fields the model does not keep, such as a KPI's `unit`). */
  value: Record<string, unknown>;
  entity: Entity;
  /** A touchpoint's effective owner (its own, else its stage's); undefined when nobody owns it. */
  effectiveOwner?: DiffOwner;
}

/** Everything a diff reads of one side. */
export interface Snapshot {
  /** By kind, then id; the first definition of a duplicated id counts. */
  entities: Map<EntityKind, Map<string, EntityFact>>;
  problems: DiffProblem[];
  lifecycleStages: readonly string[];
}

/** JSON with sorted keys, so mappings written in another order read as equal. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const rec = v as Record<string, unknown>;
    return `{${Object.keys(rec)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(rec[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** The teams and lead of an ownership, teams sorted and once each. */
export function ownerOf(o: Ownership | undefined): DiffOwner | undefined {
  if (!o || o.teams.length === 0) return undefined;
  const teams = [...new Set(o.teams.map((t) => t.value))].sort();
  return o.lead ? { teams, lead: o.lead.value } : { teams };
}

function labelOf(e: Entity): string {
  return (e.kind === 'term' ? e.label?.value : e.name?.value) ?? '';
}

/** Takes the facts of a checked workspace (flush it first). */
export function takeSnapshot(ws: TaxonomyWorkspace): Snapshot {
  const entities = new Map<EntityKind, Map<string, EntityFact>>();
  const problems: DiffProblem[] = [];
  const files = [...ws.allFiles()].sort((a, b) => (a.relativePath < b.relativePath ? -1 : 1));
  for (const file of files) {
    for (const d of ws.diagnostics(file.uri))
      problems.push({
        ruleId: d.ruleId,
        severity: d.severity,
        file: file.relativePath,
        line: d.range.start.line + 1,
        message: d.message,
      });
    file.models.forEach((model, docIndex) => {
      const reader = file.readers[docIndex];
      const add = (e: Entity, journey?: Journey, stage?: Stage) => {
        const own = e.id?.value;
        if (own === undefined || own === '') return;
        const id = journey?.id ? `${journey.id.value}/${own}` : own;
        let byId = entities.get(e.kind);
        if (!byId) entities.set(e.kind, (byId = new Map<string, EntityFact>()));
        if (byId.has(id)) return;
        const raw = reader.get(e.pointer);
        const value = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
        const rest = Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'id'));
        byId.set(id, {
          kind: e.kind,
          id,
          journey: journey?.id?.value,
          file: file.relativePath,
          place: `${docIndex}#${e.pointer}`,
          label: labelOf(e),
          content: stableJson(rest),
          value,
          entity: e,
          effectiveOwner: e.kind === 'touchpoint' && stage ? ownerOf(effectiveOwner(e, stage)?.owner) : undefined,
        });
      };
      for (const e of model.entities) {
        add(e);
        if (e.kind !== 'journey') continue;
        for (const s of e.stages) {
          add(s, e);
          for (const tp of s.touchpoints) add(tp, e, s);
        }
      }
    });
  }
  return { entities, problems, lifecycleStages: ws.currentConfig.lifecycleStages };
}

/** The facts of one kind (empty when the side has none). */
export function factsOf(s: Snapshot, kind: EntityKind): Map<string, EntityFact> {
  return s.entities.get(kind) ?? new Map<string, EntityFact>();
}

import { normaliseLabel } from '../terms/normalise';
import type { FacetContributor } from '../workspace';
import type { RelatedInfo } from '../types';
import type { FacetEntry } from '../workspaceIndex';
import type { Rule } from './types';

/** Stages by normalised name: where each journey maps a stage of that name. */
export const STAGE_NAME_FACET = 'stage-name';

/** What a journey says about one named stage. */
export interface StageNameEntry {
  journey: string;
  stage: string;
  name: string;
  lifecycleStage: string;
}

/** Adds each stage that has a name and a lifecycle stage, keyed by its name (case and plural aside). */
export const contributeStageNames: FacetContributor = (file, add) => {
  if (file.kind !== 'journey') return;
  for (const model of file.models) {
    for (const j of model.entities) {
      if (j.kind !== 'journey') continue;
      for (const s of j.stages) {
        if (!s.name || !s.lifecycleStage || s.lifecycleStage.value.trim() === '') continue;
        const key = normaliseLabel(s.name.value);
        if (key === '') continue;
        const data: StageNameEntry = { journey: j.id?.value ?? file.relativePath, stage: s.id?.value ?? '', name: s.name.value, lifecycleStage: s.lifecycleStage.value };
        add(STAGE_NAME_FACET, key, { uri: file.uri, range: s.lifecycleStage.range, data });
      }
    }
  }
};

/**
 * Stages with the same name mapped to different marketing lifecycle stages in different journeys:
 * "Discover" is awareness in one journey and consideration in another, so the journey-to-lifecycle
 * map that marketing and CX share says two things at once. Reported at each mapping, linking the
 * others. Only journeys that share the stage name are re-checked when one changes.
 */
export const lifecycleMappingConflict: Rule = {
  id: 'lifecycle-mapping-conflict',
  defaultSeverity: 'warning',
  description: 'Stages with the same name are mapped to different lifecycle stages in different journeys.',
  appliesTo: ['journey'],
  check({ file, index, report }) {
    for (const model of file.models) {
      for (const j of model.entities) {
        if (j.kind !== 'journey') continue;
        const journeyId = j.id?.value ?? file.relativePath;
        for (const s of j.stages) {
          if (!s.name || !s.lifecycleStage || s.lifecycleStage.value.trim() === '') continue;
          const key = normaliseLabel(s.name.value);
          if (key === '') continue;
          const mine = s.lifecycleStage.value;
          const entries = index.facet<StageNameEntry>(STAGE_NAME_FACET, key);
          // Thousands of journeys share a stage name; only scan them when some disagree.
          if (!mapsElsewhere(entries, mine)) continue;
          const others = entries.filter((e) => e.data.journey !== journeyId && e.data.lifecycleStage !== mine);
          if (others.length === 0) continue;
          // A popular stage name may disagree with thousands of journeys: name a few per mapping
          // and link a few, so the message stays readable and the check stays cheap.
          const byStage = new Map<string, string[]>();
          for (const o of others) {
            const list = byStage.get(o.data.lifecycleStage) ?? [];
            if (list.length <= MAX_NAMED) list.push(o.data.journey);
            byStage.set(o.data.lifecycleStage, list);
          }
          const counts = new Map<string, number>();
          for (const o of others) counts.set(o.data.lifecycleStage, (counts.get(o.data.lifecycleStage) ?? 0) + 1);
          const related: RelatedInfo[] = others.slice(0, MAX_RELATED).map((o) => ({
            location: { uri: o.uri, range: o.range },
            message: `Stage "${o.data.name}" of journey \`${o.data.journey}\` maps to \`${o.data.lifecycleStage}\``,
          }));
          const elsewhere = [...byStage]
            .map(([stage, journeys]) => {
              const n = counts.get(stage) ?? journeys.length;
              if (n === 1) return `\`${stage}\` in journey \`${journeys[0]}\``;
              const named = journeys.slice(0, MAX_NAMED).map((id) => `\`${id}\``).join(', ');
              return `\`${stage}\` in ${n.toLocaleString('en')} journeys (${named}${n > MAX_NAMED ? ', …' : ''})`;
            })
            .join(', ');
          report({
            range: s.lifecycleStage.range,
            message:
              `The stage "${s.name.value}" maps to the lifecycle stage \`${mine}\` here, but to ${elsewhere}. ` +
              'A stage of one name should mean one step of the lifecycle: map both to the same stage, or rename one of them.',
            related,
          });
        }
      }
    }
  },
};

/**
 * The lifecycle stages a stage name maps to, per facet list. The index only appends to a list or
 * replaces it, so a list with the same length holds the same entries: checking 36,000 stages
 * costs one scan per name instead of one per stage (BENCHMARKS.md: this rule was quadratic).
 */
/** How many journeys a message names per lifecycle stage, and how many places it links. */
const MAX_NAMED = 3;
const MAX_RELATED = 20;

const stagesOf = new WeakMap<readonly unknown[], { length: number; stages: Set<string> }>();

function mapsElsewhere(entries: readonly FacetEntry<StageNameEntry>[], mine: string): boolean {
  let cached = stagesOf.get(entries);
  if (!cached || cached.length !== entries.length) {
    cached = { length: entries.length, stages: new Set(entries.map((e) => e.data.lifecycleStage)) };
    stagesOf.set(entries, cached);
  }
  return cached.stages.size > 1 || !cached.stages.has(mine);
}

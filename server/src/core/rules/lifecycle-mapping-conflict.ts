import { normaliseLabel } from '../terms/normalise';
import type { FacetContributor } from '../index/contribution';
import type { Range, RelatedInfo } from '../types';
import type { FacetEntry } from '../index/entries';
import type { LineIndex } from '../lineIndex';
import { endOf, startOf } from '../model/docReader';
import { groupFacetEntries, type FacetGroups } from '../index/groups';
import type { IndexView, Rule } from './types';

/** Stages by normalised name: where each journey maps a stage of that name. */
export const STAGE_NAME_FACET = 'stage-name';

/** What a journey says about one named stage. */
export interface StageNameEntry {
  journey: string;
  stage: string;
  name: string;
  lifecycleStage: string;
}

/**
 * A named stage's entry in the index, which is also what it says (`data` is the entry itself):
 * its range is worked out from the offsets of the lifecycle stage on each read (a new range each
 * time). An entry, its data and a kept range were five objects (~220 bytes) for each of the
 * ~36,000 named stages of L; this is one (BENCHMARKS.md, item 38).
 */
class StageNameFacetEntry implements FacetEntry<StageNameEntry>, StageNameEntry {
  readonly #lines: LineIndex;
  readonly #start: number;
  readonly #end: number;

  constructor(
    readonly uri: string,
    readonly journey: string,
    readonly stage: string,
    readonly name: string,
    readonly lifecycleStage: string,
    lines: LineIndex,
    start: number,
    end: number,
  ) {
    this.#lines = lines;
    this.#start = start;
    this.#end = end;
  }

  get range(): Range {
    return this.#lines.range(this.#start, this.#end);
  }

  get data(): StageNameEntry {
    return this;
  }

  /** Grouped by lifecycle stage and journey, so the rule reads counts instead of every entry. */
  get group(): string {
    return this.lifecycleStage;
  }

  get subject(): string {
    return this.journey;
  }
}

/** Adds each stage that has a name and a lifecycle stage, keyed by its name (case and plural aside). */
export const contributeStageNames: FacetContributor = (file, add) => {
  if (file.kind !== 'journey') return;
  const lines = file.lines;
  for (const model of file.models) {
    for (const j of model.entities) {
      if (j.kind !== 'journey') continue;
      for (const s of j.stages) {
        const mapped = s.lifecycleStage;
        if (!s.name || !mapped || mapped.value.trim() === '') continue;
        const key = normaliseLabel(s.name.value);
        if (key === '') continue;
        const journey = j.id?.value ?? file.relativePath;
        const entry = new StageNameFacetEntry(
          file.uri,
          journey,
          s.id?.value ?? '',
          s.name.value,
          mapped.value,
          lines,
          startOf(mapped, lines),
          endOf(mapped, lines),
        );
        add(STAGE_NAME_FACET, key, entry);
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
  readsOnlyIndex: true,
  check({ own, index, report }) {
    // The file's stages are read from its own entries (`contributeStageNames` adds exactly the
    // stages this rule judges), not its model: a one-shot check runs this rule after loading the
    // last journey, on journeys that have let their models go (`Rule.readsOnlyIndex`).
    for (const [key, entries] of own<StageNameEntry>(STAGE_NAME_FACET)) {
      const groups = stageGroups(index, key);
      for (const { data, range } of entries) {
        const mine = data.lifecycleStage;
        // Counts per lifecycle stage are kept by the index: thousands of journeys share a stage
        // name, and this reads only the few it names and links (BENCHMARKS.md).
        const elsewhereStages = [...groups.counts(data.journey).keys()].filter((stage) => stage !== mine);
        if (elsewhereStages.length === 0) continue;
        // A popular stage name may disagree with thousands of journeys: name a few per mapping
        // and link a few, so the message stays readable and the check stays cheap.
        const sample = groups.sample(elsewhereStages, MAX_NAMED, MAX_RELATED, data.journey);
        const related: RelatedInfo[] = sample.first.map((o) => ({
          location: { uri: o.uri, range: o.range },
          message: `Stage "${o.data.name}" of journey \`${o.data.journey}\` maps to \`${o.data.lifecycleStage}\``,
        }));
        const elsewhere = sample.groups
          .map(({ group: stage, count: n, first }) => {
            if (n === 1) return `\`${stage}\` in journey \`${first[0].data.journey}\``;
            const named = first.map((o) => `\`${o.data.journey}\``).join(', ');
            return `\`${stage}\` in ${n.toLocaleString('en')} journeys (${named}${n > MAX_NAMED ? ', …' : ''})`;
          })
          .join(', ');
        report({
          range,
          message:
            `The stage "${data.name}" maps to the lifecycle stage \`${mine}\` here, but to ${elsewhere}. ` +
            'A stage of one name should mean one step of the lifecycle: map both to the same stage, or rename one of them.',
          related,
        });
      }
    }
  },
};

/** How many journeys a message names per lifecycle stage, and how many places it links. */
const MAX_NAMED = 3;
const MAX_RELATED = 20;

function stageGroups(index: IndexView, key: string): FacetGroups<StageNameEntry> {
  return index.facetGroups
    ? index.facetGroups<StageNameEntry>(STAGE_NAME_FACET, key)
    : groupFacetEntries(index.facet<StageNameEntry>(STAGE_NAME_FACET, key));
}

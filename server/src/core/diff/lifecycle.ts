/** Journey stages added, removed or renamed, and lifecycle mappings (`lifecycleStage`) changed. */
import type { MatchedKinds } from './entities';
import { byFileThenId } from './match';
import type { EntityFact } from './snapshot';
import type { DiffLifecycle, DiffValue } from './types';

/** The `lifecycleStage` a stage or segment maps to. */
function mapping(f: EntityFact): string | undefined {
  const e = f.entity;
  return e.kind === 'stage' || e.kind === 'segment' ? e.lifecycleStage?.value : undefined;
}

/** Compares stages and segments matched on both sides, and the config's lifecycle stages. */
export function lifecycleChanges(
  m: MatchedKinds,
  baseStages: readonly string[],
  headStages: readonly string[],
): DiffLifecycle {
  const mappings: DiffValue[] = [];
  for (const [b, h] of [...m.stage.pairs, ...m.segment.pairs]) {
    const before = mapping(b);
    const after = mapping(h);
    if (before !== after) mappings.push({ id: h.id, file: h.file, field: h.kind, before, after });
  }
  return {
    stages: m.stage.ids,
    mappings: mappings.sort(byFileThenId),
    vocabulary: {
      added: headStages.filter((s) => !baseStages.includes(s)),
      removed: baseStages.filter((s) => !headStages.includes(s)),
    },
  };
}

/**
 * The comparison behind `cx-taxonomy diff`: two checked workspaces (a base and a head) in, what
 * changed in meaning out. Pure: the CLI loads each side through the one loader. One module per
 * aspect: entities (with the matching the others use), ownership, glossary, KPIs, governance
 * (owners and statuses of the other kinds), lifecycle, problems.
 */
import type { TaxonomyWorkspace } from '../workspace';
import { entityChanges, matchAll } from './entities';
import { glossaryChanges } from './glossary';
import { governanceChanges } from './governance';
import { kpiChanges } from './kpis';
import { lifecycleChanges } from './lifecycle';
import { ownershipChanges } from './ownership';
import { problemChanges } from './problems';
import { takeSnapshot } from './snapshot';
import type { TaxonomyDiff } from './types';

export type * from './types';

/** Compares two checked workspaces (flush each first): what the head changes of the base. */
export function diffTaxonomies(base: TaxonomyWorkspace, head: TaxonomyWorkspace): TaxonomyDiff {
  const b = takeSnapshot(base);
  const h = takeSnapshot(head);
  const m = matchAll(b, h);
  return {
    entities: entityChanges(m),
    ownership: ownershipChanges(m),
    glossary: glossaryChanges(m),
    kpis: kpiChanges(m),
    governance: governanceChanges(m),
    lifecycle: lifecycleChanges(m, b.lifecycleStages, h.lifecycleStages),
    problems: problemChanges(b.problems, h.problems),
  };
}

/** Whether the change introduces a problem of severity error (`--fail-on new-errors`). */
export function introducesErrors(d: TaxonomyDiff): boolean {
  return d.problems.introduced.some((p) => p.severity === 'error');
}

import { addMapEntryFix } from '../edit';
import { effectiveOwner } from '../ownership';
import type { Fix } from '../types';
import type { Rule } from './types';

/**
 * A touchpoint nobody owns: neither the touchpoint nor its stage names an owner. This is the gap
 * the seeds complain about most (only 7% of sales leaders and 9% of CMOs see themselves as
 * owners of the customer experience), so it is an error by default.
 */
export const touchpointOwner: Rule = {
  id: 'touchpoint-owner',
  defaultSeverity: 'error',
  description: "A touchpoint has no owner: neither its own `owner` nor its stage's.",
  appliesTo: ['journey'],
  check({ file, index, report }) {
    for (const model of file.models) {
      for (const journey of model.entities) {
        if (journey.kind !== 'journey') continue;
        for (const stage of journey.stages) {
          for (const tp of stage.touchpoints) {
            if (effectiveOwner(tp, stage)) continue;
            const label = tp.name?.value ?? tp.id?.value ?? 'This touchpoint';
            const range = tp.id?.range ?? tp.name?.range ?? tp.range;
            const fixes: Fix[] = [];
            // The owner line goes right after the touchpoint's id (or name), as a person would write it.
            const after = tp.id ? 'id' : tp.name ? 'name' : undefined;
            const candidates = new Set<string>();
            for (const t of journey.owner?.teams ?? []) candidates.add(t.value);
            const teams = [...candidates].filter((team) => index.definitions('team', team).length > 0);
            if (after) {
              for (const team of teams) {
                const title = `Make \`${team}\` the owner of touchpoint \`${label}\``;
                const at = { docIndex: model.docIndex, pointer: tp.pointer };
                fixes.push(addMapEntryFix(title, fixes.length === 0, file, at, 'owner', team, after));
              }
            }
            // The message offers the stage as the other place for an owner: so does a fix. It is
            // never preferred, since it also gives the stage's other touchpoints that owner.
            const stageAfter = stage.id ? 'id' : stage.name ? 'name' : undefined;
            if (stageAfter && !stage.owner) {
              const stageLabel = stage.name?.value ?? stage.id?.value ?? '?';
              for (const team of teams) {
                const title = `Make \`${team}\` the owner of stage \`${stageLabel}\` (and of its touchpoints without one)`;
                const at = { docIndex: model.docIndex, pointer: stage.pointer };
                fixes.push(addMapEntryFix(title, false, file, at, 'owner', team, stageAfter));
              }
            }
            report({
              range,
              message: `Touchpoint \`${label}\` in stage \`${stage.name?.value ?? stage.id?.value ?? '?'}\` has no owner. Give it an \`owner\` (or give its stage one), so a team is accountable for it.`,
              fixes: fixes.length ? fixes : undefined,
            });
          }
        }
      }
    }
  },
};

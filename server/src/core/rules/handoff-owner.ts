import { effectiveOwner } from '../ownership';
import type { Rule } from './types';

/** A handoff must pass the customer to another team, and name it. */
export const handoffOwner: Rule = {
  id: 'handoff-owner',
  defaultSeverity: 'warning',
  description: 'A `handoff` names no team, or the team that already owns the touchpoint.',
  appliesTo: ['journey'],
  check({ file, report }) {
    for (const model of file.models) {
      for (const journey of model.entities) {
        if (journey.kind !== 'journey') continue;
        for (const stage of journey.stages) {
          for (const tp of stage.touchpoints) {
            if (tp.handoffEmpty) {
              report({
                range: tp.handoffEmpty,
                message: `The handoff of touchpoint \`${tp.id?.value ?? '?'}\` names no team. Name the team that takes over, or remove \`handoff\`.`,
              });
              continue;
            }
            if (!tp.handoff) continue;
            const eff = effectiveOwner(tp, stage);
            if (eff && eff.owner.teams.some((t) => t.value === tp.handoff!.value)) {
              report({
                range: tp.handoff.range,
                message: `Touchpoint \`${tp.id?.value ?? '?'}\` hands off to \`${tp.handoff.value}\`, which already owns it${eff.inherited ? ' (through its stage)' : ''}. A handoff passes the customer to a different team.`,
              });
            }
          }
        }
      }
    }
  },
};

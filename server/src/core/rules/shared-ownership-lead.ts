import { TAXONOMY_KINDS } from '../domain';
import { addMapEntryFix, setScalarFix } from '../edit';
import { allEntities } from '../model';
import { childPointer } from '../yaml';
import type { Fix } from '../types';
import type { Rule } from './types';

/** Shared ownership needs one accountable team: `owner: [a, b]` with `lead: a`. */
export const sharedOwnershipLead: Rule = {
  id: 'shared-ownership-lead',
  defaultSeverity: 'warning',
  description: 'An `owner` list of several teams needs a `lead` naming the one accountable team, chosen from the list.',
  appliesTo: TAXONOMY_KINDS,
  check({ file, report }) {
    for (const model of file.models) {
      for (const e of allEntities(model)) {
        const o = e.owner;
        if (!o) continue;
        const teams = [...new Set(o.teams.map((t) => t.value))];
        if (o.lead) {
          if (!teams.includes(o.lead.value)) {
            report({
              range: o.lead.range,
              message: `The lead \`${o.lead.value}\` is not one of the owners (${teams.join(', ') || 'none'}). The lead must be one of the \`owner\` list.`,
              fixes: teams.map((t, i) => setScalarFix(`Make \`${t}\` the lead`, i === 0, file, o.lead!.range, t)),
            });
          }
          continue;
        }
        if (teams.length < 2) continue;
        const fixes: Fix[] = [];
        // The lead goes next to the owner it picks from, in the mapping that holds that owner
        // (an owner inherited from the glossary's top level is not this entity's to edit).
        if (file.readers[model.docIndex]?.has(childPointer(e.pointer, 'owner'))) {
          for (const t of teams)
            fixes.push(
              addMapEntryFix(
                `Make \`${t}\` the lead`,
                fixes.length === 0,
                file,
                { docIndex: model.docIndex, pointer: e.pointer },
                'lead',
                t,
                'owner',
              ),
            );
        }
        report({
          range: o.range,
          message: `${teams.length} teams share this ${e.kind} (${teams.join(', ')}) but none is the lead. Add \`lead:\` with the one team accountable for it.`,
          fixes: fixes.length ? fixes : undefined,
        });
      }
    }
  },
};

import { insertSiblingLine } from '../edits';
import { allEntities } from '../model';
import type { Fix } from '../types';
import type { Rule } from './types';

/** Shared ownership needs one accountable team: `owner: [a, b]` with `lead: a`. */
export const sharedOwnershipLead: Rule = {
  id: 'shared-ownership-lead',
  defaultSeverity: 'warning',
  description: 'An `owner` list of several teams needs a `lead` naming the one accountable team, chosen from the list.',
  appliesTo: ['teams', 'glossary', 'persona', 'segment', 'journey', 'kpi'],
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
              fixes: teams.map((t, i) => ({ title: `Make \`${t}\` the lead`, isPreferred: i === 0, edits: [{ uri: file.uri, range: o.lead!.range, newText: t }] })),
            });
          }
          continue;
        }
        if (teams.length < 2) continue;
        const reader = file.readers[model.docIndex];
        const ownerKeyStart = reader?.span(`${e.pointer}/owner`)?.keyStart;
        const fixes: Fix[] = [];
        if (ownerKeyStart !== undefined) {
          const pos = file.lines.positionAt(ownerKeyStart);
          // The lead line goes after the owner value, which may span several lines in block style.
          const endLine = o.range.end.line;
          const anchor = { line: endLine, character: pos.character };
          for (const t of teams) {
            const edit = insertSiblingLine(file, endLine === pos.line ? pos : anchor, 'lead', t);
            if (edit) fixes.push({ title: `Make \`${t}\` the lead`, edits: [edit], isPreferred: fixes.length === 0 });
          }
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

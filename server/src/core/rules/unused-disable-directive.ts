import { FILE_KINDS } from '../domain';
import {
  DIRECTIVE_MARKER,
  removeDirectiveEdit,
  removeRulesEdit,
  UNUSED_DISABLE_DIRECTIVE_RULE_ID,
  type UnusedDirective,
} from '../suppressions';
import type { TaxonomyFile } from '../taxonomyFile';
import type { Rule, RuleReport } from './types';

/**
 * A suppression comment that silences nothing: the problem it was written for is gone, and the
 * comment would hide the next one. Whether a directive silenced anything is known only once every
 * other rule has checked the file, so the workspace reports these after the rules run
 * (`unusedDirectiveReports`), at this rule's severity. The editor shows them as faded hints; the
 * CLI reports them only with `--report-unused-disable-directives`, as ESLint does.
 */
export const unusedDisableDirective: Rule = {
  id: UNUSED_DISABLE_DIRECTIVE_RULE_ID,
  defaultSeverity: 'hint',
  description:
    'A `cx-taxonomy-disable` comment silences no problem (the CLI reports it with `--report-unused-disable-directives`).',
  appliesTo: FILE_KINDS,
  fixable: 'safe',
  check() {
    // Reported by the workspace after every other rule (see above).
  },
};

/** The reports for one unused directive: one for the whole comment, or one per idle rule of its list. */
export function unusedDirectiveReports(file: TaxonomyFile, u: UnusedDirective): RuleReport[] {
  const d = u.directive;
  if (!u.rules) {
    const named = d.rules.map((r) => `\`${r.id}\``).join(', ');
    return [
      {
        range: file.lines.range(d.start, d.end),
        message: `Unused ${DIRECTIVE_MARKER} directive (no problems were reported${named ? ` from ${named}` : ''}): remove it.`,
        unnecessary: true,
        fixes: [
          {
            title: `Remove the unused ${DIRECTIVE_MARKER} comment`,
            edits: [removeDirectiveEdit(file, d)],
            isPreferred: true,
          },
        ],
      },
    ];
  }
  return u.rules.map((r) => ({
    range: file.lines.range(r.start, r.end),
    message: `Unused ${DIRECTIVE_MARKER} directive (no problems were reported from \`${r.id}\`): remove \`${r.id}\` from it.`,
    unnecessary: true,
    fixes: [
      {
        title: `Remove \`${r.id}\` from the ${DIRECTIVE_MARKER} comment`,
        edits: [removeRulesEdit(file, d, [r])],
        isPreferred: true,
      },
    ],
  }));
}

import { FILE_KINDS } from '../domain';
import { closest } from '../suggest';
import { directivesOf, DIRECTIVE_MARKER, DISABLE_DIRECTIVE_RULE_ID } from '../suppressions';
import type { Rule } from './types';

/**
 * A suppression comment that cannot do what it says: it names a rule that does not exist (as
 * ESLint reports "Definition for rule ... was not found"), or it is a file-level directive below
 * the file's first lines, where it would silence findings above it without anyone seeing why.
 */
export const disableDirective: Rule = {
  id: DISABLE_DIRECTIVE_RULE_ID,
  defaultSeverity: 'error',
  description:
    'A `cx-taxonomy-disable` comment names a rule that does not exist, or a file-level one is not in the comments at the top of the file.',
  appliesTo: FILE_KINDS,
  check({ file, knownRules, report }) {
    for (const d of directivesOf(file)) {
      if (d.misplaced) {
        report({
          range: file.lines.range(d.start, d.end),
          message: `\`${DIRECTIVE_MARKER}\` for the whole file counts only in the comments at its top, before any content: move it there, or use \`${DIRECTIVE_MARKER}-next-line\` here.`,
        });
        continue;
      }
      for (const r of d.rules) {
        if (knownRules.has(r.id)) continue;
        const guess = closest(r.id, knownRules);
        const range = file.lines.range(r.start, r.end);
        report({
          range,
          message: `Definition for rule \`${r.id}\` was not found, so this comment silences nothing for it.${guess ? ` Did you mean \`${guess}\`?` : ''}`,
          fixes: guess
            ? [{ title: `Change to \`${guess}\``, edits: [{ uri: file.uri, range, newText: guess }] }]
            : undefined,
        });
      }
    }
  },
};

import type { Located, Term } from '../model';
import type { Rule } from './types';

/**
 * An approved term that links (`broader`, `related`, `equivalent`) to a deprecated one: readers
 * following the approved definition are sent to a word the glossary retired.
 */
export const deprecatedLink: Rule = {
  id: 'deprecated-link',
  defaultSeverity: 'warning',
  description: 'An approved glossary term links to a deprecated term through `broader`, `related` or `equivalent`.',
  appliesTo: ['glossary'],
  check({ file, index, report }) {
    for (const model of file.models) {
      for (const e of model.entities) {
        if (e.kind !== 'term' || e.status?.value !== 'approved') continue;
        const links: [string, Located<string>][] = [
          ...e.broader.map((b) => ['broader', b] as [string, Located<string>]),
          ...e.related.map((r) => ['related', r] as [string, Located<string>]),
          ...(e.equivalent ? [['equivalent', e.equivalent] as [string, Located<string>]] : []),
        ];
        for (const [field, ref] of links) {
          const def = index.definitions('term', ref.value).find((d) => d.entity.kind === 'term');
          if (!def || (def.entity as Term).status?.value !== 'deprecated') continue;
          const other = def.entity as Term;
          report({
            range: ref.range,
            message:
              `This approved term links in \`${field}\` to \`${ref.value}\`${other.label ? ` ("${other.label.value}")` : ''}, which is deprecated. ` +
              'Link to the term that replaced it, or remove the link.',
            related: [
              { location: { uri: def.uri, range: def.range }, message: `The deprecated term \`${ref.value}\`` },
            ],
            deprecated: true,
          });
        }
      }
    }
  },
};

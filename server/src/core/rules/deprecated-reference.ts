import { entityNoun, TAXONOMY_KINDS } from '../domain';
import { setScalarFix } from '../edit';
import type { Definition } from '../index/entries';
import { statusHolderAt, type DocModel, type RefSite } from '../model';
import type { Fix } from '../types';
import type { Rule } from './types';

/** The glossary links `deprecated-link` reports when an approved term writes them. */
const TERM_LINKS: ReadonlySet<string> = new Set(['broader', 'related', 'equivalent']);

/**
 * An id reference to an entity or glossary term whose status is `deprecated`, with a fix that
 * writes the id its `replacedBy` names.
 *
 * Not reported: references written by an entity that is itself deprecated (they retire
 * together), except its own `replacedBy`, since a replacement that is retired too sends readers
 * on; and an approved term's `broader`, `related` and `equivalent`, which `deprecated-link` reports.
 */
export const deprecatedReference: Rule = {
  id: 'deprecated-reference',
  defaultSeverity: 'warning',
  description:
    'A reference names an entity or glossary term whose status is `deprecated`; the quick fix writes the id its `replacedBy` names.',
  appliesTo: TAXONOMY_KINDS,
  // `replacedBy` names the one id to write instead; the fix is offered only when it is defined.
  fixable: 'safe',
  check({ file, index, report }) {
    for (const model of file.models) {
      for (const ref of model.refs) {
        const defs = index.definitions(ref.kind, ref.id.value);
        // The status kept on the definition: a file that let its model go need not build it to say so.
        if (defs.length === 0 || !defs.every((d) => d.status === 'deprecated')) continue;
        const writer = statusHolderAt(model, ref.id.range.start)?.status?.value;
        if (writer === 'deprecated' && ref.field !== 'replacedBy') continue;
        if (writer === 'approved' && file.kind === 'glossary' && ref.kind === 'term' && TERM_LINKS.has(ref.field))
          continue;
        const noun = entityNoun(ref.kind);
        const what = `\`${ref.id.value}\`${quotedName(defs[0])} is a deprecated ${noun}`;
        const replacements = [...new Set(defs.map((d) => d.entity.replacedBy?.value).filter((v) => v !== undefined))];
        const fixes: Fix[] = [];
        let message: string;
        if (replacements.length === 1 && replacements[0] !== ref.id.value) {
          const by = replacements[0];
          const byDefs = index.definitions(ref.kind, by);
          const replaced = `${what}, replaced by \`${by}\`${byDefs.length ? quotedName(byDefs[0]) : ''}`;
          if (alreadyListed(model, ref, by))
            message = `${replaced}, which this list already names. Remove \`${ref.id.value}\`.`;
          else if (byDefs.length === 0) message = `${replaced}, which nothing defines yet.`;
          else {
            message = `${replaced}. Refer to \`${by}\` instead.`;
            fixes.push(setScalarFix(`Replace with \`${by}\``, true, file, ref.id.range, by, ref.id.value));
          }
        } else if (replacements.length > 1) {
          message = `${what}; its definitions name different replacements (${replacements.map((r) => `\`${r}\``).join(', ')}).`;
        } else {
          message = `${what} that names no replacement (\`replacedBy\`). Refer to a current ${noun}, or remove the reference.`;
        }
        report({
          range: ref.id.range,
          message,
          related: defs.map((d) => ({
            location: { uri: d.uri, range: d.entity.status?.range ?? d.range },
            message: `\`${ref.id.value}\` is deprecated here`,
          })),
          fixes: fixes.length ? fixes : undefined,
          deprecated: true,
        });
      }
    }
  },
};

/** The name (or a term's label) of what a definition defines, quoted for a message, after a space. */
function quotedName(d: Definition): string {
  const e = d.entity;
  const name = e.kind === 'term' ? (e.label?.value ?? e.name?.value) : e.name?.value;
  return name ? ` ("${name.replace(/\s+/g, ' ')}")` : '';
}

/** True when the list holding `ref` already names `id` (replacing would list it twice). */
function alreadyListed(model: DocModel, ref: RefSite, id: string): boolean {
  const parent = (p: string) => p.slice(0, p.lastIndexOf('/'));
  const list = parent(ref.id.pointer);
  return model.refs.some(
    (r) => r !== ref && r.field === ref.field && parent(r.id.pointer) === list && r.id.value === id,
  );
}

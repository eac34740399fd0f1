import type { TaxonomyFile } from '../taxonomyFile';
import type { TaxonomyWorkspace } from '../workspace';
import type { Term } from '../model';
import type { Definition } from '../index/entries';
import type { Range } from '../types';
import { entityTitle } from '../domain';
import { entityCard, glossaryCard } from './cards';
import { definitionsOf, idAt, nodeAt } from './lookup';
import { inlineCode } from '../text/escape';
import { propertyDoc, schemaKindOf } from './schemaDocs';
import { findTermAt } from './terms-lookup';
import { valueCard } from './values';

/** A hover card: Markdown built from escaped user text, and the range it is about. */
export interface HoverResult {
  markdown: string;
  range?: Range;
}

/**
 * The hover card at an offset:
 * - on an id (definition or reference): the entity's card (the glossary card for terms);
 * - on a key: the schema's description of it;
 * - on the value of an enumerated or suggested field: what the value means (a lifecycle stage
 *   also lists the journey stages mapped to it);
 * - on a glossary term, alias or label to avoid in free text or a Markdown doc: the glossary card.
 */
export function hover(workspace: TaxonomyWorkspace, file: TaxonomyFile, offset: number): HoverResult | undefined {
  if (file.unreadable) return undefined;
  if (file.kind !== 'markdown' && file.kind !== 'config') {
    const id = idAt(workspace, file, offset);
    if (id) {
      const defs = definitionsOf(workspace, id);
      if (defs.length === 0) {
        return {
          markdown: `**${entityTitle(id.kind)}** ${inlineCode(id.id)} is not defined anywhere in this taxonomy.`,
          range: id.range,
        };
      }
      const cards = defs.map((d) => entityCard(workspace, d));
      const note = defs.length > 1 ? `\n\n---\n\n⚠ ${defs.length} definitions share this id.` : '';
      return { markdown: cards.join('\n\n---\n\n') + note, range: id.range };
    }
  }
  const kind = schemaKindOf(file);
  if (kind) {
    const node = nodeAt(file, offset);
    if (node?.onKey) {
      const doc = propertyDoc(kind, node.path);
      const key = node.path[node.path.length - 1];
      if (doc?.description) {
        const span = node.reader.span(node.pointer);
        const range =
          span?.keyStart !== undefined && span.keyEnd !== undefined
            ? file.lines.range(span.keyStart, span.keyEnd)
            : undefined;
        // Schema descriptions are our own text, written in Markdown on purpose; the key is the user's.
        return { markdown: `${inlineCode(key)}${doc.required ? ' (required)' : ''}\n\n${doc.description}`, range };
      }
      return undefined;
    }
    // On the value of an enumerated or suggested field (`lifecycleStage: onboarding`): what it means.
    if (node) {
      const value = node.reader.string(node.pointer);
      const card = value ? valueCard(workspace, kind, node.path, value.value) : undefined;
      if (card && value) return { markdown: card, range: value.range };
    }
    // On a glossary label (`term`, an alias, a label to avoid): the card of its term.
    if (
      node &&
      file.kind === 'glossary' &&
      node.path[0] === 'terms' &&
      ['term', 'aliases', 'avoid'].includes(node.path[2])
    ) {
      const model = file.models[node.reader.doc.index];
      const entity = model?.entities.find((e) => e.pointer === `/terms/${node.path[1]}`);
      const def = entity?.id
        ? workspace.index.definitions('term', entity.id.value).find((d) => d.entity === entity)
        : undefined;
      if (def && def.entity.kind === 'term') {
        const span = node.reader.span(node.pointer);
        return {
          markdown: glossaryCard(workspace, def as Definition & { entity: Term }),
          range: span ? file.lines.range(span.start, span.end) : undefined,
        };
      }
    }
  }
  const term = findTermAt(workspace, file, offset);
  if (term)
    return {
      markdown: glossaryCard(workspace, term.definition, { text: term.text, via: term.via }),
      range: term.range,
    };
  return undefined;
}

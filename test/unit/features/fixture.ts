import type { TaxonomyWorkspace } from '../../../server/src/core';
import { baseTaxonomy, lines, memoryWorkspace, uriOf, withCursor } from '../../support/workspace';

/** The base taxonomy plus a glossary in each vocabulary and a doc, for feature tests. */
export function featureTaxonomy(): Record<string, string> {
  return {
    ...baseTaxonomy(),
    'cx.glossary.yaml': lines(
      'kind: glossary',
      'vocabulary: cx',
      'owner: cx-ops',
      'terms:',
      '  - id: persona',
      '    term: Persona',
      '    definition: A research-based portrait of one type of customer.',
      '    aliases: [customer persona]',
      '    avoid: [buyer avatar]',
      '    equivalent: segment',
      '    status: approved',
      '  - id: customer-journey',
      '    term: Customer journey',
      '    definition: "Everything a customer goes through: [click](command:evil) <b>bold</b>"',
      '    aliases: [journey map]',
      '    status: approved',
    ),
    'mkt.glossary.yaml': lines(
      'kind: glossary',
      'vocabulary: marketing',
      'owner: brand-marketing',
      'terms:',
      '  - id: segment',
      '    term: Segment',
      '    definition: A group of customers we reach the same way.',
      '    equivalent: persona',
    ),
    'docs/guide.md': lines('# Guide', '', 'Every persona has a customer journey.', '', '```', 'persona in code', '```'),
  };
}

/** A workspace of the feature taxonomy where one file's text holds a `$$` cursor marker. */
export function workspaceWithCursor(
  path: string,
  textWithCursor: string,
  extra: Record<string, string> = {},
): { ws: TaxonomyWorkspace; uri: string; offset: number } {
  const { text, offset } = withCursor(textWithCursor);
  const ws = memoryWorkspace({ ...featureTaxonomy(), ...extra, [path]: text });
  return { ws, uri: uriOf(path), offset };
}

/** A workspace of the feature taxonomy with the cursor on the first occurrence of `needle` in a file. */
export function cursorOn(
  path: string,
  needle: string,
  delta = 1,
  files: Record<string, string> = featureTaxonomy(),
): { ws: TaxonomyWorkspace; uri: string; offset: number } {
  const ws = memoryWorkspace(files);
  const text = files[path];
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in ${path}`);
  return { ws, uri: uriOf(path), offset: i + delta };
}

import glossarySchema from '../../../../schemas/glossary.schema.json';

/** The glossary vocabularies, in the order of the glossary schema's `vocabulary` enum. */
export const GLOSSARY_VOCABULARIES: readonly string[] = glossarySchema.$defs.vocabulary.enum;

/** How a vocabulary is named in messages: "CX" for cx, the function's own name otherwise. */
export function vocabularyName(vocabulary: string): string {
  return vocabulary === 'cx' ? 'CX' : vocabulary;
}

/** The vocabulary of a glossary or term that names none: shared by every team. */
export const SHARED_VOCABULARY = 'shared';

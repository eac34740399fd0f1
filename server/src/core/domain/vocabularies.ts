import glossarySchema from '../../../../schemas/glossary.schema.json';

/** The glossary vocabularies, in the order of the glossary schema's `vocabulary` enum. */
export const GLOSSARY_VOCABULARIES: readonly string[] = glossarySchema.$defs.vocabulary.enum;

/** The vocabulary of a glossary or term that names none: shared by every team. */
export const SHARED_VOCABULARY = 'shared';

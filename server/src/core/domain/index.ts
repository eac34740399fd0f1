/**
 * The domain: each fact about the taxonomy's files and vocabularies, defined once and, where the
 * JSON Schemas (the published contract) hold it, read from them. Everything else imports it from
 * here; test/unit/domain.test.ts checks it against the schemas. Browser code (the webviews)
 * imports the one submodule it needs, so it does not bundle every schema.
 */
export * from './kinds';
export * from './functions';
export * from './defaults';
export * from './vocabularies';
export * from './fields';
export * from './nouns';
export * from './templates';

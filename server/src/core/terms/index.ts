/**
 * Glossary terms in free text: the normalisation of labels, the term matcher, the Markdown and
 * YAML views of prose it reads, and the compiled glossary of a workspace.
 */
export * from './normalise';
export * from './matcher';
export * from './markdown';
export * from './scalar';
export * from './prose';
export * from './glossary';
export * from './replace';
export * from './vocabulary';
export * from './uses';

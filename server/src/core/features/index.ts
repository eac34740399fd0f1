/**
 * Language features over the taxonomy core, as pure functions: each takes the workspace, a file
 * and an offset and returns plain data. Nothing here knows about LSP; server/src/lsp converts.
 */
export * from './codeActions';
export * from './completion';
export * from './disable';
export * from './fixAll';
export * from './folding';
export * from './highlights';
export * from './hover';
export * from './lookup';
export * from './navigation';
export * from './outline';
export * from './schemaDocs';
export * from './selectionRanges';
export * from './symbols';
export * from './terms-lookup';
export * from './yamlCursor';

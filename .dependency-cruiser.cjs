// Import cycles in the product code (`npm run check:cycles`). Type-only imports count too: a cycle of
// types still ties two modules together. Paths resolve through tsconfig.json as tsc resolves them.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules must not import each other, directly or through others: split the shared part out.',
      from: { path: '^(server/src|client)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|out)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
    progress: { type: 'none' },
  },
};

// vscode-languageclient 11 publishes its entry points through package.json `exports`, which the
// repository's `moduleResolution: node` does not read; point the compiler at the typings
// (esbuild resolves `exports` itself when bundling).
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}

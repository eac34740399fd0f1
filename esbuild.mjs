// Bundles the extension client, the language server and the CLI into dist/ for Node.
// `--production` minifies and writes no source maps: the .vsix and the npm package leave *.map
// out, so a `sourceMappingURL` would point at nothing. `--watch` rebuilds on change.
// Every package but `vscode` is bundled, so the npm package and the .vsix need no dependencies.
// It prints nothing on stdout (esbuild logs warnings and errors on stderr): it runs as `prepare`
// inside `npm pack`, whose stdout is read as the tarball's name (pre-commit does).
import { readFileSync } from 'node:fs';

// `npm install <path to a clone>` runs this in a clone whose devDependencies were never installed:
// say what to do rather than print a module-resolution stack.
const esbuild = await import('esbuild').catch((e) => {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
  process.stderr.write(
    'cx-taxonomy: esbuild is not installed here: run `npm ci` in this folder first (it installs the build tools and builds dist/).\n',
  );
  process.exit(1);
});

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  external: ['vscode'],
  logLevel: 'warning',
  define: { CX_TAXONOMY_VERSION: JSON.stringify(pkg.version) },
};

/** Webview assets run in the browser sandbox of a webview, not in Node. */
const webview = { platform: 'browser', format: 'iife', target: 'es2022' };

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The YAML parse worker both the CLI and the server start (server/src/node/parsePool.ts finds it next to them).
  { entryPoints: ['server/src/node/parseWorker.ts'], outfile: 'dist/parseWorker.js' },
  // Webview scripts and styles: the only files a webview may load (localResourceRoots: dist/media).
  { entryPoints: ['client/webview/journeyMap.ts'], outfile: 'dist/media/journeyMap.js', ...webview },
  { entryPoints: ['client/webview/ownershipReport.ts'], outfile: 'dist/media/ownershipReport.js', ...webview },
  { entryPoints: ['client/media/journeyMap.css'], outfile: 'dist/media/journeyMap.css', ...webview },
  { entryPoints: ['client/media/ownershipReport.css'], outfile: 'dist/media/ownershipReport.css', ...webview },
];

if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}

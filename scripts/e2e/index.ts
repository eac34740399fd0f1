/**
 * The end-to-end harness: a real VS Code workbench (code-server) in headless chromium.
 * Scenarios import from here; `bash scripts/e2e/setup.sh` installs what it needs.
 */
export { withWorkbench, stopAllWorkbenches, currentWorkbench, Workbench } from './workbench';
export { packageVsix } from './vsix';
export { poll, withTimeout } from './wait';
export { assertSetup, repoRoot, cacheDir, logsRoot } from './paths';

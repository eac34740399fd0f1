/**
 * The end-to-end harness: a real VS Code workbench (code-server) in headless chromium.
 * Scenarios import from here; `bash scripts/e2e/setup.sh` installs what it needs.
 */
export { withWorkbench, launchWorkbench, stopAllWorkbenches, currentWorkbench, Workbench } from './workbench';
export type { WorkbenchOptions, RunningWorkbench, ProblemRow, SuggestRow, Squiggle } from './workbench';
export { packageVsix } from './vsix';
export { poll, withTimeout } from './wait';
export type { PollOptions } from './wait';
export { assertSetup, repoRoot, cacheDir, logsRoot, screenshotsDir } from './paths';
export { baseSettings } from './code-server';

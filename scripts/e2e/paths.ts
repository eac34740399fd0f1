/**
 * Where the end-to-end harness finds and keeps things. Every path is derived from this file's
 * own location, so the harness works from any checkout.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The repository root (two levels above scripts/e2e/). */
export const repoRoot = path.resolve(__dirname, '..', '..');

/** The git-ignored cache that setup.sh fills (override with CX_E2E_CACHE, as setup.sh does). */
export const cacheDir = process.env.CX_E2E_CACHE
  ? path.resolve(process.env.CX_E2E_CACHE)
  : path.join(repoRoot, '.cache', 'e2e');

/** code-server's launcher, installed by setup.sh. */
export const codeServerBin = path.join(cacheDir, 'code-server', 'node_modules', '.bin', 'code-server');

/** Marker setup.sh writes once code-server works. */
const codeServerMarker = path.join(cacheDir, 'code-server', '.cx-e2e-installed');

/** Debian's chromium (override with CX_E2E_CHROMIUM). */
export const chromiumPath = process.env.CX_E2E_CHROMIUM || '/usr/bin/chromium';

/** One folder per workbench run: code-server's log, the browser console, VS Code's own logs. */
export const logsRoot = path.join(cacheDir, 'logs');

/**
 * Where a test run saves its screenshots: the git-ignored test-results/screenshots/, so running
 * the suites never modifies tracked files. `npm run screenshots` points CX_E2E_SCREENSHOTS at
 * test/e2e-web/screenshots/ (the committed screenshots the README shows) to refresh them by hand.
 */
export const screenshotsDir = process.env.CX_E2E_SCREENSHOTS
  ? path.resolve(process.env.CX_E2E_SCREENSHOTS)
  : path.join(repoRoot, 'test-results', 'screenshots');

/** The vsce CLI from the repo's devDependencies. */
export const vsceBin = path.join(repoRoot, 'node_modules', '.bin', 'vsce');

/**
 * Throws a readable error when setup.sh has not run (or its install is broken), so a test run
 * fails in a second with the fix instead of timing out.
 */
export function assertSetup(): void {
  const missing: string[] = [];
  if (!fs.existsSync(codeServerBin) || !fs.existsSync(codeServerMarker)) {
    missing.push(`code-server (expected at ${path.relative(repoRoot, codeServerBin)})`);
  }
  if (!fs.existsSync(chromiumPath)) missing.push(`chromium (expected at ${chromiumPath})`);
  if (!fs.existsSync(vsceBin)) missing.push('vsce (run npm ci)');
  if (missing.length > 0) {
    throw new Error(`e2e setup incomplete: missing ${missing.join(', ')}. Run: bash scripts/e2e/setup.sh`);
  }
}

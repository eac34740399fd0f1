/**
 * Entry point of `npm run test:vscode`: downloads VS Code (the engines minimum unless
 * CX_VSCODE_VERSION says otherwise), opens a temp copy of samples/with-problems with the
 * extension under development, and runs the mocha suite in test/e2e/suite inside it.
 * It needs network access to update.code.visualstudio.com; where that is not available the
 * same scenarios run in code-server (`npm run test:e2e`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  // Compiled to out/test/e2e/runTest.js: the repository root is three levels up.
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-vscode-test-'));
  fs.cpSync(path.join(repoRoot, 'samples', 'with-problems'), path.join(workspace, 'with-problems'), {
    recursive: true,
  });
  try {
    await runTests({
      version: process.env.CX_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [
        path.join(workspace, 'with-problems'),
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
      extensionTestsEnv: { CX_TEST_WORKSPACE: path.join(workspace, 'with-problems') },
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error('VS Code tests failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});

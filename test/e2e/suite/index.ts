/**
 * The test module VS Code loads in the extension host (`extensionTestsPath`): runs every
 * `*.test.js` file next to it with mocha. If CX_TEST_RESULT names a file, each test's outcome
 * is also written there as JSON, for hosts whose exit code and console do not reach the runner
 * (the VS Code server in code-server: see runInCodeServer.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface Outcome {
  title: string;
  ms?: number;
  error?: string;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60_000, slow: 5_000 });
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  const passed: Outcome[] = [];
  const failed: Outcome[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (t) => passed.push({ title: t.fullTitle(), ms: t.duration }));
    runner.on('fail', (t, err: Error) => failed.push({ title: t.fullTitle(), error: err?.stack ?? String(err) }));
  });
  if (process.env.CX_TEST_RESULT)
    fs.writeFileSync(process.env.CX_TEST_RESULT, JSON.stringify({ failures, passed, failed }, null, 2));
  if (failures > 0) throw new Error(`${failures} VS Code test(s) failed.`);
}

/**
 * The test module VS Code loads in the extension host (`extensionTestsPath`): runs every
 * `*.test.js` file next to it with mocha. If CX_TEST_RESULT names a file, the outcome is also
 * written there, for hosts whose exit code does not reflect a failed run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60_000, slow: 5_000 });
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (process.env.CX_TEST_RESULT) fs.writeFileSync(process.env.CX_TEST_RESULT, JSON.stringify({ failures }));
  if (failures > 0) throw new Error(`${failures} VS Code test(s) failed.`);
}

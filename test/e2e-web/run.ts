/**
 * Entry point of `npm run test:e2e`: runs the end-to-end scenarios one after another in a real
 * VS Code workbench (code-server + headless chromium), prints PASS/FAIL per step and a closing
 * "N passed, N failed" line, and exits non-zero on any failure or timeout.
 *
 *   npx tsx test/e2e-web/run.ts            smoke scenario, then the cx-taxonomy scenarios
 *   npx tsx test/e2e-web/run.ts --smoke    only the harness smoke scenario
 *   npx tsx test/e2e-web/run.ts --no-smoke only the cx-taxonomy scenarios
 *   npx tsx test/e2e-web/run.ts --grep hover   only scenarios/steps whose name contains "hover"
 *
 * Environment: CX_E2E_TOTAL_TIMEOUT_MS (default 900000), CX_E2E_KEEP=1 keeps temp folders,
 * CX_E2E_RETRIES (default 1 when CI is set, else 0): how many more times a scenario with a failed
 * step is run whole, in a fresh workbench. A busy machine can make a UI step miss its moment;
 * a real failure fails every attempt. Scenarios that pass only on a retry are listed as flaky.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assertSetup, currentWorkbench, logsRoot, stopAllWorkbenches, withTimeout } from '../../scripts/e2e';
import { smokeScenarios } from './harness-smoke';
import { scenarios } from './scenarios';
import type { Scenario, ScenarioContext } from './scenario';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function slug(text: string): string {
  return text
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/** Scenario temp folders not yet removed (a total timeout or a signal removes them too). */
const liveTempDirs = new Set<string>();

function removeTempDirs(): void {
  if (process.env.CX_E2E_KEEP === '1') return;
  for (const dir of liveTempDirs) fs.rmSync(dir, { recursive: true, force: true });
  liveTempDirs.clear();
}

/** Stops running workbenches and removes temp folders, then exits with `code`. */
function abort(code: number): void {
  void stopAllWorkbenches().finally(() => {
    removeTempDirs();
    process.exit(code);
  });
}

/** What one run of a scenario counted, and the names of the steps that failed. */
interface Outcome {
  tally: Tally;
  failedSteps: string[];
}

async function runScenario(scenario: Scenario, grep: string | undefined): Promise<Outcome> {
  const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
  const failedSteps: string[] = [];
  const reason = scenario.skip?.();
  if (reason) {
    console.log(`SKIP ${scenario.name}: ${reason}`);
    tally.skipped++;
    return { tally, failedSteps };
  }
  const started = Date.now();
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-e2e-scenario-'));
  liveTempDirs.add(tempDir);
  let stepsRun = 0;
  let stepsFailed = 0;
  const matchesGrep = (name: string): boolean => !grep || `${scenario.name} ${name}`.toLowerCase().includes(grep);
  const ctx: ScenarioContext = {
    tempDir,
    log: (message) => console.log(indent(message, '    ')),
    async step(name, body) {
      if (!matchesGrep(name)) {
        tally.skipped++;
        return;
      }
      stepsRun++;
      const stepStarted = Date.now();
      try {
        await body();
        tally.passed++;
        console.log(`  PASS ${name} (${seconds(stepStarted)})`);
      } catch (error) {
        stepsFailed++;
        tally.failed++;
        failedSteps.push(name);
        const shot = await currentWorkbench()
          ?.debugScreenshot(`fail-${slug(name)}`)
          .catch(() => undefined);
        console.log(`  FAIL ${name} (${seconds(stepStarted)})`);
        console.log(indent(error instanceof Error ? error.message : String(error), '       '));
        if (shot) console.log(`       screenshot: ${path.relative(process.cwd(), shot)}`);
      }
    },
  };

  console.log(`\n▶ ${scenario.name}`);
  const timeoutMs = scenario.timeoutMs ?? 180_000;
  try {
    await withTimeout(scenario.run(ctx), timeoutMs, `scenario "${scenario.name}"`);
    if (stepsRun === 0) tally.passed++; // a scenario without steps is one check
    console.log(`${stepsFailed === 0 ? 'PASS' : 'FAIL'} ${scenario.name} (${seconds(started)})`);
  } catch (error) {
    // Stop whatever the scenario left running (after a timeout its body is still waiting).
    await stopAllWorkbenches();
    tally.failed++;
    failedSteps.push('(the scenario itself)');
    console.log(`FAIL ${scenario.name} (${seconds(started)})`);
    console.log(indent(error instanceof Error ? (error.stack ?? error.message) : String(error), '     '));
  } finally {
    removeTempDirs();
  }
  return { tally, failedSteps };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const onlySmoke = args.includes('--smoke');
  const noSmoke = args.includes('--no-smoke');
  const grepIndex = args.indexOf('--grep');
  const grep = grepIndex >= 0 ? args[grepIndex + 1]?.toLowerCase() : undefined;

  try {
    assertSetup();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }

  const selected = [...(noSmoke ? [] : smokeScenarios), ...(onlySmoke ? [] : scenarios)];
  const started = Date.now();
  const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
  console.log(`e2e: ${selected.length} scenario(s); logs in ${path.relative(process.cwd(), logsRoot) || logsRoot}`);
  const retries = Number(process.env.CX_E2E_RETRIES ?? (process.env.CI ? 1 : 0));
  const flaky: string[] = [];
  for (const scenario of selected) {
    let outcome = await runScenario(scenario, grep);
    for (let attempt = 1; outcome.tally.failed > 0 && attempt <= retries; attempt++) {
      const first = outcome;
      console.log(`\nRETRY (${attempt} of ${retries}) ${scenario.name}: failed: ${first.failedSteps.join('; ')}`);
      outcome = await runScenario(scenario, grep);
      if (outcome.tally.failed === 0) flaky.push(`${scenario.name}: ${first.failedSteps.join('; ')}`);
    }
    tally.passed += outcome.tally.passed;
    tally.failed += outcome.tally.failed;
    tally.skipped += outcome.tally.skipped;
  }
  console.log(`\ne2e finished in ${seconds(started)}`);
  for (const line of flaky) console.log(`FLAKY (passed on a retry) ${line}`);
  console.log(
    `e2e: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped${flaky.length ? `, ${flaky.length} flaky` : ''}`,
  );
  return tally.failed > 0 ? 1 : 0;
}

const totalTimeoutMs = Number(process.env.CX_E2E_TOTAL_TIMEOUT_MS ?? 900_000);
const guard = setTimeout(() => {
  console.log(`\nFAIL e2e: total timeout of ${Math.round(totalTimeoutMs / 1000)} s reached; stopping`);
  abort(1);
}, totalTimeoutMs);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.log(`\ne2e: ${signal}, stopping workbenches`);
    abort(130);
  });
}

main()
  .then((code) => {
    clearTimeout(guard);
    process.exit(code);
  })
  .catch((error) => {
    clearTimeout(guard);
    console.error(error);
    process.exit(1);
  });

/** The shape of an end-to-end scenario, shared by run.ts, harness-smoke.ts and scenarios.ts. */

/** What run.ts hands a scenario. */
export interface ScenarioContext {
  /**
   * Runs one named check and reports it as its own PASS/FAIL line. A failing step is
   * recorded (with a screenshot in the logs folder) and the scenario goes on with the next
   * step, so one workbench start can report several checks.
   */
  step(name: string, body: () => Promise<void>): Promise<void>;
  /** Prints a line under the scenario's name. */
  log(message: string): void;
  /** A temp folder for this scenario (removed afterwards unless CX_E2E_KEEP=1). */
  tempDir: string;
}

/** One scenario: usually starts one workbench with withWorkbench() and runs steps in it. */
export interface Scenario {
  name: string;
  /** Whole-scenario timeout in milliseconds (default 180000). */
  timeoutMs?: number;
  /** Returns a reason to skip (for example, "dist/client.js not built"), or undefined to run. */
  skip?: () => string | undefined;
  run(ctx: ScenarioContext): Promise<void>;
}

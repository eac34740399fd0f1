import { RULE_IDS } from '../core';
import { HELP, parseArgs, UsageError } from './args';
import { formatJson } from './formatters/json';
import { formatStylish, paint } from './formatters/stylish';
import { lint } from './lint';
import { totalsOf } from './report';

declare const CX_TAXONOMY_VERSION: string;

/** Runs the CLI and returns its exit code; all output goes through the given streams. */
export async function run(argv: readonly string[], io: { stdout: NodeJS.WritableStream & { isTTY?: boolean }; stderr: NodeJS.WritableStream & { isTTY?: boolean }; cwd: string; env: NodeJS.ProcessEnv }): Promise<number> {
  try {
    const cmd = parseArgs(argv, RULE_IDS);
    if (cmd.command === 'help') {
      io.stdout.write(HELP);
      return 0;
    }
    if (cmd.command === 'version') {
      io.stdout.write(`${typeof CX_TAXONOMY_VERSION === 'string' ? CX_TAXONOMY_VERSION : 'dev'}\n`);
      return 0;
    }
    const reports = await lint(cmd, io.cwd);
    const color = cmd.color ?? (!io.env.NO_COLOR && io.stdout.isTTY === true);
    io.stdout.write(cmd.format === 'json' ? formatJson(reports) : formatStylish(reports, paint(color)));
    const t = totalsOf(reports);
    if (t.errors > 0) return 1;
    if (cmd.maxWarnings !== undefined && cmd.maxWarnings >= 0 && t.warnings > cmd.maxWarnings) {
      if (cmd.format === 'stylish') io.stdout.write(`cx-taxonomy found too many warnings (maximum: ${cmd.maxWarnings}).\n`);
      return 1;
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`cx-taxonomy: ${err.message}\n`);
      return 2;
    }
    io.stderr.write(`cx-taxonomy: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}

if (require.main === module) {
  run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`cx-taxonomy: internal error: ${String(err)}\n`);
      process.exitCode = 2;
    },
  );
}

import { closest } from '../core';
import { didYouMean } from './argReader';
import { UsageError, type Invocation } from './command';
import { COMMANDS, type CliCommand } from './commands';
import { mainHelp, showHelp } from './commands/help';

/**
 * Reads a command line (argv after `node cli.js`) into the command to run, looked up by its first
 * word in the table of commands. Each command parses its own options strictly: an unknown flag,
 * format, rule or severity is a usage error (exit 2), never silently ignored.
 */
export function parseCommandLine(argv: readonly string[], knownRules: ReadonlySet<string>): Invocation {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h')
    return showHelp({ command: 'help', topic: 'main' }, COMMANDS);
  const command = COMMANDS.find((c) => c.names.includes(first));
  if (!command) throw unknownCommand(first);
  const parsed = command.parse(argv.slice(1), { knownRules });
  return 'run' in parsed ? parsed : showHelp(parsed, COMMANDS);
}

/** The options of a command line, as {@link parseCommandLine} reads them. */
export function parseArgs(argv: readonly string[], knownRules: ReadonlySet<string>): CliCommand {
  // Every row of the table parses into one member of CliCommand (commands/index.ts lists them side by side).
  return parseCommandLine(argv, knownRules).options as CliCommand;
}

function unknownCommand(first: string): UsageError {
  if (first.startsWith('-'))
    return new UsageError(
      `Unknown option "${first}".${didYouMean(first.split('=')[0], mainHelp(COMMANDS))} Run cx-taxonomy --help for the commands and options.`,
    );
  const words = COMMANDS.flatMap((c) => c.names.filter((n) => !n.startsWith('-')));
  const guess = closest(first, words);
  const listed = COMMANDS.flatMap((c) => (c.listedAs ? [c.listedAs] : []));
  return new UsageError(
    `Unknown command "${first}".${guess ? ` Did you mean ${guess}?` : ''} Commands: ${listed.join(', ')}.`,
  );
}

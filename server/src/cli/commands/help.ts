import { defineCommand, EXIT_OK, type Command, type HelpRequest, type Invocation } from '../command';
import { VERSION } from '../product';

/** The commands about the CLI itself: `help [command]` and `--version`, and the CLI's own help. */

const HEAD = `cx-taxonomy: check a marketing and CX taxonomy (teams, glossary, personas, segments,
journeys, KPIs) kept as YAML files in a repository.

Usage:
`;

const TAIL = `
Each path is checked as part of its whole taxonomy. The taxonomy's root is the nearest folder
at or above the path holding cx-taxonomy.config.yaml (or .yml), looking no higher than the Git
repository; else the repository's top folder (the one holding .git); else the folder given.
A folder with its own config below that root is a taxonomy of its own.

Exit codes: 0 success, 1 problems found (explain: no such term), 2 usage or configuration error.
`;

/** The CLI's own help: what it is, then one usage line per command of the table. */
export function mainHelp(commands: readonly Command[]): string {
  return HEAD + commands.map((c) => `${c.usage}\n`).join('') + TAIL;
}

/** The help of a topic: a command's name (one with options), else the CLI's own help. */
function helpText(topic: string, commands: readonly Command[]): string {
  const command = commands.find((c) => c.help && c.names.includes(topic));
  return command?.help ? command.help() : mainHelp(commands);
}

/** Running a request for help: the help text on stdout. */
export function showHelp(request: HelpRequest, commands: readonly Command[]): Invocation {
  const topic = commands.some((c) => c.help && c.names.includes(request.topic)) ? request.topic : 'main';
  const options: HelpRequest = { command: 'help', topic };
  return {
    options,
    run: (io) => {
      io.stdout.write(helpText(topic, commands));
      return Promise.resolve(EXIT_OK);
    },
    loadsTaxonomies: false,
    findingsOnly: false,
    readsCache: false,
  };
}

/** `help <command>`: answered with a request for help, which the argument parser turns into {@link showHelp}. */
export const helpCommand: Command = {
  names: ['help'],
  usage: '  cx-taxonomy help <command>                      the options of one command',
  parse: (argv) => ({ command: 'help', topic: argv[0] ?? 'main' }),
};

/** `--version` (or `-v`): the tool's version. */
export const versionCommand = defineCommand<{ command: 'version' }>({
  names: ['--version', '-v'],
  usage: '  cx-taxonomy --version',
  parse: () => ({ command: 'version' }),
  run: (_options, io) => {
    io.stdout.write(`${VERSION}\n`);
    return Promise.resolve(EXIT_OK);
  },
  loadsTaxonomies: false,
});

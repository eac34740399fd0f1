import { ArgReader, oneOf, sharedFlag, unknownOption, type Arg } from '../argReader';
import { EXIT_OK, UsageError, type CliIo, type HelpRequest } from '../command';
import { emit, oneTaxonomy } from '../commandSteps';
import type { LoadedTaxonomy } from '../taxonomies';

/** The options of a command that makes one document of a taxonomy (`export glossary`, `report ownership`). */
export interface DocumentOptions<F extends string> {
  format: F;
  paths: string[];
  output?: string;
  config?: string;
  /** `--today YYYY-MM-DD`: the date the sunset rules compare with. */
  today?: string;
}

/** What differs between `export glossary` and `report ownership`: their names and formats. */
interface DocumentCommandSpec<F extends string> {
  topic: 'export' | 'report';
  /** The command's help, whose options a misspelt flag is matched against. */
  help: string;
  /** The one thing the command makes (`glossary`, `ownership`). */
  what: string;
  formats: readonly F[];
  /** The error for no subject, and for a wrong one (a command with one subject says which it is). */
  missing?: string;
  unknown?: (what: string) => string;
  /** A flag of this command alone (`report sunsets --within`): true when it took it. */
  ownFlag?: (a: Arg, r: ArgReader) => boolean;
}

/** Parses `<command> <what> [paths] [--format F] [--output FILE] [--config FILE]`. */
export function parseDocumentCommand<F extends string>(
  argv: readonly string[],
  spec: DocumentCommandSpec<F>,
): DocumentOptions<F> | HelpRequest {
  const what = argv[0];
  if (what === '--help' || what === '-h') return { command: 'help', topic: spec.topic };
  if (what !== spec.what)
    throw new UsageError(
      (what === undefined ? spec.missing : spec.unknown?.(what)) ?? `${spec.topic} needs a subject: ${spec.what}`,
    );
  const r = new ArgReader(argv.slice(1));
  const opts: DocumentOptions<F> = { format: spec.formats[0], paths: [] };
  while (!r.done) {
    const a = r.next();
    if (a.positional !== undefined) {
      opts.paths.push(a.positional);
      continue;
    }
    switch (a.flag) {
      case '--format':
      case '-f':
        opts.format = oneOf(a.flag, r.value(a.flag, a.inline), spec.formats);
        break;
      case '--output':
      case '-o':
        opts.output = r.value(a.flag, a.inline);
        break;
      default: {
        if (spec.ownFlag?.(a, r)) break;
        const shared = sharedFlag(a, r, opts, false);
        if (shared === 'help') return { command: 'help', topic: spec.topic };
        if (!shared) throw unknownOption(a, `${spec.topic} ${spec.what}`, spec.help);
      }
    }
  }
  if (opts.paths.length === 0) opts.paths.push('.');
  return opts;
}

/**
 * Runs a document command: loads the one taxonomy its paths name (`verb` says what the command
 * does, for the error when they name several), renders the document and writes it to stdout or
 * `--output`, refusing to overwrite an input.
 */
export async function writeDocument<F extends string>(
  cmd: DocumentOptions<F>,
  io: CliIo,
  verb: string,
  render: (taxonomy: LoadedTaxonomy) => string,
): Promise<number> {
  const taxonomy = await oneTaxonomy({ paths: cmd.paths, config: cmd.config, today: cmd.today }, io, verb);
  await emit(render(taxonomy), cmd.output, io, { cwd: io.cwd, inputs: cmd.paths, taxonomies: [taxonomy] });
  return EXIT_OK;
}

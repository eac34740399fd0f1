import { useColor } from '../color';
import { defineCommand, EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIo, type HelpRequest } from '../command';
import { ArgReader, sharedFlag, unknownOption } from '../argReader';
import { load } from '../commandSteps';
import { explain } from '../explainCard';

export interface ExplainOptions {
  command: 'explain';
  term: string;
  paths: string[];
  config?: string;
  /** `--today YYYY-MM-DD`: the date the sunset rules compare with. */
  today?: string;
  color?: boolean;
}

const HELP = `Usage: cx-taxonomy explain TERM [path] [options]

Shows the glossary card of a term: preferred label, definition, vocabulary and equivalent in the
other vocabulary, aliases, labels to avoid, steward, status, and where it is used. TERM may be
the preferred label, an alias, a label to avoid or the term's id, in any case, singular or
plural. Quote a term of several words: cx-taxonomy explain "customer journey". The path (default:
the current folder) may be any file or folder of the taxonomy: its whole glossary is searched.

Options:
  -c, --config <file>      use this config instead of each cx-taxonomy.config.yaml
  --today <YYYY-MM-DD>     the date sunsets are compared with (default: CX_TAXONOMY_TODAY, else
                           the machine's date), for reproducible CI
  --color, --no-color      force colours on or off
  -h, --help               show this help

Exit codes: 0 the term was found; 1 no term matches (the closest terms are suggested);
2 a usage error.
`;

function parseExplain(argv: readonly string[]): ExplainOptions | HelpRequest {
  const r = new ArgReader(argv);
  const positionals: string[] = [];
  const opts: ExplainOptions = { command: 'explain', term: '', paths: [] };
  while (!r.done) {
    const a = r.next();
    if (a.positional !== undefined) {
      positionals.push(a.positional);
      continue;
    }
    const shared = sharedFlag(a, r, opts, true);
    if (shared === 'help') return { command: 'help', topic: 'explain' };
    if (!shared) throw unknownOption(a, 'explain', HELP);
  }
  const [term, ...paths] = positionals;
  if (term === undefined || term.trim() === '')
    throw new UsageError('explain needs a term, like: cx-taxonomy explain "customer journey"');
  opts.term = term;
  opts.paths = paths.length ? paths : ['.'];
  return opts;
}

async function runExplain(cmd: ExplainOptions, io: CliIo): Promise<number> {
  const taxonomies = await load({ paths: cmd.paths, config: cmd.config, today: cmd.today }, io);
  const color = useColor({ flag: cmd.color, env: io.env, isTTY: io.stdout.isTTY === true });
  const result = explain(cmd.term, taxonomies, { cwd: io.cwd, color, width: io.stdout.columns });
  if (result.found) {
    io.stdout.write(result.text);
    return EXIT_OK;
  }
  io.stderr.write(result.text);
  return EXIT_PROBLEMS;
}

/** `explain TERM [path]`: the glossary card of a term. */
export const explainCommand = defineCommand<ExplainOptions>({
  names: ['explain'],
  usage: "  cx-taxonomy explain TERM [path]                 show a glossary term's card",
  listedAs: 'explain',
  help: () => HELP,
  parse: parseExplain,
  run: runExplain,
  loadsTaxonomies: true,
});

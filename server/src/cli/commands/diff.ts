import { ArgReader, oneOf, sharedFlag, unknownOption } from '../argReader';
import { defineCommand, EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIo, type HelpRequest } from '../command';
import { emit } from '../commandSteps';
import { diffTaxonomies, introducesErrors } from '../../core/diff';
import { jsonText } from '../../core/text/escape';
import { DIFF_FORMATS, diffJson, diffMarkdown, type DiffFormat } from '../diffReport';
import { loadSides } from '../diffSides';

export interface DiffOptions {
  command: 'diff';
  base: string;
  head?: string;
  format: DiffFormat;
  output?: string;
  config?: string;
  today?: string;
  /** `--fail-on new-errors`: exit 1 when the change introduces an error. */
  failOnNewErrors: boolean;
}

const HELP = `Usage: cx-taxonomy diff <base> [<head>] [options]

What a change means for the taxonomy, for a pull-request comment or a job summary. <base> and
<head> are Git refs (a branch, a tag, a commit: their files are read from Git, nothing is
checked out); without <head>, the working tree. When both name existing folders, the two
folders are compared. The taxonomy is the one lint finds from the current folder (the nearest
cx-taxonomy.config.yaml, else the repository's top folder), whole, even from a subfolder.

It lists: entities added, removed and renamed (an id changed, the rest alike); touchpoints whose
effective owner (their own, else their stage's) changed, became unowned, or became shared
without a lead; glossary terms added, removed, renamed, deprecated, redefined or relabelled;
KPI changes of formula, unit, direction, target or owner; journey stages added, removed or
renamed and lifecycle mappings changed; the problems the change introduces and fixes, by rule
(a problem is the same on both sides when its rule, file and message are, whatever its line).

Options:
  -f, --format <name>      md (default) or json
  -o, --output <file>      write to a file instead of stdout
  --fail-on new-errors     exit 1 when the change introduces a problem of severity error
  -c, --config <file>      use this config on both sides instead of each side's own
  --today <YYYY-MM-DD>     the date sunsets are compared with on both sides (default:
                           CX_TAXONOMY_TODAY, else the machine's date)
  -h, --help               show this help

JSON (--format json), version 1: fields may be added, none renamed or removed.
  { "version": 1,
    "base": { "name", "commit"? }, "head": { "name", "commit"? },
    "introducesErrors": boolean,
    "entities": { "added": [Entity], "removed": [Entity], "renamed": [Rename] },
        teams, personas, segments, journeys, KPIs and touchpoints ("journey/touchpoint")
    "ownership": [{ "journey", "touchpoint", "file",
                    "change": "changed" | "unowned" | "sharedWithoutLead",
                    "before"?: Owner, "after"?: Owner }],
    "glossary": { "added", "removed", "renamed",
                  "deprecated": [{ "id", "label", "file", "replacedBy"?, "sunset"? }],
                  "redefined": [Value], "relabelled": [{ "id", "file", "before": [], "after": [] }] },
    "kpis": [Value]  (field: formula, unit, direction, target or owner),
    "governance": [Value + "kind"]  (field: owner of a persona, segment or journey; status,
                  sunset or replacedBy of those, teams and KPIs),
    "lifecycle": { "stages": { "added", "removed", "renamed" }  (ids "journey/stage"),
                   "mappings": [Value]  (field: stage or segment; values: lifecycle stages),
                   "vocabulary": { "added": [], "removed": [] }  (the config's lifecycleStages) },
    "problems": { "introduced": [Problem], "fixed": [Problem] } }
  Entity  { "kind", "id", "file", "label" }      Rename { "kind", "from", "to", "file" }
  Owner   { "teams": [], "lead"? }               Value  { "id", "file", "field", "before"?, "after"? }
  Problem { "ruleId", "severity", "file", "line", "message" }
  Files are relative to the taxonomy root; lists are sorted by file, then id (problems by rule).

Exit codes: 0 compared (whatever changed), 1 with --fail-on new-errors when the change
introduces an error, 2 usage error (an unknown ref, git missing, a bad option).
`;

function parseDiff(argv: readonly string[]): DiffOptions | HelpRequest {
  const r = new ArgReader(argv);
  const refs: string[] = [];
  const opts: Omit<DiffOptions, 'base'> = { command: 'diff', format: 'md', failOnNewErrors: false };
  while (!r.done) {
    const a = r.next();
    if (a.positional !== undefined) {
      refs.push(a.positional);
      continue;
    }
    switch (a.flag) {
      case '--format':
      case '-f':
        opts.format = oneOf(a.flag, r.value(a.flag, a.inline), DIFF_FORMATS);
        break;
      case '--output':
      case '-o':
        opts.output = r.value(a.flag, a.inline);
        break;
      case '--fail-on': {
        const v = r.value(a.flag, a.inline);
        if (v !== 'new-errors') throw new UsageError(`Unknown value "${v}" for --fail-on. Use: new-errors.`);
        opts.failOnNewErrors = true;
        break;
      }
      default: {
        const shared = sharedFlag(a, r, opts, false);
        if (shared === 'help') return { command: 'help', topic: 'diff' };
        if (!shared) throw unknownOption(a, 'diff', HELP);
      }
    }
  }
  if (refs.length === 0) throw new UsageError('diff needs a base: a Git ref (cx-taxonomy diff main) or two folders.');
  if (refs.length > 2) throw new UsageError(`diff compares two versions, and ${refs.length} were given.`);
  return { ...opts, base: refs[0], ...(refs[1] !== undefined ? { head: refs[1] } : {}) };
}

async function runDiff(cmd: DiffOptions, io: CliIo): Promise<number> {
  const { base, head } = await loadSides(cmd, io);
  const d = diffTaxonomies(base.workspace, head.workspace);
  const names = [base, head].map((s) => (s.commit ? { name: s.name, commit: s.commit } : { name: s.name }));
  const text =
    cmd.format === 'json' ? `${jsonText(diffJson(d, names[0], names[1]))}\n` : diffMarkdown(d, names[0], names[1]);
  const inputs = [cmd.base, ...(cmd.head !== undefined ? [cmd.head] : [])];
  await emit(text, cmd.output, io, { cwd: io.cwd, inputs, taxonomies: [base, head] });
  return cmd.failOnNewErrors && introducesErrors(d) ? EXIT_PROBLEMS : EXIT_OK;
}

/** `diff <base> [<head>]`: what a change means for the taxonomy. */
export const diffCommand = defineCommand<DiffOptions>({
  names: ['diff'],
  usage: '  cx-taxonomy diff <base> [<head>] [options]      what a change means: entities, owners, terms, KPIs',
  listedAs: 'diff',
  help: () => HELP,
  parse: parseDiff,
  run: runDiff,
  loadsTaxonomies: true,
});

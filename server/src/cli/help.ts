import type { HelpTopic } from './args';
import { SAFE_FIX_RULE_IDS } from '../core/features';

/** The `--fix` rules, wrapped to the help's option column. */
function fixRulesText(): string {
  const lines: string[] = [];
  let line = '';
  for (const id of SAFE_FIX_RULE_IDS) {
    const next = line ? `${line}, ${id}` : id;
    if (next.length > 68 && line) {
      lines.push(line + ',');
      line = id;
    } else line = next;
  }
  lines.push(line);
  return lines.map((l) => `                           ${l}`).join('\n');
}

const MAIN = `cx-taxonomy: check a marketing and CX taxonomy (teams, glossary, personas, segments,
journeys, KPIs) kept as YAML files in a repository.

Usage:
  cx-taxonomy lint [paths...] [options]          report problems; exit 1 when there are errors
  cx-taxonomy explain TERM [path]                 show a glossary term's card
  cx-taxonomy export glossary [path] [options]    write the glossary as Markdown, HTML or JSON
  cx-taxonomy report ownership [path] [options]   who owns which touchpoints of which journey
  cx-taxonomy help <command>                      the options of one command
  cx-taxonomy --version

Each path is checked as part of its whole taxonomy. The taxonomy's root is the nearest folder
at or above the path holding cx-taxonomy.config.yaml (or .yml), looking no higher than the Git
repository; else the repository's top folder (the one holding .git); else the folder given.
A folder with its own config below that root is a taxonomy of its own.

Exit codes: 0 success, 1 problems found (explain: no such term), 2 usage or configuration error.
`;

const LINT = () => `Usage: cx-taxonomy lint [paths...] [options]

Lints every taxonomy file under the paths (default: the current folder), each against its whole
taxonomy, and reports on those files only: a file's problems are the same whether it is linted
alone (a pre-commit hook), from a subfolder or with everything. The taxonomy's root is the
nearest folder at or above the path holding cx-taxonomy.config.yaml (or .yml), looking no higher
than the Git repository; else the repository's top folder (holding .git); else the folder given.
A folder with its own config below that root is a taxonomy of its own. Both config spellings in
one folder is an error.

Options:
  -f, --format <name>      stylish (default), json, sarif, junit, github or markdown
  -o, --output <file>      write the preceding --format to a file instead of stdout; repeat
                           --format/--output pairs for several reports in one run:
                           --format sarif --output cx.sarif --format github
  --max-warnings <n>       exit 1 when there are more than n warnings (-1: no limit)
  --rule <id=severity>     override a rule's severity (off, hint, info, warning, error; or as
                           ESLint writes it: warn, 0 off, 1 warning, 2 error); repeatable
  --fix                    apply each problem's one safe fix and write the files (atomically,
                           keeping line breaks and byte order mark; never a fix that would not
                           parse), repeated until none is left; report what remains. The rules
                           whose fixes are safe without a choice:
${fixRulesText()}
  --fix-dry-run            the same without writing: --format json shows each fixed file's new
                           text in "output"
  -c, --config <file>      use this config instead of each cx-taxonomy.config.yaml (or .yml)
  -q, --quiet              errors only: warnings, info and hints are not reported or counted
  --report-unused-disable-directives
                           report cx-taxonomy-disable comments that silence nothing, as errors
  --report-unused-disable-directives-severity <severity>
                           the same at a severity (off, hint, info, warning, error; warn, 0-2)
  --suppress-all           record every error and warning found in the baseline,
                           cx-taxonomy-suppressions.json at the taxonomy's root: they stop
                           failing the run, and a new one still fails it
  --suppress-rule <id>     the same for one rule's findings only; repeatable
  --prune-suppressions     lower the baseline's counts to what is found now (after fixes)
  --suppressions-location <file>
                           the baseline file to use instead (its paths stay relative to the
                           taxonomy's root); give it on every run
  --changed-since <ref>    report only on the files changed since a Git ref (committed, staged,
                           unstaged or untracked) and the files whose problems depend on them
  --cache                  reuse the results of the last run when nothing changed (tool, rules, config, files)
  --cache-location <dir>   where --cache keeps them (default .cx-taxonomy-cache/); implies --cache
  --color, --no-color      force colours on or off (default: on for a terminal, off when
                           NO_COLOR is set; FORCE_COLOR forces them on)
  -h, --help               show this help

Exit codes: 0 no errors and no more warnings than --max-warnings; 1 errors, or too many
warnings; 2 a usage or configuration error (unknown option, rule or format, missing path,
broken config) or an internal error.
`;

const EXPLAIN = `Usage: cx-taxonomy explain TERM [path] [options]

Shows the glossary card of a term: preferred label, definition, vocabulary and equivalent in the
other vocabulary, aliases, labels to avoid, steward, status, and where it is used. TERM may be
the preferred label, an alias, a label to avoid or the term's id, in any case, singular or
plural. Quote a term of several words: cx-taxonomy explain "customer journey". The path (default:
the current folder) may be any file or folder of the taxonomy: its whole glossary is searched.

Options:
  -c, --config <file>      use this config instead of each cx-taxonomy.config.yaml
  --color, --no-color      force colours on or off
  -h, --help               show this help

Exit codes: 0 the term was found; 1 no term matches (the closest terms are suggested);
2 a usage error.
`;

const EXPORT = `Usage: cx-taxonomy export glossary [path] [options]

Writes the glossary of one taxonomy as a document to publish, each term grouped with its
equivalents in the other vocabularies. The path (default: the current folder) may be any file
or folder of the taxonomy.

Options:
  -f, --format <name>      md (default), html (one self-contained page) or json
  -o, --output <file>      write to a file instead of stdout
  -c, --config <file>      use this config instead of the taxonomy's cx-taxonomy.config.yaml
  -h, --help               show this help
`;

const REPORT = `Usage: cx-taxonomy report ownership [path] [options]

Who owns the customer experience: a matrix of teams x journeys with the touchpoints each team
owns (a touchpoint's own owner, else its stage's), the unowned touchpoints first, and the shared
ownerships that name no lead. The path (default: the current folder) may be any file or folder
of the taxonomy: the report covers the whole taxonomy.

Options:
  -f, --format <name>      md (default), csv or html
  -o, --output <file>      write to a file instead of stdout
  -c, --config <file>      use this config instead of the taxonomy's cx-taxonomy.config.yaml
  -h, --help               show this help
`;

const TEXTS: Record<HelpTopic, () => string> = {
  main: () => MAIN,
  lint: LINT,
  explain: () => EXPLAIN,
  export: () => EXPORT,
  report: () => REPORT,
};

/** The help of the CLI or of one command. */
export function helpText(topic: HelpTopic): string {
  return TEXTS[topic]();
}

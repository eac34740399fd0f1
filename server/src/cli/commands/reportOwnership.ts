import { defineCommand, type CliIo } from '../command';
import { ownershipReport, OWNERSHIP_FORMATS, type OwnershipFormat } from '../ownershipReport';
import { VERSION } from '../product';
import { parseDocumentCommand, writeDocument, type DocumentOptions } from './documentCommand';

export interface OwnershipReportOptions extends DocumentOptions<OwnershipFormat> {
  command: 'report-ownership';
}

const HELP = `Usage: cx-taxonomy report ownership [path] [options]

Who owns the customer experience: a matrix of teams x journeys with the touchpoints each team
owns (a touchpoint's own owner, else its stage's), the unowned touchpoints first, and the shared
ownerships that name no lead. The path (default: the current folder) may be any file or folder
of the taxonomy: the report covers the whole taxonomy.

Options:
  -f, --format <name>      md (default), csv or html
  -o, --output <file>      write to a file instead of stdout
  -c, --config <file>      use this config instead of the taxonomy's cx-taxonomy.config.yaml
  --today <YYYY-MM-DD>     the date sunsets are compared with (default: CX_TAXONOMY_TODAY, else
                           the machine's date), for reproducible CI
  -h, --help               show this help
`;

function runOwnershipReport(cmd: OwnershipReportOptions, io: CliIo): Promise<number> {
  return writeDocument(cmd, io, 'report on', (t) => ownershipReport(t, cmd.format, { cwd: io.cwd, version: VERSION }));
}

/** `report ownership [path]`: who owns which touchpoints of which journey (a subject of `report`). */
export const reportOwnership = defineCommand<OwnershipReportOptions>({
  names: ['ownership'],
  usage: '  cx-taxonomy report ownership [path] [options]   who owns which touchpoints of which journey',
  listedAs: 'report ownership',
  help: () => HELP,
  parse(argv) {
    const opts = parseDocumentCommand(argv, {
      topic: 'report',
      help: HELP,
      what: 'ownership',
      formats: OWNERSHIP_FORMATS,
    });
    return 'command' in opts ? opts : { command: 'report-ownership', ...opts };
  },
  run: runOwnershipReport,
  loadsTaxonomies: true,
});

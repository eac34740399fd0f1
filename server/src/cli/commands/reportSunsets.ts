import { UsageError, defineCommand, type CliIo } from '../command';
import { VERSION } from '../product';
import { sunsetReport, SUNSET_FORMATS, type SunsetFormat } from '../sunsetReport';
import { parseDocumentCommand, writeDocument, type DocumentOptions } from './documentCommand';

export interface SunsetReportOptions extends DocumentOptions<SunsetFormat> {
  command: 'report-sunsets';
  /** `--within DAYS`: how far ahead upcoming sunsets are listed (default: the config's sunsetWarningDays). */
  within?: number;
}

const HELP = `Usage: cx-taxonomy report sunsets [path] [options]

Every entity and glossary term whose sunset has passed or comes within DAYS, with every place
that still uses it (its id in a reference, or a term's label in free text and Markdown docs), as
path:line. The path (default: the current folder) may be any file or folder of the taxonomy: the
report covers the whole taxonomy.

Options:
  --within <DAYS>          list upcoming sunsets this many days ahead (default: the config's
                           sunsetWarningDays, 30 unless set)
  -f, --format <name>      md (default), csv (one row per use) or json
  -o, --output <file>      write to a file instead of stdout
  -c, --config <file>      use this config instead of the taxonomy's cx-taxonomy.config.yaml
  --today <YYYY-MM-DD>     the date sunsets are compared with (default: CX_TAXONOMY_TODAY, else
                           the machine's date), for reproducible CI
  -h, --help               show this help
`;

function runSunsetReport(cmd: SunsetReportOptions, io: CliIo): Promise<number> {
  return writeDocument(cmd, io, 'report on', (taxonomy) => {
    // The loaded config holds "today" (--today, CX_TAXONOMY_TODAY or the machine's date) and the window.
    const config = taxonomy.workspace.currentConfig;
    const ctx = { cwd: io.cwd, version: VERSION, today: config.today, within: cmd.within ?? config.sunsetWarningDays };
    return sunsetReport(taxonomy, cmd.format, ctx);
  });
}

/** `report sunsets [path]`: passed and upcoming sunsets and what still uses them (a subject of `report`). */
export const reportSunsets = defineCommand<SunsetReportOptions>({
  names: ['sunsets'],
  usage: '  cx-taxonomy report sunsets [path] [options]     passed and upcoming sunsets, and what still uses them',
  listedAs: 'report sunsets',
  help: () => HELP,
  parse(argv) {
    let within: number | undefined;
    const opts = parseDocumentCommand(argv, {
      topic: 'report',
      help: HELP,
      what: 'sunsets',
      formats: SUNSET_FORMATS,
      ownFlag: (a, r) => {
        if (a.flag !== '--within') return false;
        const v = r.value(a.flag, a.inline);
        if (!/^\d+$/.test(v)) throw new UsageError(`--within needs a whole number of days (0 or more), not "${v}".`);
        within = Number(v);
        return true;
      },
    });
    return 'command' in opts
      ? opts
      : { command: 'report-sunsets', ...opts, ...(within !== undefined ? { within } : {}) };
  },
  run: runSunsetReport,
  loadsTaxonomies: true,
});

import { defineCommand, type CliIo } from '../command';
import { exportGlossary, GLOSSARY_FORMATS, type GlossaryFormat } from '../glossaryExport';
import { VERSION } from '../product';
import { parseDocumentCommand, writeDocument, type DocumentOptions } from './documentCommand';

export interface ExportGlossaryOptions extends DocumentOptions<GlossaryFormat> {
  command: 'export-glossary';
}

const HELP = `Usage: cx-taxonomy export glossary [path] [options]

Writes the glossary of one taxonomy as a document to publish, each term grouped with its
equivalents in the other vocabularies. The path (default: the current folder) may be any file
or folder of the taxonomy.

Options:
  -f, --format <name>      md (default), html (one self-contained page) or json
  -o, --output <file>      write to a file instead of stdout
  -c, --config <file>      use this config instead of the taxonomy's cx-taxonomy.config.yaml
  --today <YYYY-MM-DD>     the date sunsets are compared with (default: CX_TAXONOMY_TODAY, else
                           the machine's date), for reproducible CI
  -h, --help               show this help
`;

function runExportGlossary(cmd: ExportGlossaryOptions, io: CliIo): Promise<number> {
  return writeDocument(cmd, io, 'export', (t) => exportGlossary(t, cmd.format, { cwd: io.cwd, version: VERSION }));
}

/** `export glossary [path]`: the glossary as a document to publish. */
export const exportGlossaryCommand = defineCommand<ExportGlossaryOptions>({
  names: ['export'],
  usage: '  cx-taxonomy export glossary [path] [options]    write the glossary as Markdown, HTML or JSON',
  listedAs: 'export glossary',
  help: () => HELP,
  parse(argv) {
    const opts = parseDocumentCommand(argv, {
      topic: 'export',
      help: HELP,
      what: 'glossary',
      formats: GLOSSARY_FORMATS,
      missing: 'export needs what to export: cx-taxonomy export glossary',
      unknown: (what) => `Cannot export "${what}"; only the glossary can be exported: cx-taxonomy export glossary`,
    });
    return 'command' in opts ? opts : { command: 'export-glossary', ...opts };
  },
  run: runExportGlossary,
  loadsTaxonomies: true,
});

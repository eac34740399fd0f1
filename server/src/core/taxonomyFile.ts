import { buildDocModel, DocReader, type DocModel } from './model';
import { parseYaml, type ParsedYaml, type SyntaxProblem } from './yaml';
import { LineIndex } from './lineIndex';
import { fileKindOf } from './domain';
import type { FileKind, TaxonomyKind } from './types';

/** One file of the workspace, parsed and modelled once per version. */
export interface TaxonomyFile {
  uri: string;
  /** The path relative to the workspace root, with forward slashes, for globs and reports. */
  relativePath: string;
  kind: FileKind;
  version: number;
  text: string;
  lines: LineIndex;
  /** For YAML files: the documents and what could not be read. */
  yaml?: ParsedYaml;
  readers: DocReader[];
  models: DocModel[];
  /** A reason the file was not read at all (too large, binary). */
  unreadable?: SyntaxProblem;
}

/** Options that decide whether a file's content is read. */
export interface ReadOptions {
  maxFileSize: number;
}

/** A size for people: bytes, KB or MB, precise enough that a size over a limit never reads as equal to it. */
function formatSize(bytes: number, other: number): string {
  for (const [unit, scale] of [
    ['MB', 1048576],
    ['KB', 1024],
  ] as const) {
    if (bytes < scale && other < scale) continue;
    for (const digits of [1, 2, 3]) {
      const a = (bytes / scale).toFixed(digits);
      if (a !== (other / scale).toFixed(digits)) return `${a} ${unit}`;
    }
  }
  return `${bytes.toLocaleString('en-US')} bytes`;
}

/** The problem shown for a file over the size limit (the config's `maxFileSize` or the editor setting). */
export function tooLargeMessage(size: number, limit: number): string {
  return `This file is ${formatSize(size, limit)}, over the ${formatSize(limit, size)} limit (setting maxFileSize), so it is not checked.`;
}

/** True when text looks binary: NUL characters are never in a YAML or Markdown file. */
function looksBinary(text: string): boolean {
  const probe = text.length > 8192 ? text.slice(0, 8192) : text;
  return probe.includes('\u0000');
}

/**
 * True when `createTaxonomyFile` parses this file's text as YAML (a taxonomy file within the size
 * limit): what a loader may have parsed elsewhere beforehand (`ParseService`).
 */
export function parsesAsYaml(relativePath: string, text: string, options: ReadOptions): boolean {
  return isYamlKind(fileKindOf(relativePath) ?? 'markdown') && text.length <= options.maxFileSize;
}

/** The kinds read as YAML taxonomy files (the config is read by its own parser). */
function isYamlKind(kind: FileKind): kind is TaxonomyKind {
  return kind !== 'markdown' && kind !== 'config';
}

/**
 * Parses and models one file. A UTF-8 byte order mark is kept in the text (so offsets match the
 * editor's) and skipped by the parser like whitespace. `parsed`, when given, is the parse of
 * exactly this text done elsewhere (a parse worker), used instead of parsing it here.
 */
export function createTaxonomyFile(
  uri: string,
  relativePath: string,
  text: string,
  version: number,
  options: ReadOptions,
  parsed?: ParsedYaml,
): TaxonomyFile {
  const kind = fileKindOf(relativePath) ?? 'markdown';
  const lines = new LineIndex(text);
  const file: TaxonomyFile = { uri, relativePath, kind, version, text, lines, readers: [], models: [] };
  if (text.length > options.maxFileSize) {
    file.unreadable = {
      message: tooLargeMessage(text.length, options.maxFileSize),
      start: 0,
      end: 0,
    };
    return file;
  }
  if (looksBinary(text)) {
    file.unreadable = { message: 'This file holds binary data, not text, so it is not checked.', start: 0, end: 0 };
    return file;
  }
  if (!isYamlKind(kind)) return file;
  file.yaml = parsed ?? parseYaml(text);
  for (const doc of file.yaml.docs) {
    const reader = new DocReader(doc, lines);
    file.readers.push(reader);
    file.models.push(buildDocModel(kind, reader));
    reader.forgetContainers();
  }
  return file;
}

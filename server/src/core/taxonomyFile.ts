import { buildDocModel, DocReader, type DocModel } from './model';
import { parseYaml, type ParsedYaml, type SyntaxProblem } from './yaml';
import { LineIndex } from './lineIndex';
import { PackedText, type TextPacker } from './packedText';
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
  readonly yaml?: ParsedElsewhere;
  readonly readers: DocReader[];
  readonly models: DocModel[];
  /** A reason the file was not read at all (too large, binary). */
  unreadable?: SyntaxProblem;
}

/**
 * A parse done elsewhere (a parse worker, `ParseService`), with what was done there for the file
 * so that the busy thread does not do it: its line starts (`lineStarts`), which documents are
 * valid against its kind's schema (`schemaValid`, by document: the schema rule then has nothing
 * to validate), and its text packed by the workspace's packer (`TextPacker.pack`), when the file
 * will let its model go.
 */
export interface ParsedElsewhere extends ParsedYaml {
  lineStarts?: Int32Array;
  schemaValid?: readonly boolean[];
  packedText?: string;
}

/** Options that decide whether a file's content is read. */
export interface ReadOptions {
  maxFileSize: number;
  /** Told when a file rebuilds the models it let go (`releaseModels`), so its owner can let them go again. */
  onRebuild?: (file: TaxonomyFile) => void;
  /** Packs the text of a file that lets its models go, until it is read (`PackedText`). */
  textPacker?: TextPacker;
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
  parsed?: ParsedElsewhere,
): TaxonomyFile {
  const kind = fileKindOf(relativePath) ?? 'markdown';
  const lines = new LineIndex(text, parsed?.lineStarts);
  const plain = (unreadable?: string) => plainFile(uri, relativePath, kind, version, text, lines, unreadable);
  if (text.length > options.maxFileSize) return plain(tooLargeMessage(text.length, options.maxFileSize));
  if (looksBinary(text)) return plain('This file holds binary data, not text, so it is not checked.');
  if (!isYamlKind(kind)) return plain();
  return new ModelledFile(uri, relativePath, kind, version, text, lines, parsed ?? parseYaml(text), options);
}

/** A file that is not parsed: a Markdown doc, or a file not read (`unreadable` says why). */
function plainFile(
  uri: string,
  relativePath: string,
  kind: FileKind,
  version: number,
  text: string,
  lines: LineIndex,
  unreadable?: string,
): TaxonomyFile {
  const file = { uri, relativePath, kind, version, text, lines, readers: [], models: [] };
  return unreadable === undefined ? file : { ...file, unreadable: { message: unreadable, start: 0, end: 0 } };
}

/** A file that could not be read at all (not UTF-8, permission denied), with the reason to show on it. */
export function unreadableFile(uri: string, relativePath: string, message: string): TaxonomyFile {
  const kind = fileKindOf(relativePath) ?? 'markdown';
  return plainFile(uri, relativePath, kind, 0, '', new LineIndex(''), message);
}

/** The parse of a YAML file and what is built from it, dropped and rebuilt together. */
interface Modelled {
  yaml: ParsedYaml;
  readers: DocReader[];
  models: DocModel[];
}

function modelOf(kind: TaxonomyKind, lines: LineIndex, yaml: ParsedYaml): Modelled {
  const readers: DocReader[] = [];
  const models: DocModel[] = [];
  for (const doc of yaml.docs) {
    const reader = new DocReader(doc, lines);
    readers.push(reader);
    models.push(buildDocModel(kind, reader));
    reader.forgetContainers();
  }
  return { yaml, readers, models };
}

/**
 * A YAML taxonomy file whose parse and models can be let go (`releaseModels`) and are rebuilt from
 * its text when next read. The parse of the same text is the same (the fast path and the full
 * parse agree wherever the fast path answers), so a rebuilt model equals the one let go; only
 * object identity differs. Files nobody looks at keep their text, line index, index entries and
 * diagnostics, but not the largest part of what they cost: the parsed values and the models
 * (BENCHMARKS.md).
 */
class ModelledFile implements TaxonomyFile {
  #modelled: Modelled | undefined;
  /** The parse of this text done elsewhere ahead of a rebuild (`primeParse`), used by it instead of parsing. */
  #primed: ParsedYaml | undefined;
  /** The text, while it is not packed. */
  #text: string | undefined;
  /** The text packed, once the models were let go with a packer (`ReadOptions.textPacker`). */
  #packed: PackedText | undefined;
  /** The text as the packer packs it, done elsewhere (`ParsedElsewhere`), until the models are let go. */
  #packedElsewhere: string | undefined;
  readonly #onRebuild: ((file: TaxonomyFile) => void) | undefined;
  readonly #packer: TextPacker | undefined;

  constructor(
    readonly uri: string,
    readonly relativePath: string,
    readonly kind: TaxonomyKind,
    readonly version: number,
    text: string,
    readonly lines: LineIndex,
    yaml: ParsedElsewhere,
    options: Pick<ReadOptions, 'onRebuild' | 'textPacker'>,
  ) {
    this.#text = text;
    this.#packedElsewhere = yaml.packedText;
    this.#onRebuild = options.onRebuild;
    this.#packer = options.textPacker;
    this.#modelled = modelOf(kind, lines, yaml);
  }

  get text(): string {
    return this.#text ?? (this.#packed as PackedText).text();
  }

  private get modelled(): Modelled {
    if (this.#modelled) return this.#modelled;
    const yaml = this.#primed ?? parseYaml(this.text);
    this.#primed = undefined;
    this.#modelled = modelOf(this.kind, this.lines, yaml);
    this.#onRebuild?.(this);
    return this.#modelled;
  }

  get yaml(): ParsedYaml {
    return this.modelled.yaml;
  }

  get readers(): DocReader[] {
    return this.modelled.readers;
  }

  get models(): DocModel[] {
    return this.modelled.models;
  }

  /** True while the parse and models are held. */
  get modelsHeld(): boolean {
    return this.#modelled !== undefined;
  }

  /**
   * Lets the parse and models go; the next read rebuilds them. With a packer, the text is packed
   * too (once: it never changes), and the line index reads it through the file from then on.
   */
  releaseModels(): void {
    this.#modelled = undefined;
    const text = this.#text;
    if (this.#packer === undefined || text === undefined) return;
    this.#packed = new PackedText(this.#packer, text, this.#packedElsewhere);
    this.#packedElsewhere = undefined;
    this.#text = undefined;
    this.lines.readThrough(() => this.text);
  }

  /** Keeps a parse of this text for the next rebuild, when there will be one. */
  primeParse(parsed: ParsedYaml): void {
    if (!this.#modelled) this.#primed = parsed;
  }
}

/**
 * Hands a file that let its models go the parse of its text done elsewhere (a parse worker, ahead
 * of the check that reads it), so that rebuilding them does not parse again. `parsed` must be what
 * `parseYaml` gives for the file's text, as for `createTaxonomyFile`.
 */
export function primeParse(file: TaxonomyFile, parsed: ParsedYaml): void {
  if (file instanceof ModelledFile) file.primeParse(parsed);
}

/**
 * Lets a file's parse and models go until they are next read (see `ModelledFile`); true when
 * there was something to let go. Files that are not YAML taxonomy files have none.
 */
export function releaseModels(file: TaxonomyFile): boolean {
  if (!(file instanceof ModelledFile) || !file.modelsHeld) return false;
  file.releaseModels();
  return true;
}

/** True when the file's parse and models are held now (reading them would not rebuild them). */
export function modelsHeld(file: TaxonomyFile): boolean {
  return !(file instanceof ModelledFile) || file.modelsHeld;
}

/**
 * A file restored with diagnostics remembered from an earlier check of the same content (the
 * CLI's `--cache`): not parsed, and its text read (`text` may be a function) and its lines
 * indexed only if a report asks, which they rarely do.
 */
export function restoredFile(uri: string, relativePath: string, text: string | (() => string)): TaxonomyFile {
  let lines: LineIndex | undefined;
  let known = typeof text === 'string' ? text : undefined;
  const textOf = () => (known ??= (text as () => string)());
  return {
    uri,
    relativePath,
    kind: fileKindOf(relativePath) ?? 'markdown',
    version: 0,
    get text() {
      return textOf();
    },
    get lines() {
      return (lines ??= new LineIndex(textOf()));
    },
    readers: [],
    models: [],
  };
}

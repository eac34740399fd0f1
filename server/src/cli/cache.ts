import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULE_IDS, SEVERITIES, type SuppressedDiagnostic, type TaxonomyConfig, type TaxonomyDiagnostic } from '../core';
import { writeFileAtomicSync } from '../node/safeWrite';
import { terminalText } from '../core/text/escape';
import { TOOL_NAME, VERSION } from './product';

declare const CX_TAXONOMY_VERSION: string;

/** Where `--cache` keeps its files when no `--cache-location` is given (git-ignored). */
export const DEFAULT_CACHE_LOCATION = '.cx-taxonomy-cache';

/** Set, it has each `lint --cache` print how the cache answered (on stderr). */
export const TRACE_CACHE_ENV = 'CX_TAXONOMY_TRACE_CACHE';

/** How `lint --cache` tells a file unchanged (`--cache-strategy`, as ESLint's). */
export const CACHE_STRATEGIES = ['metadata', 'content'] as const;
export type CacheStrategy = (typeof CACHE_STRATEGIES)[number];

/** The layout of a cache file; bump it whenever what is stored changes shape. */
const CACHE_FORMAT = 4;

/**
 * Thrown by a load that may only answer from the cache (`CliIo.cacheOnly`) when the cache cannot
 * answer: the caller then runs the command the full way (in the lint thread).
 */
export class CacheMiss extends Error {
  constructor() {
    super('the lint cache cannot answer this run');
  }
}

/** What the cache remembers of one file: its content hash, the diagnostics it had and those its directives silenced. */
export interface CachedFile {
  hash: string;
  /** The file's stamp when it was read (`fileStamps`): while it is the same, the hash is too. */
  stamp?: string;
  diagnostics: TaxonomyDiagnostic[];
  suppressed: SuppressedDiagnostic[];
}

interface CacheFile {
  tool: string;
  format: number;
  version: string;
  key: string;
  files: Record<string, CachedFile>;
}

let toolHash: string | undefined;

/**
 * The tool's identity for the cache: its version and a hash of the running code, so a rebuilt
 * tool (a changed rule with the same version number) never reuses what an older build found.
 */
function toolIdentity(): string {
  if (toolHash === undefined) {
    const version = typeof CX_TAXONOMY_VERSION === 'string' ? CX_TAXONOMY_VERSION : 'dev';
    let code: string;
    try {
      code = createHash('sha1').update(readFileSync(__filename)).digest('hex');
    } catch {
      code = String(Date.now()); // Unknown code: never reuse.
    }
    toolHash = `${version}:${code}`;
  }
  return toolHash;
}

/** The hash of a file's bytes, as the cache compares them. */
export function contentHash(bytes: Uint8Array | string): string {
  const h = contentHasher();
  h.update(bytes);
  return h.digest();
}

/**
 * What the cache keeps for a file it does not read (over the size limit, or a read that failed
 * without an error): its size, as a hash.
 */
export function sizeHash(size: number | undefined): string {
  return `size:${size}`;
}

/** `contentHash` fed in chunks. */
export function contentHasher(): { update(chunk: Uint8Array | string): void; digest(): string } {
  const hash = createHash('sha1');
  return { update: (chunk) => hash.update(chunk), digest: () => hash.digest('base64') };
}

/**
 * A lint cache in the spirit of ESLint's `--cache`, for one taxonomy. Because cross-file rules
 * make every file's diagnostics depend on the others, it is all or nothing: the remembered
 * diagnostics are reused only when the tool, the rule set, the configuration (severities, globs,
 * lifecycle stages, limits) and the content of every file are exactly as they were, and the set
 * of files is the same. Anything else re-checks the taxonomy and rewrites the cache.
 */
export class LintCache {
  private readonly file: string;
  private readonly key: string;

  constructor(
    location: string,
    root: string,
    config: TaxonomyConfig,
    /** One line for the user when a cache file is ignored as unreadable or foreign. */
    private readonly warn?: (line: string) => void,
  ) {
    this.file = path.join(location, `lint-${createHash('sha1').update(root).digest('hex').slice(0, 16)}.json`);
    this.key = createHash('sha1')
      .update(JSON.stringify([toolIdentity(), [...RULE_IDS].sort(), config, root]))
      .digest('hex');
  }

  /**
   * The remembered diagnostics when every file is unchanged: `rels` are the taxonomy's files
   * (relative paths), and `unchanged(i, stored)` tells whether the i-th is as remembered, asked
   * file by file until one is not. A cache file that is not one this version wrote (not JSON,
   * another tool or version, a field missing or of the wrong type) is ignored with one warning,
   * and the run re-checks and rewrites it.
   */
  lookup(
    rels: readonly string[],
    unchanged: (i: number, stored: Readonly<CachedFile>) => boolean,
  ): Map<string, Readonly<CachedFile>> | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        this.ignore(`it cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
    let stored: unknown;
    try {
      stored = JSON.parse(text);
    } catch {
      this.ignore('it is not JSON');
      return undefined;
    }
    const problem = cacheFileProblem(stored);
    if (problem) {
      this.ignore(problem);
      return undefined;
    }
    const valid = stored as CacheFile;
    if (valid.key !== this.key || Object.keys(valid.files).length !== rels.length) return undefined;
    const out = new Map<string, Readonly<CachedFile>>();
    for (let i = 0; i < rels.length; i++) {
      const rel = rels[i];
      const f = Object.prototype.hasOwnProperty.call(valid.files, rel) ? valid.files[rel] : undefined;
      if (!f || !unchanged(i, f)) return undefined;
      out.set(rel, f);
    }
    return out;
  }

  private ignore(why: string): void {
    this.warn?.(`Ignoring the lint cache ${terminalText(this.file)}: ${why}. It is rebuilt.`);
  }

  /** Remembers a fresh check; a cache that cannot be written only costs the next run its speed. */
  store(files: ReadonlyMap<string, CachedFile>): void {
    const data: CacheFile = {
      tool: TOOL_NAME,
      format: CACHE_FORMAT,
      version: VERSION,
      key: this.key,
      files: Object.fromEntries(files),
    };
    try {
      writeFileAtomicSync(this.file, JSON.stringify(data));
    } catch {
      /* read-only checkout: run uncached */
    }
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isPosition = (v: unknown): boolean => isObject(v) && isCount(v.line) && isCount(v.character);
const isRange = (v: unknown): boolean => isObject(v) && isPosition(v.start) && isPosition(v.end);

function isDiagnostic(v: unknown): boolean {
  if (!isObject(v) || typeof v.ruleId !== 'string' || typeof v.message !== 'string' || !isRange(v.range)) return false;
  if (typeof v.severity !== 'string' || v.severity === 'off' || !(SEVERITIES as readonly string[]).includes(v.severity))
    return false;
  if (v.related === undefined) return true;
  return (
    Array.isArray(v.related) &&
    v.related.every(
      (r) =>
        isObject(r) &&
        typeof r.message === 'string' &&
        isObject(r.location) &&
        typeof r.location.uri === 'string' &&
        isRange(r.location.range),
    )
  );
}

function isSuppressed(v: unknown): boolean {
  return (
    isDiagnostic(v) &&
    isObject(v) &&
    Array.isArray(v.suppressions) &&
    v.suppressions.every((s) => isObject(s) && s.kind === 'directive' && typeof s.justification === 'string')
  );
}

/** Why a parsed cache file is not one this version of the tool wrote, or undefined when it is. */
function cacheFileProblem(v: unknown): string | undefined {
  if (!isObject(v) || v.tool !== TOOL_NAME) return `it is not a ${TOOL_NAME} cache`;
  if (v.format !== CACHE_FORMAT || v.version !== VERSION)
    return `it was written by another version (${terminalText(String(v.version)).slice(0, 20)})`;
  if (typeof v.key !== 'string' || !isObject(v.files)) return 'it is malformed';
  for (const f of Object.values(v.files)) {
    if (
      !isObject(f) ||
      typeof f.hash !== 'string' ||
      (f.stamp !== undefined && typeof f.stamp !== 'string') ||
      !Array.isArray(f.diagnostics) ||
      !f.diagnostics.every(isDiagnostic) ||
      !Array.isArray(f.suppressed) ||
      !f.suppressed.every(isSuppressed)
    )
      return 'it is malformed';
  }
  return undefined;
}

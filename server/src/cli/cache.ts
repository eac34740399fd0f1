import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULE_IDS, type TaxonomyConfig, type TaxonomyDiagnostic } from '../core';

declare const CX_TAXONOMY_VERSION: string;

/** Where `--cache` keeps its files when no `--cache-location` is given (git-ignored). */
export const DEFAULT_CACHE_LOCATION = '.cx-taxonomy-cache';

/** What the cache remembers of one file: its content hash and the diagnostics it had. */
export interface CachedFile {
  hash: string;
  diagnostics: TaxonomyDiagnostic[];
}

interface CacheFile {
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
    let code = '';
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
  return createHash('sha1').update(bytes).digest('base64');
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

  constructor(location: string, root: string, config: TaxonomyConfig) {
    this.file = path.join(location, `lint-${createHash('sha1').update(root).digest('hex').slice(0, 16)}.json`);
    this.key = createHash('sha1')
      .update(JSON.stringify([toolIdentity(), [...RULE_IDS].sort(), config, root]))
      .digest('hex');
  }

  /** The remembered diagnostics when every file (relative path -> content hash) is unchanged. */
  lookup(hashes: ReadonlyMap<string, string>): Map<string, TaxonomyDiagnostic[]> | undefined {
    let stored: CacheFile;
    try {
      stored = JSON.parse(readFileSync(this.file, 'utf8')) as CacheFile;
    } catch {
      return undefined;
    }
    if (stored.key !== this.key || Object.keys(stored.files).length !== hashes.size) return undefined;
    const out = new Map<string, TaxonomyDiagnostic[]>();
    for (const [rel, hash] of hashes) {
      const f = stored.files[rel];
      if (!f || f.hash !== hash) return undefined;
      out.set(rel, f.diagnostics);
    }
    return out;
  }

  /** Remembers a fresh check; a cache that cannot be written only costs the next run its speed. */
  store(files: ReadonlyMap<string, CachedFile>): void {
    const data: CacheFile = { key: this.key, files: Object.fromEntries(files) };
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, this.file);
    } catch {
      /* read-only checkout: run uncached */
    }
  }
}

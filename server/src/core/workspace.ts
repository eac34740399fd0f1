import { compileGlobs, defaultConfig, type CompiledGlobs, type TaxonomyConfig } from './config';
import { matchesAny } from './glob';
import { allEntities } from './model';
import { createTaxonomyFile, type TaxonomyFile } from './taxonomyFile';
import { fileKindOf } from './fileKinds';
import { LineIndex } from './lineIndex';
import { internalized } from './intern';
import type { IndexView, Rule, RuleContext } from './rules/types';
import { unusedDirectiveReports, unusedDisableDirective } from './rules/unused-disable-directive';
import { buildGlossary, GLOSSARY_LABEL_FACET } from './terms/glossary';
import { TermUseIndex } from './terms/uses';
import { applySuppressions, directivesOf, type SuppressedDiagnostic } from './suppressions';
import {
  defKey,
  facetKey,
  idSetKey,
  IndexedDefinition,
  IndexedReference,
  refKey,
  wholeFacetKey,
  WorkspaceIndex,
  type Definition,
  type FacetEntry,
  type FileContribution,
  type IndexKey,
  type Reference,
} from './workspaceIndex';
import type { EntityKind, Severity, TaxonomyDiagnostic } from './types';

/** The prefix of whole-facet keys (`wholeFacetKey`), to find the facet a change is about. */
const WHOLE_FACET_PREFIX = wholeFacetKey('');

/** A contributor adds rule-specific facets to a file's index contribution. */
export type FacetContributor = (
  file: TaxonomyFile,
  add: (facet: string, key: string, entry: FacetEntry) => void,
) => void;

export interface WorkspaceOptions {
  rules: readonly Rule[];
  config?: TaxonomyConfig;
  facetContributors?: readonly FacetContributor[];
  /**
   * False for a one-shot check (the CLI loads every file, then checks each once): no dependency
   * bookkeeping, which only re-checking after an edit needs. Should a file change after a check
   * anyway, every file is re-checked, so results stay right.
   */
  trackDependencies?: boolean;
}

interface FileState {
  file: TaxonomyFile;
  /** The numbers (`KeyNumbers`) of the index keys the last check of this file looked at, ascending. */
  deps: Int32Array;
  /** What the file shows: its findings less those a directive silences, plus unused directives. */
  diagnostics: TaxonomyDiagnostic[];
  /** The findings a `cx-taxonomy-disable` comment silences, with the reasons given. */
  suppressed: SuppressedDiagnostic[];
}

/**
 * The workspace: every file, the index over them, and the diagnostics of each.
 *
 * Dependency tracking lives here. Checking a file records every index key its rules looked up
 * (`deps`), and `dependents` maps each key back to the files that looked at it. When a file
 * changes, only that file is re-parsed; the index reports which keys changed in substance, and
 * exactly the files that depend on those keys are re-checked at the next `flush()`. No step of
 * an edit walks the whole workspace.
 */
export class TaxonomyWorkspace {
  readonly index = new WorkspaceIndex();
  private readonly files = new Map<string, FileState>();
  /** Index keys some file depends on, by number: `deps` and `dependents` keep the numbers. */
  private readonly keyNumbers = new KeyNumbers();
  /** By key number, the files whose last check looked the key up. */
  private readonly dependents: (Set<string> | undefined)[] = [];
  private readonly dirty = new Set<string>();
  private config: TaxonomyConfig;
  private globs: CompiledGlobs;
  private readonly rules: readonly Rule[];
  private readonly contributors: readonly FacetContributor[];
  private readonly ruleIds: ReadonlySet<string>;
  /** Values computed from a whole facet (the glossary matcher), by facet and builder. */
  private readonly derivedCache = new Map<string, Map<unknown, unknown>>();
  /**
   * Where glossary terms are mentioned in prose, for references and usage counts in the editor.
   * Kept only with dependency tracking (the server): the CLI checks once and never asks.
   */
  readonly termUses = new TermUseIndex();
  private readonly tracking: boolean;
  /** True once a file has been checked (without tracking, a later change re-checks everything). */
  private checked = false;

  constructor(options: WorkspaceOptions) {
    this.tracking = options.trackDependencies ?? true;
    this.rules = options.rules;
    this.config = options.config ?? defaultConfig();
    this.globs = compileGlobs(this.config);
    this.contributors = options.facetContributors ?? [];
    this.ruleIds = new Set(this.rules.map((r) => r.id));
  }

  get currentConfig(): TaxonomyConfig {
    return this.config;
  }

  /** Replaces the configuration; every file is re-checked at the next flush. */
  setConfig(config: TaxonomyConfig): void {
    this.config = config;
    this.globs = compileGlobs(config);
    for (const uri of this.files.keys()) this.dirty.add(uri);
  }

  /** True when a relative path is one the workspace reads (by suffix, doc globs and ignores). */
  accepts(relativePath: string): boolean {
    if (matchesAny(relativePath, this.globs.ignore)) return false;
    if (/\.(md|markdown)$/i.test(relativePath)) return matchesAny(relativePath, this.globs.docs);
    return /\.(teams|glossary|persona|segment|journey|kpi)\.ya?ml$/i.test(relativePath);
  }

  /** Adds or replaces a file's text. Cheap: parses this file only and marks what must be re-checked. */
  setFile(uri: string, relativePath: string, text: string, version = 0): TaxonomyFile {
    const file = createTaxonomyFile(uri, relativePath, text, version, { maxFileSize: this.config.maxFileSize });
    this.replace(uri, file);
    return file;
  }

  /**
   * Adds a file with diagnostics remembered from an earlier check of the same content (the CLI's
   * `--cache`), without parsing, indexing or checking it. A workspace is either restored whole
   * from a cache or loaded: restored files contribute nothing that rules could look up.
   */
  restoreFile(
    uri: string,
    relativePath: string,
    text: string,
    diagnostics: TaxonomyDiagnostic[],
    suppressed: SuppressedDiagnostic[] = [],
  ): void {
    let lines: LineIndex | undefined;
    const file: TaxonomyFile = {
      uri,
      relativePath,
      kind: fileKindOf(relativePath) ?? 'markdown',
      version: 0,
      text,
      // Reports of a restored file rarely need line offsets: work them out only if asked.
      get lines() {
        return (lines ??= new LineIndex(text));
      },
      readers: [],
      models: [],
    };
    this.files.set(uri, { file, deps: NO_DEPS, diagnostics, suppressed });
  }

  /** Adds a file that could not be read (not UTF-8, permission denied) so it still shows a problem. */
  setUnreadable(uri: string, relativePath: string, message: string): void {
    const file = createTaxonomyFile(uri, relativePath, '', 0, { maxFileSize: this.config.maxFileSize });
    file.unreadable = { message, start: 0, end: 0 };
    file.models = [];
    file.readers = [];
    file.yaml = undefined;
    this.replace(uri, file);
  }

  removeFile(uri: string): void {
    if (!this.files.has(uri)) return;
    this.replace(uri, undefined);
  }

  private replace(uri: string, file: TaxonomyFile | undefined): void {
    const changed = this.index.replaceFile(uri, file ? this.contribute(file) : undefined);
    const prev = this.files.get(uri);
    if (file) {
      this.files.set(uri, {
        file,
        deps: prev?.deps ?? NO_DEPS,
        diagnostics: prev?.diagnostics ?? [],
        suppressed: prev?.suppressed ?? [],
      });
      this.dirty.add(uri);
    } else {
      if (prev) this.forgetDeps(uri, prev.deps);
      this.termUses.remove(uri);
      this.files.delete(uri);
      this.dirty.add(uri);
    }
    if (!this.tracking && this.checked) for (const other of this.files.keys()) this.dirty.add(other);
    for (const key of changed) {
      const n = this.keyNumbers.find(key);
      if (n !== undefined) for (const dependent of this.dependents[n] ?? []) this.dirty.add(dependent);
      if (key.startsWith(WHOLE_FACET_PREFIX)) this.derivedCache.delete(key.slice(WHOLE_FACET_PREFIX.length));
    }
  }

  /**
   * A value computed from every entry of a facet, built once and kept until an entry of the facet
   * changes in substance (moving an entry to another line does not count). The glossary's term
   * matcher lives here, so it is compiled once per glossary change rather than once per file.
   * Callers that must be re-checked when the value changes go through `IndexView.derived`.
   */
  derived<T>(facet: string, build: (entries: ReadonlyMap<string, FacetEntry[]>) => T): T {
    let byBuilder = this.derivedCache.get(facet);
    if (!byBuilder) {
      byBuilder = new Map();
      this.derivedCache.set(facet, byBuilder);
    }
    if (byBuilder.has(build)) return byBuilder.get(build) as T;
    const value = build(this.index.facetEntries(facet));
    byBuilder.set(build, value);
    return value;
  }

  private contribute(file: TaxonomyFile): FileContribution {
    const definitions: Definition[] = [];
    const references: Reference[] = [];
    const facets = new Map<string, Map<string, FacetEntry[]>>();
    for (const model of file.models) {
      for (const e of model.entities) {
        if (e.kind === 'journey') {
          const journeyId = e.id?.value;
          for (const entity of allEntities({ ...model, entities: [e] })) {
            if (!entity.id) continue;
            const container = entity.kind === 'journey' ? undefined : journeyId;
            definitions.push(new IndexedDefinition(file.uri, entity, entity.id, container));
          }
        } else if (e.id) {
          definitions.push(new IndexedDefinition(file.uri, e, e.id));
        }
      }
      for (const r of model.refs) references.push(new IndexedReference(file.uri, r));
    }
    const add = (facet: string, key: string, entry: FacetEntry) => {
      const f = facets.get(facet) ?? new Map<string, FacetEntry[]>();
      facets.set(facet, f);
      const list = f.get(key);
      if (list) list.push(entry);
      else f.set(key, [entry]);
    };
    for (const c of this.contributors) c(file, add);
    return { definitions, references, facets };
  }

  private forgetDeps(uri: string, deps: Iterable<number>): void {
    for (const n of deps) {
      const s = this.dependents[n];
      if (!s) continue;
      s.delete(uri);
      if (s.size === 0) {
        this.dependents[n] = undefined;
        this.keyNumbers.release(n);
      }
    }
  }

  /** The files waiting for a re-check. */
  pending(): ReadonlySet<string> {
    return this.dirty;
  }

  /**
   * Re-checks every file marked dirty and returns the uris whose diagnostics were recomputed
   * (removed files included, with no diagnostics), so a front end publishes only those.
   * `shouldStop` lets a caller yield between files; unchecked files stay dirty.
   */
  flush(shouldStop?: () => boolean): string[] {
    const done: string[] = [];
    for (const uri of [...this.dirty]) {
      if (shouldStop?.()) break;
      this.dirty.delete(uri);
      const state = this.files.get(uri);
      done.push(uri);
      if (!state) continue;
      this.check(state);
    }
    return done;
  }

  /**
   * Re-checks one file now when it is waiting for a re-check, ahead of the others: an editor
   * request (quick fixes) needs that file's diagnostics to match its current text. Returns true
   * when the file was re-checked, so the caller can publish its diagnostics.
   */
  flushFile(uri: string): boolean {
    if (!this.dirty.has(uri)) return false;
    this.dirty.delete(uri);
    const state = this.files.get(uri);
    if (state) this.check(state);
    return true;
  }

  private check(state: FileState): void {
    const { file } = state;
    const numbers = this.keyNumbers;
    const deps = new Set<number>();
    // Without tracking, `dep?.(key)` skips building the key as well as recording it.
    const dep = this.tracking ? (key: IndexKey) => deps.add(numbers.number(key)) : undefined;
    this.checked = true;
    const diagnostics: TaxonomyDiagnostic[] = [];
    const index = this.index;
    const view: IndexView = {
      definitions: (kind: EntityKind, id: string) => {
        dep?.(defKey(kind, id));
        return index.definitions(kind, id);
      },
      references: (kind: EntityKind, id: string) => {
        dep?.(refKey(kind, id));
        return index.references(kind, id);
      },
      ids: (kind: EntityKind) => {
        dep?.(idSetKey(kind));
        return index.ids(kind);
      },
      facet: <T>(facet: string, key: string) => {
        dep?.(facetKey(facet, key));
        return index.facet<T>(facet, key);
      },
      facetGroups: <T>(facet: string, key: string) => {
        // The groups change exactly when the key's entries do, so the key is the dependency.
        dep?.(facetKey(facet, key));
        return index.facetGroups<T>(facet, key);
      },
      facetEntries: <T>(facet: string) => {
        dep?.(wholeFacetKey(facet));
        return index.facetEntries<T>(facet);
      },
      derived: <T>(facet: string, build: (entries: ReadonlyMap<string, FacetEntry[]>) => T) => {
        dep?.(wholeFacetKey(facet));
        return this.derived(facet, build);
      },
    };
    {
      for (const rule of this.rules) {
        if (!rule.appliesTo.includes(file.kind)) continue;
        // An unreadable file has no content for other rules to judge.
        if (file.unreadable && !rule.readsUnreadable) continue;
        const severity = this.severityOf(rule);
        if (severity === 'off') continue;
        const ctx: RuleContext = {
          file,
          config: this.config,
          index: view,
          fileAt: (uri) => this.files.get(uri)?.file,
          knownRules: this.ruleIds,
          report: (r) => diagnostics.push({ ...r, ruleId: rule.id, severity }),
        };
        try {
          rule.check(ctx);
        } catch (err) {
          // A rule bug must never take the file's other diagnostics (or the server) with it.
          diagnostics.push({
            ruleId: rule.id,
            severity: 'warning',
            message: `The rule ${rule.id} failed on this file (${err instanceof Error ? err.message : String(err)}); please report it.`,
            range: file.lines.range(0, 0),
          });
        }
      }
    }
    if (
      this.tracking &&
      !file.unreadable &&
      (file.kind === 'markdown' || file.models.some((m) => m.texts.length > 0))
    ) {
      // The file's term mentions, found with the matcher the rules just used (its scan is cached);
      // a change to the glossary's labels re-checks the file, and so refreshes them.
      dep?.(wholeFacetKey(GLOSSARY_LABEL_FACET));
      this.termUses.update(file, this.derived(GLOSSARY_LABEL_FACET, buildGlossary).matcher);
    }
    if (this.tracking) this.recordDeps(state, deps);
    this.suppress(state, diagnostics);
  }

  /**
   * Applies the file's `cx-taxonomy-disable` comments to its findings, here where every front end
   * gets its diagnostics, and adds the directives that silenced nothing at the severity of
   * `unused-disable-directive` (the CLI turns it off unless asked).
   */
  private suppress(state: FileState, diagnostics: TaxonomyDiagnostic[]): void {
    const directives = directivesOf(state.file);
    if (directives.length === 0) {
      state.diagnostics = diagnostics.sort(diagnosticOrder);
      state.suppressed = [];
      return;
    }
    const { kept, suppressed, unused } = applySuppressions(directives, diagnostics, this.ruleIds);
    const unusedRule = this.rules.find((r) => r.id === unusedDisableDirective.id);
    const severity = unusedRule ? this.severityOf(unusedRule) : 'off';
    if (severity !== 'off' && unusedRule?.appliesTo.includes(state.file.kind)) {
      for (const u of unused)
        for (const r of unusedDirectiveReports(state.file, u)) kept.push({ ...r, ruleId: unusedRule.id, severity });
    }
    state.diagnostics = kept.sort(diagnosticOrder);
    state.suppressed = suppressed.sort(diagnosticOrder);
  }

  /** Writes back the keys a check of the file looked up, as the difference from its last check. */
  private recordDeps(state: FileState, deps: Set<number>): void {
    const { file } = state;
    // Only the difference from the last check is written back: forgetting every key and adding
    // it again emptied and refilled entries of `dependents` (hundreds of thousands of keys on L)
    // on each edit, which costs a rehash of that map every few hundred edits.
    const next = Int32Array.from(deps).sort();
    const prev = state.deps;
    const gone: number[] = [];
    const added: number[] = [];
    let i = 0;
    let j = 0;
    while (i < prev.length || j < next.length) {
      if (j >= next.length || (i < prev.length && prev[i] < next[j])) gone.push(prev[i++]);
      else if (i >= prev.length || next[j] < prev[i]) added.push(next[j++]);
      else {
        i++;
        j++;
      }
    }
    // Keys only this check looked up have a number and no dependents yet: `added` gives them one.
    this.forgetDeps(file.uri, gone);
    for (const n of added) {
      const s = this.dependents[n];
      if (s) s.add(file.uri);
      else this.dependents[n] = new Set([file.uri]);
    }
    state.deps = next;
  }

  severityOf(rule: Rule): Severity {
    return this.config.rules[rule.id] ?? rule.defaultSeverity;
  }

  /** The diagnostics of a file as of the last flush (without those a directive silences). */
  diagnostics(uri: string): readonly TaxonomyDiagnostic[] {
    return this.files.get(uri)?.diagnostics ?? [];
  }

  /** The findings of a file that a `cx-taxonomy-disable` comment silences, as of the last flush. */
  suppressed(uri: string): readonly SuppressedDiagnostic[] {
    return this.files.get(uri)?.suppressed ?? [];
  }

  getFile(uri: string): TaxonomyFile | undefined {
    return this.files.get(uri)?.file;
  }

  allFiles(): Iterable<TaxonomyFile> {
    return [...this.files.values()].map((s) => s.file);
  }

  /** How many files depend on an index key; exposed for tests of the dependency tracking. */
  dependentsOf(key: IndexKey): ReadonlySet<string> {
    const n = this.keyNumbers.find(key);
    return (n === undefined ? undefined : this.dependents[n]) ?? new Set();
  }

  get fileCount(): number {
    return this.files.size;
  }
}

const NO_DEPS = new Int32Array(0);

/** The order of a file's diagnostics in every report: by start position, then rule id. */
export function diagnosticOrder(a: TaxonomyDiagnostic, b: TaxonomyDiagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

/**
 * Numbers for the index keys files depend on. A check looks up thousands of keys, each a string
 * joined for the lookup (`def\u0000team\u0000cx-ops`), and every file kept its own copies in its
 * dependencies and the first in `dependents`: ~90,000 joined strings on M (BENCHMARKS.md, item
 * 13). Each key is now kept once, flat, and files keep numbers. A number is released when no file
 * depends on its key any more, and reused.
 */
export class KeyNumbers {
  private readonly numbers = new Map<IndexKey, number>();
  private readonly keys: (IndexKey | undefined)[] = [];
  private readonly free: number[] = [];

  /** The number of a key, given one if it has none. */
  number(key: IndexKey): number {
    let n = this.numbers.get(key);
    if (n === undefined) {
      const kept = internalized(key);
      n = this.free.pop() ?? this.keys.length;
      this.keys[n] = kept;
      this.numbers.set(kept, n);
    }
    return n;
  }

  find(key: IndexKey): number | undefined {
    return this.numbers.get(key);
  }

  key(n: number): IndexKey | undefined {
    return this.keys[n];
  }

  release(n: number): void {
    const key = this.keys[n];
    if (key === undefined) return;
    this.numbers.delete(key);
    this.keys[n] = undefined;
    this.free.push(n);
  }

  get size(): number {
    return this.numbers.size;
  }
}

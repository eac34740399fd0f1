import type { TextPacker } from './packedText';
import { applyDirectives, runRules, severityOf, type CheckSetup, type RuleSelection } from './check';
import { compileGlobs, defaultConfig, type CompiledGlobs, type TaxonomyConfig } from './config';
import { DependencyTracker, NO_DEPS, trackedView, type KeyRecorder } from './dependencies';
import { DerivedValues, type DerivedSource } from './derived';
import { fileKindOf } from './domain';
import { matchesAny } from './glob';
import { contributionOf, type FacetContributor } from './index/contribution';
import type { FacetEntry } from './index/entries';
import { wholeFacetKey, type IndexKey } from './index/keys';
import { WorkspaceIndex } from './index/workspaceIndex';
import type { Rule } from './rules/types';
import { directivesOf, type SuppressedDiagnostic } from './suppressions';
import {
  createTaxonomyFile,
  modelsHeld,
  releaseModels,
  restoredFile,
  unreadableFile,
  type ParsedElsewhere,
  type TaxonomyFile,
} from './taxonomyFile';
import { buildGlossary, GLOSSARY_LABEL_FACET } from './terms/glossary';
import { TermUseIndex } from './terms/uses';
import type { Severity, TaxonomyDiagnostic } from './types';
import type { FileState, WorkspaceOptions } from './workspaceTypes';

export type { WorkspaceOptions } from './workspaceTypes';

/**
 * The workspace: the file store, the index over the files, and the diagnostics of each. A change
 * re-parses only the changed file; the index reports which keys changed in substance, and the
 * dependency tracker (`DependencyTracker`) names the files to re-check at the next `flush()`.
 */
export class TaxonomyWorkspace implements DerivedSource {
  readonly index = new WorkspaceIndex();
  private readonly files = new Map<string, FileState>();
  private tracker = new DependencyTracker();
  private readonly dirty = new Set<string>();
  /** Files checked early (`checkEarly`), waiting for the rules that read only the index. */
  private readonly finishing = new Set<string>();
  private config: TaxonomyConfig;
  private globs: CompiledGlobs;
  private setup: CheckSetup;
  private readonly rules: readonly Rule[];
  private readonly contributors: readonly FacetContributor[];
  private readonly ruleIds: ReadonlySet<string>;
  private readonly derivedValues = new DerivedValues(this.index);
  /**
   * Where glossary terms are mentioned in prose, for references and usage counts in the editor.
   * Kept only when asked (`keepTermUses`; the server): the CLI checks once and never asks.
   */
  readonly termUses = new TermUseIndex();
  private tracking: boolean;
  private readonly keepTermUses: boolean;
  /** True once a file has been checked (without tracking, a later change re-checks everything). */
  private checked = false;
  private size = 0;
  private readonly releasable: ((file: TaxonomyFile) => boolean) | undefined;
  private readonly releaseAbove: number;
  private readonly releaseIndexed: boolean;
  private readonly beforeRelease: WorkspaceOptions['beforeRelease'];
  private readonly textPacker: TextPacker | undefined;
  /** Files that rebuilt the models they had let go (a feature or another file's rule read them). */
  private readonly rebuilt = new Set<string>();
  private readonly onRebuild = (file: TaxonomyFile): void => {
    this.rebuilt.add(file.uri);
  };

  constructor(options: WorkspaceOptions) {
    this.tracking = options.trackDependencies ?? true;
    this.keepTermUses = options.keepTermUses ?? this.tracking;
    this.releasable = options.releasable;
    this.releaseAbove = options.releaseAbove ?? 0;
    this.releaseIndexed = options.releaseIndexed ?? false;
    this.beforeRelease = options.beforeRelease;
    this.textPacker = options.textPacker;
    this.rules = options.rules;
    this.config = options.config ?? defaultConfig();
    this.globs = compileGlobs(this.config);
    this.contributors = options.facetContributors ?? [];
    this.ruleIds = new Set(this.rules.map((r) => r.id));
    this.setup = this.checkSetup();
  }

  private checkSetup(): CheckSetup {
    return {
      rules: this.rules,
      config: this.config,
      ruleIds: this.ruleIds,
      fileAt: (uri) => this.files.get(uri)?.file,
      contribution: (uri) => this.index.contribution(uri),
    };
  }

  get currentConfig(): TaxonomyConfig {
    return this.config;
  }

  /** Replaces the configuration; every file is re-checked at the next flush. */
  setConfig(config: TaxonomyConfig): void {
    this.config = config;
    this.globs = compileGlobs(config);
    this.setup = this.checkSetup();
    for (const uri of this.files.keys()) this.dirty.add(uri);
  }

  /** True when a relative path is one the workspace reads (by suffix, doc globs and ignores). */
  accepts(relativePath: string): boolean {
    if (matchesAny(relativePath, this.globs.ignore)) return false;
    const kind = fileKindOf(relativePath);
    if (kind === 'markdown') return matchesAny(relativePath, this.globs.docs);
    return kind !== undefined && kind !== 'config';
  }

  /**
   * Adds or replaces a file's text. Cheap: parses this file only (unless `parsed`, the parse of
   * exactly this text, was done elsewhere) and marks what must be re-checked.
   */
  setFile(uri: string, relativePath: string, text: string, version = 0, parsed?: ParsedElsewhere): TaxonomyFile {
    const options = { maxFileSize: this.config.maxFileSize, onRebuild: this.onRebuild, textPacker: this.textPacker };
    const file = createTaxonomyFile(uri, relativePath, text, version, options, parsed);
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
    text: string | (() => string),
    diagnostics: TaxonomyDiagnostic[],
    suppressed: SuppressedDiagnostic[] = [],
  ): void {
    const file = restoredFile(uri, relativePath, text);
    this.files.set(uri, { file, size: 0, detached: false, deps: NO_DEPS, diagnostics, suppressed });
  }

  /** Adds a file that could not be read (not UTF-8, permission denied) so it still shows a problem. */
  setUnreadable(uri: string, relativePath: string, message: string): void {
    this.replace(uri, unreadableFile(uri, relativePath, message));
  }

  removeFile(uri: string): void {
    if (!this.files.has(uri)) return;
    this.replace(uri, undefined);
  }

  private replace(uri: string, file: TaxonomyFile | undefined): void {
    // While no file depends on any key (no tracking: the CLI; or no check yet: the server's initial
    // index) nobody asks which files depend on a key: only derived values' keys are needed.
    const detached = file !== undefined && (this.releasable?.(file) ?? false);
    const changed = this.index.replaceFile(
      uri,
      file ? contributionOf(file, this.contributors, detached) : undefined,
      this.tracker.hasDependents() ? this.tracker.watches : undefined,
    );
    const prev = this.files.get(uri);
    // An early check of the old content no longer counts: the file is checked again in full.
    this.finishing.delete(uri);
    const wasLarge = this.size > this.releaseAbove;
    this.size += (file?.text.length ?? 0) - (prev?.size ?? 0);
    // The files put in before the taxonomy grew this large let their models go now, as later ones do.
    if (this.releaseIndexed && !wasLarge && this.size > this.releaseAbove)
      for (const state of this.files.values()) this.letGo(state);
    if (file) {
      const state: FileState = {
        file,
        size: file.text.length,
        detached,
        deps: prev?.deps ?? NO_DEPS,
        diagnostics: prev?.diagnostics ?? [],
        suppressed: prev?.suppressed ?? [],
      };
      this.files.set(uri, state);
      this.dirty.add(uri);
      // Its entries hold none of its model, so it may let it go at once: a load would otherwise hold
      // every model until its check, and the peak of a large load is that (BENCHMARKS.md).
      if (this.releaseIndexed) this.letGo(state);
    } else {
      if (prev) this.tracker.forget(uri, prev.deps);
      this.termUses.remove(uri);
      this.files.delete(uri);
      this.dirty.add(uri);
    }
    if (!this.tracking && this.checked) for (const other of this.files.keys()) this.dirty.add(other);
    for (const key of changed) {
      for (const dependent of this.tracker.dependentsOf(key)) this.dirty.add(dependent);
      this.derivedValues.invalidate(key);
    }
  }

  /**
   * A value computed from every entry of a facet, built once and kept until an entry of the facet
   * changes in substance (see `DerivedValues`). Callers that must be re-checked when the value
   * changes go through `IndexView.derived`.
   */
  derived<T>(facet: string, build: (entries: ReadonlyMap<string, readonly FacetEntry[]>) => T): T {
    return this.derivedValues.get(facet, build);
  }

  /** The files waiting for a check, in whole or (checked early) in part. */
  pending(): ReadonlySet<string> {
    return this.finishing.size === 0 ? this.dirty : new Set([...this.dirty, ...this.finishing]);
  }

  /**
   * True when the file's next check runs every rule, and so reads its model: it is waiting for a
   * check and was not checked early (`checkEarly`).
   */
  checksInFull(uri: string): boolean {
    return this.dirty.has(uri);
  }

  /**
   * Re-checks every file marked dirty and returns the uris whose diagnostics were recomputed
   * (removed files included, with no diagnostics), so a front end publishes only those.
   * `shouldStop` lets a caller yield between files; unchecked files stay dirty.
   */
  flush(shouldStop?: () => boolean): string[] {
    const done: string[] = [];
    // Files checked in full first: a file checked early may be among them, and is then not finished.
    for (const uri of [...this.dirty, ...this.finishing]) {
      if (shouldStop?.()) break;
      if (this.flushFile(uri)) done.push(uri);
    }
    this.releaseRebuilt();
    return done;
  }

  /**
   * Lets go again the models that files rebuilt since they let them go (a view or another file's
   * rule read them), where the front end's policy says so and the file is not waiting for a check.
   * Called after each flush; a front end calls it after a request that read many files.
   */
  releaseRebuilt(): void {
    if (this.rebuilt.size === 0) return;
    for (const uri of this.rebuilt) {
      const state = this.files.get(uri);
      if (state && !this.dirty.has(uri)) this.letGo(state);
    }
    this.rebuilt.clear();
  }

  /** True when a file lets its model go now, indexed or checked (see `WorkspaceOptions.releasable`). */
  private mayRelease(state: FileState): boolean {
    return state.detached && this.size > this.releaseAbove && (this.releasable?.(state.file) ?? false);
  }

  /** Lets a file's model go when it may (`mayRelease`). */
  private letGo(state: FileState): void {
    if (!this.mayRelease(state) || !modelsHeld(state.file)) return;
    this.beforeRelease?.(state.file, state.diagnostics);
    releaseModels(state.file);
  }

  /**
   * Re-checks one file now when it is waiting for a re-check, ahead of the others: an editor
   * request (quick fixes) needs that file's diagnostics to match its current text. Returns true
   * when the file was re-checked, so the caller can publish its diagnostics.
   */
  flushFile(uri: string): boolean {
    const state = this.files.get(uri);
    if (this.dirty.delete(uri)) {
      this.finishing.delete(uri);
      if (state) this.check(state);
      return true;
    }
    if (!this.finishing.delete(uri)) return false;
    if (state?.early) this.finish(state, state.early);
    return true;
  }

  /**
   * Checks a file just put in, ahead of the others, with the rules that read its model, and lets
   * the model go: for a one-shot check (the CLI's lint) that puts in first the files whose content
   * other files' checks look up (`LoadOptions.checkEarly`), so that a load neither holds every
   * journey's model nor builds one twice. The rules that read only the index
   * (`Rule.readsOnlyIndex`), whose findings count what every file adds, run at the next flush
   * without the model; a file whose lookups change before then is checked again in full, as
   * dependency tracking says. Only with tracking, and only for a file that may let its model go.
   */
  checkEarly(uri: string): void {
    const state = this.files.get(uri);
    if (!this.tracking || !state || !this.dirty.has(uri) || !this.mayRelease(state)) return;
    this.dirty.delete(uri);
    state.early = this.runTracked(state, 'readsModel');
    // Read while the text is at hand: they are kept with the file, and the finish applies them.
    directivesOf(state.file);
    this.finishing.add(uri);
    this.letGo(state);
  }

  /** Completes an early check (`checkEarly`) with the rules that read only the index. */
  private finish(state: FileState, early: TaxonomyDiagnostic[]): void {
    const late = this.runTracked(state, 'readsOnlyIndex');
    state.early = undefined;
    this.show(state, early.concat(late));
  }

  /**
   * For a one-shot check once every file is in (after early checks, `checkEarly`): forgets which
   * file looked up which key, and records nothing from now on. The files a later file made stale
   * are already waiting for a check; what remains is to check each once, and a change after that
   * has every file checked again, as without tracking.
   */
  stopTracking(): void {
    if (!this.tracking) return;
    this.tracking = false;
    this.tracker = new DependencyTracker();
    for (const state of this.files.values()) state.deps = NO_DEPS;
  }

  private check(state: FileState): void {
    state.early = undefined;
    this.show(state, this.runTracked(state, 'all'));
  }

  /**
   * Runs the selected rules on a file, recording what they looked up while tracking: the file's
   * dependencies from then on, or, for the rules that finish an early check, those added to the
   * early check's.
   */
  private runTracked(state: FileState, selection: RuleSelection): TaxonomyDiagnostic[] {
    const { file } = state;
    const recording = this.tracking ? this.tracker.recorder() : undefined;
    this.checked = true;
    const findings = runRules(file, this.setup, trackedView(this.index, this.derivedValues, recording?.dep), selection);
    // The term mentions are read from the model, which only the rules that read it have.
    if (selection !== 'readsOnlyIndex') this.noteTermUses(file, recording?.dep);
    if (!recording) return findings;
    const keys = selection === 'readsOnlyIndex' ? [...new Set([...state.deps, ...recording.keys])] : recording.keys;
    state.deps = this.tracker.record(file.uri, state.deps, keys);
    return findings;
  }

  /** Keeps where a file just checked mentions glossary terms (`keepTermUses`). */
  private noteTermUses(file: TaxonomyFile, dep: KeyRecorder | undefined): void {
    if (!this.keepTermUses || file.unreadable) return;
    if (file.kind !== 'markdown' && !file.models.some((m) => m.texts.length > 0)) return;
    // Found with the matcher the rules just used (its scan is cached); a change to the glossary's
    // labels re-checks the file, and so refreshes them.
    dep?.key(wholeFacetKey(GLOSSARY_LABEL_FACET));
    this.termUses.update(file, this.derived(GLOSSARY_LABEL_FACET, buildGlossary).matcher);
  }

  /** Sets what a file shows from its findings, its disable comments applied, and lets its model go when it may. */
  private show(state: FileState, findings: TaxonomyDiagnostic[]): void {
    const shown = applyDirectives(state.file, findings, this.setup);
    state.diagnostics = shown.diagnostics;
    state.suppressed = shown.suppressed;
    this.letGo(state);
  }

  severityOf(rule: Rule): Severity {
    return severityOf(rule, this.config);
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
    return this.tracker.dependentsOf(key);
  }

  get fileCount(): number {
    return this.files.size;
  }
}

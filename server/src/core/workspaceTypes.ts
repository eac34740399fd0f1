import type { TaxonomyDiagnostic } from './types';
import type { SuppressedDiagnostic } from './suppressions';
import type { TaxonomyConfig } from './config';
import type { FacetContributor } from './index/contribution';
import type { TextPacker } from './packedText';
import type { Rule } from './rules/types';
import type { TaxonomyFile } from './taxonomyFile';

/* What a workspace (`TaxonomyWorkspace`) is set up with, and what it keeps of each file. */

/** How a workspace is set up: its rules, and how it checks and keeps files. */
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
  /**
   * Keep where glossary terms are mentioned in prose (`termUses`), for the editor's references
   * and usage counts. Default: with dependency tracking, which refreshes them.
   */
  keepTermUses?: boolean;
  /**
   * True for a file that may let its parse and models go once checked (once indexed with
   * `releaseIndexed`), until they are next read (`releaseModels`): its index entries then hold
   * none of its model (a little larger), and it lets the model go while the workspace's text is
   * larger than `releaseAbove`. Both front ends, when asked (`CX_TAXONOMY_RELEASE_ABOVE`), say
   * yes for the files of the kinds that allow it (`RELEASABLE_KINDS`) nobody has open. Default:
   * none.
   */
  releasable?: (file: TaxonomyFile) => boolean;
  /** The workspace's text size (UTF-16 code units) above which releasable files let their models go; default 0. */
  releaseAbove?: number;
  /**
   * True: releasable files let their models go as soon as they are indexed, not once checked, so a
   * load never holds them all (those put in before the text grew past `releaseAbove` go when it
   * does). For a front end whose checks rebuild them from parses done ahead (`checkParsingAhead`).
   */
  releaseIndexed?: boolean;
  /**
   * Called with a file, and its diagnostics as of its last check, just before it lets its model
   * go: what a front end wants to keep of the model for later requests (the views' parts).
   */
  beforeRelease?: (file: TaxonomyFile, diagnostics: readonly TaxonomyDiagnostic[]) => void;
  /** Packs the text of each file that lets its model go, until it is read (`PackedText`). */
  textPacker?: TextPacker;
}

/** What the workspace keeps of one file. */
export interface FileState {
  file: TaxonomyFile;
  /** The length of the file's text (0 for a file restored from a cache, whose text is read on demand). */
  size: number;
  /** True when the file's index entries hold none of its model, so letting it go frees it. */
  detached: boolean;
  /** The numbers (`KeyNumbers`) of the index keys the last check of this file looked at, ascending. */
  deps: Int32Array;
  /** What the file shows: its findings less those a directive silences, plus unused directives. */
  diagnostics: TaxonomyDiagnostic[];
  /** The findings a `cx-taxonomy-disable` comment silences, with the reasons given. */
  suppressed: SuppressedDiagnostic[];
  /**
   * After an early check (`checkEarly`), until the file is finished: the findings of the rules
   * that read its model, before its disable comments are applied.
   */
  early?: TaxonomyDiagnostic[];
}

/**
 * The taxonomy core: parse (with source ranges) -> model -> workspace index -> rules. Pure
 * TypeScript; the language server and the CLI are thin adapters over this module.
 */
export * from './types';
export * from './lineIndex';
export * from './domain';
export * from './yaml';
export * from './model';
export * from './config';
export * from './schema';
export * from './index/entries';
export * from './index/keys';
export * from './taxonomyFile';
export type { TextPacker } from './packedText';
export * from './workspace';
export { diagnosticOrder } from './check';
export * from './host';
export * from './loader';
export * from './checkAhead';
export * from './ownership';
export * from './suggest';
export * from './glob';
export type { Rule, RuleReport } from './rules/types';
export { ALL_RULES, RULE_IDS, FILE_LOCAL_RULE_IDS, ALL_FACET_CONTRIBUTORS } from './rules/registry';
export * from './terms';

import type { TextPacker } from './packedText';
import { ALL_FACET_CONTRIBUTORS, ALL_RULES } from './rules/registry';
import { TaxonomyWorkspace } from './workspace';
import { warmTaxonomyView } from './taxonomyView';
import { warmOwnershipReport } from './ownershipReport';
import type { TaxonomyFile } from './taxonomyFile';
import type { TaxonomyDiagnostic, TaxonomyKind } from './types';
import type { TaxonomyConfig } from './config';
import { RELEASABLE_KINDS } from './domain';

/**
 * What a file keeps for the views before it lets its model go (`WorkspaceSetup.keepViewParts`):
 * the report's part first, which the view's counts are then read from.
 */
function keepViewParts(file: TaxonomyFile, diagnostics: readonly TaxonomyDiagnostic[]): void {
  warmOwnershipReport(file);
  warmTaxonomyView(file, diagnostics);
}

/** How a front end sets up its workspace (`createTaxonomyWorkspace`). */
export interface WorkspaceSetup {
  /** See `WorkspaceOptions.trackDependencies`. */
  trackDependencies?: boolean;
  /** See `WorkspaceOptions.keepTermUses`. */
  keepTermUses?: boolean;
  /**
   * Let the models of checked files (indexed ones with `releaseIndexed`) of the releasable kinds
   * (`RELEASABLE_KINDS`) go, except the files `isOpen` names, while the workspace's text is larger
   * than this many UTF-16 code units; they are rebuilt from the text when read again. Unset: every
   * model is kept.
   */
  releaseAbove?: number;
  /** See `WorkspaceOptions.releaseIndexed`. */
  releaseIndexed?: boolean;
  /** The files a user has open, whose models are kept (the editor asks about them at every keystroke). */
  isOpen?: (uri: string) => boolean;
  /**
   * Keep each file's share of the Taxonomy view and of the ownership report before it lets its
   * model go, so that neither rebuilds every journey (the language server, which serves both).
   */
  keepViewParts?: boolean;
  /** See `WorkspaceOptions.textPacker`. */
  textPacker?: TextPacker;
}

/**
 * A workspace with every built-in rule: what the CLI and the server use. The CLI checks once and
 * passes `trackDependencies: false`, except where its lint checks journeys as they are loaded
 * (`TaxonomyWorkspace.checkEarly`); the server keeps the bookkeeping that edits need, and lets
 * the models of closed files go once checked when asked to (`releaseAbove`).
 */
export function createTaxonomyWorkspace(config?: TaxonomyConfig, options: WorkspaceSetup = {}): TaxonomyWorkspace {
  const { isOpen, releaseAbove } = options;
  return new TaxonomyWorkspace({
    rules: ALL_RULES,
    config,
    facetContributors: ALL_FACET_CONTRIBUTORS,
    trackDependencies: options.trackDependencies,
    keepTermUses: options.keepTermUses,
    releasable:
      releaseAbove === undefined
        ? undefined
        : (file) => RELEASABLE_KINDS.has(file.kind as TaxonomyKind) && !isOpen?.(file.uri),
    releaseAbove,
    releaseIndexed: options.releaseIndexed,
    beforeRelease: options.keepViewParts ? keepViewParts : undefined,
    textPacker: options.textPacker,
  });
}
export * from './roots';
export * from './suppressions';

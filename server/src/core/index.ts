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
export * from './workspace';
export { diagnosticOrder } from './check';
export * from './host';
export * from './loader';
export * from './ownership';
export * from './suggest';
export * from './glob';
export type { Rule, RuleReport } from './rules/types';
export { ALL_RULES, RULE_IDS, FILE_LOCAL_RULE_IDS, ALL_FACET_CONTRIBUTORS } from './rules/registry';
export * from './terms';

import { ALL_FACET_CONTRIBUTORS, ALL_RULES } from './rules/registry';
import { TaxonomyWorkspace } from './workspace';
import type { TaxonomyConfig } from './config';

/**
 * A workspace with every built-in rule: what the CLI and the server use. The CLI checks once and
 * passes `trackDependencies: false`; the server keeps the bookkeeping that edits need.
 */
export function createTaxonomyWorkspace(
  config?: TaxonomyConfig,
  options: { trackDependencies?: boolean } = {},
): TaxonomyWorkspace {
  return new TaxonomyWorkspace({
    rules: ALL_RULES,
    config,
    facetContributors: ALL_FACET_CONTRIBUTORS,
    trackDependencies: options.trackDependencies,
  });
}
export * from './roots';
export * from './suppressions';

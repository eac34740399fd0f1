import { configRule } from './config';
import { duplicateId } from './duplicate-id';
import { handoffOwner } from './handoff-owner';
import { kindMismatch } from './kind-mismatch';
import { kpiOwner } from './kpi-owner';
import { schema } from './schema';
import { sharedOwnershipLead } from './shared-ownership-lead';
import { touchpointOwner } from './touchpoint-owner';
import { unreadableFile } from './unreadable-file';
import { unresolvedReference } from './unresolved-reference';
import { yamlSyntax } from './yaml-syntax';
import { termConflict } from './term-conflict';
import { contributeNearLabels, nearDuplicateTerm } from './near-duplicate-term';
import { acronymTerm, contributeSpeltOut } from './acronym-term';
import { deprecatedTerm } from './deprecated-term';
import { crossVocabularyTerm } from './cross-vocabulary-term';
import { asymmetricLink, contributeLinkAnchors } from './asymmetric-link';
import { contributeStageNames, lifecycleMappingConflict } from './lifecycle-mapping-conflict';
import { contributeKpiKeys, kpiOverlap } from './kpi-overlap';
import { kpiConflictUnresolved } from './kpi-conflict-unresolved';
import { unusedKpi } from './unused-kpi';
import { orphanPersona } from './orphan-persona';
import { orphanSegment } from './orphan-segment';
import { labelClash } from './label-clash';
import { equivalentSameVocabulary } from './equivalent-same-vocabulary';
import { broaderCycle } from './broader-cycle';
import { deprecatedLink } from './deprecated-link';
import { deprecatedReference } from './deprecated-reference';
import { statusGating } from './status-gating';
import { sunsetPassed } from './sunset-passed';
import { sunsetApproaching } from './sunset-approaching';
import { disableDirective } from './disable-directive';
import { unusedDisableDirective } from './unused-disable-directive';
import type { Rule } from './types';
import type { FacetContributor } from '../index/contribution';
import { contributeGlossaryLabels } from '../terms/glossary';

/** Every rule, in the order the README's rule table lists them. */
export const ALL_RULES: readonly Rule[] = [
  yamlSyntax,
  schema,
  kindMismatch,
  duplicateId,
  unresolvedReference,
  touchpointOwner,
  sharedOwnershipLead,
  kpiOwner,
  handoffOwner,
  termConflict,
  nearDuplicateTerm,
  acronymTerm,
  deprecatedTerm,
  crossVocabularyTerm,
  asymmetricLink,
  lifecycleMappingConflict,
  kpiOverlap,
  kpiConflictUnresolved,
  unusedKpi,
  orphanPersona,
  orphanSegment,
  labelClash,
  equivalentSameVocabulary,
  broaderCycle,
  deprecatedLink,
  deprecatedReference,
  statusGating,
  sunsetPassed,
  sunsetApproaching,
  unreadableFile,
  configRule,
  disableDirective,
  unusedDisableDirective,
];

/** The rule ids, for validating `--rule` and the config's `rules` section. */
export const RULE_IDS: ReadonlySet<string> = new Set(ALL_RULES.map((r) => r.id));

/**
 * The rules that read only the file they check: no index lookup and no other file. What they
 * report is right before the taxonomy is indexed, so the server shows it while it indexes; every
 * other rule waits for the whole taxonomy. A rule missing here only waits, which is safe; a unit
 * test (fileLocalRules.test.ts) fails when a rule listed here reads the index or another file.
 */
export const FILE_LOCAL_RULE_IDS: ReadonlySet<string> = new Set([
  yamlSyntax.id,
  schema.id,
  kindMismatch.id,
  kpiOwner.id,
  sharedOwnershipLead.id,
  handoffOwner.id,
  kpiConflictUnresolved.id,
  unreadableFile.id,
  disableDirective.id,
]);

/**
 * What each file adds to the index for cross-file rules: glossary labels (the term matcher and
 * the label rules), stage names (lifecycle-mapping-conflict), KPI names and formulas (kpi-overlap),
 * and where back-references go (asymmetric-link's fixes).
 */
export const ALL_FACET_CONTRIBUTORS: readonly FacetContributor[] = [
  contributeGlossaryLabels,
  contributeStageNames,
  contributeKpiKeys,
  contributeLinkAnchors,
  contributeNearLabels,
  contributeSpeltOut,
];

import { accountableTeam } from '../ownership';
import type { DocModel } from '../model';
import type { IndexView } from '../rules/types';
import type { TaxonomyFile } from '../taxonomyFile';

/** Whose words a document is expected to use, and why. */
export interface DocVocabulary {
  vocabulary: string;
  /** The owning team whose function decided it; absent when the document names its vocabulary. */
  team?: { id: string; name?: string };
}

/**
 * The vocabulary a persona, segment, journey or KPI document is written in: the document's own
 * `vocabulary` when it has one (KPIs may say it), else the business function of its accountable
 * owner (the only owner, or the `lead` of several). A CX team writes in CX words, a marketing team
 * in marketing words. Undefined for glossaries (each term says its own), teams files, Markdown,
 * and documents with no owner or an owner whose function is unknown. Looking the team up records
 * a dependency on it, so a change of the team's function re-checks the file.
 */
export function docVocabulary(file: TaxonomyFile, model: DocModel, index: IndexView): DocVocabulary | undefined {
  if (file.kind === 'glossary' || file.kind === 'teams' || file.kind === 'markdown' || file.kind === 'config')
    return undefined;
  const declared = file.readers[model.docIndex]?.string('/vocabulary')?.value;
  if (declared) return { vocabulary: declared };
  const top = model.entities[0];
  const owner = top?.owner;
  const teamId = owner ? accountableTeam(owner) : undefined;
  if (!teamId) return undefined;
  const team = index.definitions('team', teamId)[0]?.entity;
  if (!team || team.kind !== 'team' || !team.function) return undefined;
  return { vocabulary: team.function.value, team: { id: teamId, name: team.name?.value } };
}

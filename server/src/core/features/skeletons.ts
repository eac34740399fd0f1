import type { TaxonomyKind } from '../types';

/**
 * A starting skeleton for each kind of file, as a snippet (`${1:placeholder}` tab stops, `${1|a,b|}`
 * choices). `{{id}}` is replaced by an id derived from the file name. Completion offers these in
 * an empty file; the client's "new file" commands can use `skeletonText` for the same content.
 */
export const SKELETONS: Readonly<Record<TaxonomyKind, string>> = {
  teams: [
    'kind: teams',
    'teams:',
    '  - id: ${1:team-id}',
    '    name: ${2:Team name}',
    '    function: ${3|marketing,cx,sales,service,product,commerce,hr,technology,analytics,finance|}',
    '    description: ${4:What the team is accountable for.}',
    '',
  ].join('\n'),
  glossary: [
    'kind: glossary',
    'vocabulary: ${1|shared,marketing,cx|}',
    'owner: ${2:team-id}',
    'terms:',
    '  - id: ${3:term-id}',
    '    term: ${4:Preferred term}',
    '    definition: ${5:What the term means, in one or two sentences.}',
    '    aliases: []',
    '    avoid: []',
    '    status: draft',
    '',
  ].join('\n'),
  persona: [
    'kind: persona',
    'id: ${1:{{id}}}',
    'name: ${2:Persona name}',
    'owner: ${3:team-id}',
    'description: ${4:Who they are and how they see us.}',
    'goals:',
    '  - ${5:A goal in their words}',
    'pains:',
    '  - ${6:A pain in their words}',
    'segments: []',
    'status: draft',
    '',
  ].join('\n'),
  segment: [
    'kind: segment',
    'id: ${1:{{id}}}',
    'name: ${2:Segment name}',
    'owner: ${3:team-id}',
    'criteria: ${4:Who belongs to this segment.}',
    'lifecycleStage: ${5|awareness,consideration,acquisition,conversion,onboarding,adoption,retention,expansion,advocacy,win-back|}',
    'personas: []',
    'status: draft',
    '',
  ].join('\n'),
  journey: [
    'kind: journey',
    'id: ${1:{{id}}}',
    'name: ${2:Journey name}',
    'persona: ${3:persona-id}',
    'owner: ${4:team-id}',
    'stages:',
    '  - id: ${5:stage-id}',
    '    name: ${6:Stage name}',
    '    lifecycleStage: ${7|awareness,consideration,acquisition,conversion,onboarding,adoption,retention,expansion,advocacy,win-back|}',
    '    owner: ${8:team-id}',
    '    touchpoints:',
    '      - id: ${9:touchpoint-id}',
    '        name: ${10:Touchpoint name}',
    '        channel: ${11|web,mobile-app,email,sms,phone,chat,social,store,field,partner,print,direct-mail,video,in-product,in-person,event|}',
    '        kpis: []',
    '',
  ].join('\n'),
  kpi: [
    'kind: kpi',
    'id: ${1:{{id}}}',
    'name: ${2:KPI name}',
    'owner: ${3:team-id}',
    'definition: ${4:What it measures and why it matters.}',
    'formula: ${5:numerator / denominator}',
    'unit: ${6:percent}',
    'direction: ${7|increase,decrease,maintain|}',
    'frequency: ${8:monthly}',
    '',
  ].join('\n'),
};

/** The id a new file's name suggests: `busy-parent.persona.yaml` -> `busy-parent`. */
export function idFromFileName(relativePath: string): string {
  const base = relativePath
    .slice(relativePath.lastIndexOf('/') + 1)
    .replace(/\.(teams|glossary|persona|segment|journey|kpi)\.ya?ml$/i, '');
  const id = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || 'new-id';
}

/** The snippet of a kind with the id taken from the file name. */
export function skeletonSnippet(kind: TaxonomyKind, relativePath: string): string {
  return SKELETONS[kind].replace(/\{\{id\}\}/g, idFromFileName(relativePath));
}

/** The skeleton as plain text: every tab stop replaced by its placeholder or first choice. */
export function skeletonText(kind: TaxonomyKind, relativePath: string): string {
  return skeletonSnippet(kind, relativePath)
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

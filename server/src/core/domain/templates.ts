import kpiSchema from '../../../../schemas/kpi.schema.json';
import type { TaxonomyKind } from '../types';
import { DEFAULT_CHANNELS, DEFAULT_LIFECYCLE_STAGES } from './defaults';
import { TEAM_FUNCTIONS } from './functions';
import { TAXONOMY_SUFFIX } from './kinds';
import { entityTitle, FILE_ENTITY } from './nouns';
import { GLOSSARY_VOCABULARIES, SHARED_VOCABULARY } from './vocabularies';

/**
 * The starting content of a new file of each kind, written once for both ways of making one:
 * completion offers it as a snippet in an empty file (`templateSnippet`), and the client's "New
 * Persona…" commands write it as plain text (`templateText`), with the name the user typed and
 * the cursor on the blank owner, where completion then offers the workspace's teams.
 *
 * The text is a snippet (`${1:placeholder}` tab stops, `${1|a,b|}` choices) with three tokens:
 * `{{id}}`, `{{name}}` and `{{owner}}`. The choices come from the schema's own lists.
 */

function choice(n: number, values: readonly string[]): string {
  return `\${${n}|${values.join(',')}|}`;
}

/** The shared vocabulary first: it is the choice a new glossary most often wants. */
const VOCABULARY_CHOICES = [SHARED_VOCABULARY, ...GLOSSARY_VOCABULARIES.filter((v) => v !== SHARED_VOCABULARY)];

const TEMPLATES: Readonly<Record<TaxonomyKind, readonly string[]>> = {
  teams: [
    'kind: teams',
    'teams:',
    '  - id: ${1:team-id}',
    '    name: ${2:Team name}',
    `    function: ${choice(3, TEAM_FUNCTIONS)}`,
    '    description: ${4:What the team is accountable for.}',
  ],
  glossary: [
    'kind: glossary',
    'id: ${1:{{id}}}',
    'name: ${2:{{name}}}',
    `vocabulary: ${choice(3, VOCABULARY_CHOICES)}`,
    'owner: ${4:{{owner}}}',
    'terms:',
    '  - id: ${5:term-id}',
    '    term: ${6:Preferred term}',
    '    definition: ${7:What the term means, in one or two sentences.}',
    '    aliases: []',
    '    avoid: []',
    '    status: draft',
  ],
  persona: [
    'kind: persona',
    'id: ${1:{{id}}}',
    'name: ${2:{{name}}}',
    'owner: ${3:{{owner}}}',
    'description: ${4:Who they are and how they see us.}',
    'goals:',
    '  - ${5:A goal in their words}',
    'pains:',
    '  - ${6:A pain in their words}',
    'segments: []',
    'status: draft',
  ],
  segment: [
    'kind: segment',
    'id: ${1:{{id}}}',
    'name: ${2:{{name}}}',
    'owner: ${3:{{owner}}}',
    'criteria: ${4:Who belongs to this segment.}',
    `lifecycleStage: ${choice(5, DEFAULT_LIFECYCLE_STAGES)}`,
    'personas: []',
    'status: draft',
  ],
  journey: [
    'kind: journey',
    'id: ${1:{{id}}}',
    'name: ${2:{{name}}}',
    'persona: ${3:persona-id}',
    'owner: ${4:{{owner}}}',
    'stages:',
    '  - id: ${5:stage-id}',
    '    name: ${6:Stage name}',
    `    lifecycleStage: ${choice(7, DEFAULT_LIFECYCLE_STAGES)}`,
    '    owner: ${8:{{owner}}}',
    '    touchpoints:',
    '      - id: ${9:touchpoint-id}',
    '        name: ${10:Touchpoint name}',
    `        channel: ${choice(11, DEFAULT_CHANNELS)}`,
    '        kpis: []',
  ],
  kpi: [
    'kind: kpi',
    'id: ${1:{{id}}}',
    'name: ${2:{{name}}}',
    'owner: ${3:{{owner}}}',
    'definition: ${4:What it measures and why it matters.}',
    'formula: ${5:numerator / denominator}',
    'unit: ${6:percent}',
    `direction: ${choice(7, kpiSchema.properties.direction.enum)}`,
    'frequency: ${8:monthly}',
  ],
};

/** A token, or one character that is not a closing brace: what a placeholder's default may hold. */
const PLACEHOLDER = /\$\{\d+:((?:\{\{\w+\}\}|[^}])*)\}/g;
const CHOICE = /\$\{\d+\|([^,|]*)[^}]*\|\}/g;

/** The template of a kind as a snippet: `{{id}}` the given id, name and owner as placeholders. */
export function templateSnippet(kind: TaxonomyKind, id: string): string {
  const name = kind === 'glossary' ? 'Glossary name' : `${entityTitle(FILE_ENTITY[kind])} name`;
  return (TEMPLATES[kind].join('\n') + '\n')
    .replace(/\{\{id\}\}/g, id)
    .replace(/\{\{name\}\}/g, name)
    .replace(/\{\{owner\}\}/g, 'team-id');
}

/** What `templateText` writes and where the cursor goes (0-based line and character). */
export interface TemplateText {
  text: string;
  cursor: { line: number; character: number };
}

/**
 * The template of a kind as plain text: each tab stop replaced by its default or first choice,
 * the id and name (a YAML scalar already) filled in, every owner left blank with the cursor on
 * the first one.
 */
export function templateText(kind: TaxonomyKind, id: string, yamlName: string): TemplateText {
  const lines = TEMPLATES[kind].map((line) =>
    line
      .replace(PLACEHOLDER, '$1')
      .replace(CHOICE, '$1')
      .replace(/\{\{id\}\}/g, () => id)
      .replace(/\{\{name\}\}/g, () => yamlName)
      .replace(/\{\{owner\}\}/g, ''),
  );
  const line = lines.findIndex((l) => /^\s*owner: $/.test(l));
  const character = line >= 0 ? lines[line].length : 0;
  return { text: lines.join('\n') + '\n', cursor: { line: Math.max(0, line), character } };
}

/**
 * Derives a kebab-case id from a name: accents dropped, anything but letters and digits becomes
 * a dash. "Sam, the Remote Professional" -> "sam-the-remote-professional". Returns '' when the
 * name has no letters or digits. The part before a comma is kept whole: ids of personas are
 * often the whole phrase, and people shorten them by hand if they want.
 */
export function toKebabId(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/** The id a new file's name suggests: `busy-parent.persona.yaml` -> `busy-parent`. */
export function idFromFileName(relativePath: string): string {
  const base = relativePath.slice(relativePath.lastIndexOf('/') + 1).replace(TAXONOMY_SUFFIX, '');
  return toKebabId(base) || 'new-id';
}

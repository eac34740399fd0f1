/**
 * Templates for the "CX Taxonomy: New ..." commands. Pure (no `vscode` import) so the id
 * derivation and the YAML they produce are unit-tested.
 */

/** The kinds a New command can create. */
export type NewFileKind = 'persona' | 'segment' | 'journey' | 'kpi' | 'glossary';

/** What each New command asks and writes. */
export interface NewFileSpec {
  kind: NewFileKind;
  /** What the input box asks for. */
  prompt: string;
  placeholder: string;
  /** The folder name people usually keep these files in. */
  folderHint: string;
}

export const NEW_FILE_SPECS: Readonly<Record<NewFileKind, NewFileSpec>> = {
  persona: {
    kind: 'persona',
    prompt: 'Name of the new persona',
    placeholder: 'Sam, the remote professional',
    folderHint: 'personas',
  },
  segment: {
    kind: 'segment',
    prompt: 'Name of the new marketing segment',
    placeholder: 'Fibre upgraders',
    folderHint: 'segments',
  },
  journey: {
    kind: 'journey',
    prompt: 'Name of the new customer journey',
    placeholder: 'Getting home fibre installed',
    folderHint: 'journeys',
  },
  kpi: { kind: 'kpi', prompt: 'Name of the new KPI', placeholder: 'Customer effort score', folderHint: 'kpis' },
  glossary: {
    kind: 'glossary',
    prompt: 'Name of the new glossary (its vocabulary or team)',
    placeholder: 'CX',
    folderHint: '',
  },
};

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

/** The file name a New command writes: `<id>.<kind>.yaml`. */
export function fileNameFor(kind: NewFileKind, id: string): string {
  return `${id}.${kind}.yaml`;
}

/** Says what is wrong with a typed name, or undefined when it is usable. */
export function validateName(name: string): string | undefined {
  if (name.trim() === '') return 'Type a name; the id is derived from it.';
  if (toKebabId(name) === '') return 'The name needs at least one letter or digit to derive an id from.';
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(name)) return 'The name contains control characters.';
  return undefined;
}

/** A YAML scalar for free text: plain when that is unambiguous, else double-quoted. */
export function yamlString(text: string): string {
  const plain =
    /^[A-Za-z0-9][A-Za-z0-9 .,'()/&+-]*$/.test(text) &&
    !/[ ]$/.test(text) &&
    !/^(true|false|yes|no|on|off|null|~|[0-9.+-]+)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}

/** What a new file contains and where the cursor goes (0-based line and character). */
export interface Template {
  text: string;
  cursor: { line: number; character: number };
}

function build(lines: string[], cursorLine: string): Template {
  const line = lines.findIndex((l) => l === cursorLine);
  return { text: lines.join('\n') + '\n', cursor: { line: Math.max(0, line), character: cursorLine.length } };
}

/**
 * The text of a new file of a kind, named `name` with id `id`. The owner is left blank with the
 * cursor after `owner: `, where completion offers the workspace's teams.
 */
export function renderTemplate(kind: NewFileKind, name: string, id: string): Template {
  const n = yamlString(name);
  switch (kind) {
    case 'persona':
      return build(
        [
          'kind: persona',
          `id: ${id}`,
          `name: ${n}`,
          'owner: ',
          'status: draft',
          'description: >-',
          '  Who this customer is: situation, habits, what they expect from us.',
          'goals:',
          '  - What they are trying to get done',
          'pains:',
          '  - What frustrates them today',
          'segments: []',
        ],
        'owner: ',
      );
    case 'segment':
      return build(
        [
          'kind: segment',
          `id: ${id}`,
          `name: ${n}`,
          'owner: ',
          'status: draft',
          'criteria: Who belongs to this segment, in one or two sentences.',
          'lifecycleStage: acquisition',
          'personas: []',
        ],
        'owner: ',
      );
    case 'journey':
      return build(
        [
          'kind: journey',
          `id: ${id}`,
          `name: ${n}`,
          'owner: ',
          'status: draft',
          'stages:',
          '  - id: discover',
          '    name: Discover',
          '    lifecycleStage: awareness',
          '    touchpoints:',
          '      - id: first-touchpoint',
          '        name: First touchpoint',
          '        channel: web',
        ],
        'owner: ',
      );
    case 'kpi':
      return build(
        [
          'kind: kpi',
          `id: ${id}`,
          `name: ${n}`,
          'owner: ',
          'status: draft',
          'definition: What this KPI measures and why it matters.',
          'formula: numerator / denominator',
          'unit: percent',
          'direction: increase',
          'frequency: monthly',
        ],
        'owner: ',
      );
    case 'glossary':
      return build(
        [
          'kind: glossary',
          `id: ${id}`,
          `name: ${n}`,
          'vocabulary: shared',
          'owner: ',
          'terms:',
          `  - id: ${id}-term`,
          '    term: A preferred label',
          '    definition: The agreed meaning, in one or two sentences.',
          '    aliases: []',
          '    avoid: []',
        ],
        'owner: ',
      );
  }
}

/**
 * The "CX Taxonomy: New ..." commands: what each asks, the file name it writes and the name
 * checks. Pure (no `vscode` import) so they are unit-tested. The content of the new file is the
 * domain's template (core/domain/templates.ts), the one completion offers in an empty file.
 */
import { templateText, toKebabId, YAML_EXTENSIONS, type TemplateText } from '../../server/src/core/domain';
import type { TaxonomyKind } from '../../server/src/core/types';

/** The kinds a New command can create (the teams file is written by hand). */
export type NewFileKind = Exclude<TaxonomyKind, 'teams'>;

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

/** The file name a New command writes: `<id>.<kind>.yaml`. */
export function fileNameFor(kind: NewFileKind, id: string): string {
  return `${id}.${kind}.${YAML_EXTENSIONS[0]}`;
}

/** Says what is wrong with a typed name, or undefined when it is usable. */
export function validateName(name: string): string | undefined {
  if (name.trim() === '') return 'Type a name; the id is derived from it.';
  if (toKebabId(name) === '') return 'The name needs at least one letter or digit to derive an id from.';
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
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

/**
 * The text of a new file of a kind, named `name` with id `id`. The owner is left blank with the
 * cursor after `owner: `, where completion offers the workspace's teams.
 */
export function renderTemplate(kind: NewFileKind, name: string, id: string): TemplateText {
  return templateText(kind, id, yamlString(name));
}

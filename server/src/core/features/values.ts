import { CONFIG_FILE_NAME } from '../domain';
import { STAGE_NAME_FACET, type StageNameEntry } from '../rules/lifecycle-mapping-conflict';
import type { TaxonomyWorkspace } from '../workspace';
import type { FacetEntry } from '../index/entries';
import { escapeMarkdown, inlineCode } from '../text/escape';
import { oneLine } from '../text/shape';
import { documentDescription, valueDescriptions, type SchemaKind } from './schemaDocs';
import type { PathSegment } from './yamlCursor';

/** How a field whose value is explained is named in the card ("lifecycle stage"). */
const FIELD_NOUN: Record<string, string> = {
  lifecycleStage: 'lifecycle stage',
  channel: 'channel',
  status: 'status',
  kind: 'kind of file',
  function: 'team function',
  direction: 'direction',
  frequency: 'frequency',
  unit: 'unit',
};

/** How many stage names a lifecycle card lists, and journeys per name, before "and N more". */
const MAX_NAMES = 8;
const MAX_JOURNEYS = 3;

/**
 * The card explaining the value of an enumerated or suggested field (`lifecycleStage`, `channel`,
 * `status`, `kind`, `function`, `direction`, `frequency`, `unit`): what the value means, as the
 * schema describes it. A lifecycle stage also lists the journeys' stages mapped to it. Undefined
 * for other fields, and for a value the schema says nothing about in a closed field.
 */
export function valueCard(
  workspace: TaxonomyWorkspace,
  kind: SchemaKind,
  path: readonly PathSegment[],
  value: string,
): string | undefined {
  const field = path[path.length - 1];
  if (typeof field !== 'string' || kind === 'config') return undefined;
  const head = `${inlineCode(value)} · ${FIELD_NOUN[field] ?? escapeMarkdown(field)}`;
  let meaning: string | undefined;
  if (field === 'kind' && path.length === 1)
    meaning = value === kind ? firstSentence(documentDescription(kind)) : undefined;
  else meaning = valueDescriptions(kind, path).get(value);
  if (field === 'lifecycleStage')
    meaning ??= workspace.currentConfig.lifecycleStages.includes(value)
      ? `A custom lifecycle stage, defined in ${CONFIG_FILE_NAME}.`
      : `Not a lifecycle stage of this taxonomy: use a default one or add it to \`lifecycleStages\` in ${CONFIG_FILE_NAME}.`;
  if (field === 'channel')
    meaning ??= workspace.currentConfig.channels.includes(value)
      ? `A custom channel, defined in ${CONFIG_FILE_NAME}.`
      : `Not one of the suggested channels (the list is open; ${CONFIG_FILE_NAME} may add to it under \`channels\`).`;
  if (meaning === undefined) return undefined;
  const parts = [head, meaning];
  if (field === 'lifecycleStage') parts.push(mappedFrom(workspace, value));
  return parts.join('\n\n');
}

function firstSentence(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const m = /^.*?[.:](?=\s|$)/s.exec(text);
  const s = m && m[0].endsWith('.') ? m[0] : text;
  return oneLine(s);
}

/** Per lifecycle stage, the stage names mapped to it with their journeys, in index order. */
type LifecycleMap = ReadonlyMap<string, ReadonlyMap<string, { name: string; journeys: string[] }>>;

/**
 * Built from the `stage-name` facet (what each journey maps each named stage to) once per change
 * of it, and kept by the workspace: a hover reads the map, never the journeys.
 */
function buildLifecycleMap(entries: ReadonlyMap<string, readonly FacetEntry[]>): LifecycleMap {
  const out = new Map<string, Map<string, { name: string; journeys: string[] }>>();
  for (const [key, list] of entries) {
    for (const entry of list) {
      const e = entry.data as StageNameEntry;
      let names = out.get(e.lifecycleStage);
      if (!names) out.set(e.lifecycleStage, (names = new Map<string, { name: string; journeys: string[] }>()));
      let n = names.get(key);
      if (!n) names.set(key, (n = { name: e.name, journeys: [] }));
      if (!n.journeys.includes(e.journey)) n.journeys.push(e.journey);
    }
  }
  return out;
}

/** "Mapped from: Onboarding (mobile-switch), Welcome (fibre-install)", or that none is. */
function mappedFrom(workspace: TaxonomyWorkspace, lifecycleStage: string): string {
  const names = [...(workspace.derived(STAGE_NAME_FACET, buildLifecycleMap).get(lifecycleStage)?.values() ?? [])];
  if (names.length === 0) return 'No journey stage is mapped to it yet.';
  names.sort((a, b) => b.journeys.length - a.journeys.length || a.name.localeCompare(b.name));
  const shown = names.slice(0, MAX_NAMES).map((n) => {
    const journeys = n.journeys.slice(0, MAX_JOURNEYS).map((j) => escapeMarkdown(j));
    const more = n.journeys.length > MAX_JOURNEYS ? ` and ${n.journeys.length - MAX_JOURNEYS} more` : '';
    return `${escapeMarkdown(n.name)} (${journeys.join(', ')}${more})`;
  });
  const more = names.length > MAX_NAMES ? `, and ${names.length - MAX_NAMES} more stage names` : '';
  return `Mapped from: ${shown.join(', ')}${more}`;
}

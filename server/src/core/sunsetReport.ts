/**
 * The sunset report: every entity and glossary term whose sunset has passed or comes within a
 * number of days, with every place that still uses it. Pure data (uris and ranges); the CLI
 * renders it (`report sunsets`). It reads the same uses as the sunset rules (`sunsetUsesIn`).
 */
import { allEntities } from './model';
import { sunsetOf, sunsetUsesIn, type SunsetState, type SunsetWindow } from './sunset';
import { workspaceGlossary } from './terms/glossary';
import type { EntityKind, Range } from './types';
import type { TaxonomyWorkspace } from './workspace';

/** One place that still uses a sunset entity. */
export interface SunsetReportUse {
  uri: string;
  range: Range;
  /** `reference`: its id in a field; `label`: a term's label or alias in free text or Markdown. */
  how: 'reference' | 'label';
  /** The field holding the id, for references. */
  field?: string;
  /** The id or the words as written. */
  text: string;
}

/** One entity or term with a passed or upcoming sunset. */
export interface SunsetReportEntry {
  kind: EntityKind;
  id: string;
  /** Its name, or a term's preferred label. */
  name?: string;
  state: SunsetState;
  /** The sunset date as written (`YYYY-MM-DD`). */
  sunset: string;
  /** Days from today to the sunset: negative once passed. */
  days: number;
  replacedBy?: string;
  /** Where the `sunset` is written. */
  uri: string;
  range: Range;
  /** The uses, by file path then position. */
  uses: SunsetReportUse[];
}

export interface SunsetReport {
  today: string;
  /** How many days ahead an upcoming sunset is listed. */
  within: number;
  /** By sunset date (the longest passed first), then kind and id. */
  entries: SunsetReportEntry[];
}

const keyOf = (kind: EntityKind, id: string) => `${kind}\u0000${id}`;

/**
 * Builds the report of one workspace as of `today`, listing sunsets up to `within` days ahead.
 * Reads every file once: a report, not a keystroke path.
 */
export function buildSunsetReport(ws: TaxonomyWorkspace, today: string, within: number): SunsetReport {
  const window: SunsetWindow = { today, warningDays: within };
  const files = [...ws.allFiles()].sort((a, b) =>
    a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0,
  );
  const byKey = new Map<string, SunsetReportEntry>();
  for (const file of files) {
    for (const model of file.models) {
      for (const e of allEntities(model)) {
        const s = e.id && e.sunset ? sunsetOf(e, window) : undefined;
        if (!s || !e.id || !e.sunset || byKey.has(keyOf(e.kind, e.id.value))) continue;
        byKey.set(keyOf(e.kind, e.id.value), {
          kind: e.kind,
          id: e.id.value,
          name: (e.kind === 'term' ? e.label?.value : e.name?.value) || undefined,
          state: s.state,
          sunset: s.date,
          days: s.days,
          replacedBy: s.replacedBy,
          uri: file.uri,
          range: e.sunset.range,
          uses: [],
        });
      }
    }
  }
  if (byKey.size > 0) {
    const matcher = workspaceGlossary(ws).matcher;
    const lookup = (kind: EntityKind, id: string) => ws.index.definitions(kind, id);
    for (const file of files) {
      for (const use of sunsetUsesIn(file, lookup, matcher, window)) {
        const entry = byKey.get(keyOf(use.target.kind, use.target.id));
        entry?.uses.push({ uri: use.uri, range: use.range, how: use.how, field: use.field, text: use.text });
      }
    }
    // Files come in path order; within a file, references (read first) and labels by position.
    const rank = new Map(files.map((f, i) => [f.uri, i]));
    for (const entry of byKey.values())
      entry.uses.sort(
        (a, b) =>
          (rank.get(a.uri) ?? 0) - (rank.get(b.uri) ?? 0) ||
          a.range.start.line - b.range.start.line ||
          a.range.start.character - b.range.start.character,
      );
  }
  // Files that let their models go rebuilt them for this report: let them go again.
  ws.releaseRebuilt();
  const entries = [...byKey.values()].sort(
    (a, b) => a.days - b.days || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id),
  );
  return { today, within, entries };
}

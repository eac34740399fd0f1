/**
 * Sunsets: an entity or glossary term whose `sunset` date has passed, or falls within the warning
 * window, and the places that still use it (an id reference, or a label of the term in prose).
 * Shared by the two sunset rules (which report each use) and `report sunsets` (which lists them).
 */
import { daysBetween, dayNumber } from './dates';
import type { Definition } from './index/entries';
import type { Entity } from './model';
import type { TaxonomyFile } from './taxonomyFile';
import type { GlossaryLabel } from './terms/glossary';
import type { TermMatcher } from './terms/matcher';
import { findTermsInFile } from './terms/prose';
import type { EntityKind, Range } from './types';

/** `passed`: today is after the sunset. `approaching`: the sunset is today or within the window. */
export type SunsetState = 'passed' | 'approaching';

/** Where an entity stands against its sunset, on a given day. */
export interface Sunset {
  state: SunsetState;
  /** The date as written (`YYYY-MM-DD`). */
  date: string;
  /** Days from today to the sunset: negative once it has passed, 0 on the day itself. */
  days: number;
  replacedBy?: string;
}

/** The day a check runs and how many days ahead a sunset is announced (`sunsetWarningDays`). */
export interface SunsetWindow {
  today: string;
  warningDays: number;
}

/** Written like `YYYY-MM-DD`: the shape the schema checks; a date of that shape may still not exist. */
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An entity's sunset as of `window.today`, or undefined when it has none, it is further away than
 * the window, or it is not a date (see {@link impossibleSunset}).
 */
export function sunsetOf(e: Entity, window: SunsetWindow): Sunset | undefined {
  const date = e.sunset?.value;
  if (typeof date !== 'string') return undefined;
  const days = daysBetween(window.today, date.trim());
  if (days === undefined || days > window.warningDays) return undefined;
  return { state: days < 0 ? 'passed' : 'approaching', date: date.trim(), days, replacedBy: e.replacedBy?.value };
}

/**
 * True when a sunset is written as a date but names no day of the calendar (`2026-02-30`). A
 * value of another shape is the schema's to report.
 */
export function impossibleSunset(e: Entity): boolean {
  const date = e.sunset?.value;
  return typeof date === 'string' && DATE_SHAPE.test(date.trim()) && dayNumber(date) === undefined;
}

/** "today", "tomorrow", "in 12 days", "yesterday", "2,190 days ago". */
export function daysPhrase(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  const n = Math.abs(days).toLocaleString('en-US');
  return days > 0 ? `in ${n} days` : `${n} days ago`;
}

/** One use of a sunset entity: an id reference, or a label of a sunset term in prose. */
export interface SunsetUse {
  uri: string;
  range: Range;
  /** `reference`: the id in a field; `label`: the term's label or alias in free text or Markdown. */
  how: 'reference' | 'label';
  /** The field that holds the id (`segments`, `owner`, ...), for references. */
  field?: string;
  /** The id or the words as written. */
  text: string;
  /** The entity used. */
  target: Definition;
  sunset: Sunset;
}

/** How a use looks up what it names: a rule's tracked index view, or the workspace's index. */
export type DefinitionLookup = (kind: EntityKind, id: string) => readonly Definition[];

/** The first definition of an id that has a sunset within the window, with it. */
function sunsetTarget(
  lookup: DefinitionLookup,
  kind: EntityKind,
  id: string,
  window: SunsetWindow,
): { target: Definition; sunset: Sunset } | undefined {
  for (const target of lookup(kind, id)) {
    // Most definitions have no sunset: told without the entity, which a file that let its model go
    // would build again for every use of its ids.
    if (target.kind !== kind || target.sunset === undefined) continue;
    const sunset = sunsetOf(target.entity, window);
    if (sunset) return { target, sunset };
  }
  return undefined;
}

/**
 * Every use in a file of an entity or term whose sunset has passed or is within the window. A
 * term's own entry mentioning its label is not a use ("formerly called ..."). Labels to avoid
 * are not counted: they are not names of the term (deprecated-term reports them).
 */
export function sunsetUsesIn(
  file: TaxonomyFile,
  lookup: DefinitionLookup,
  matcher: TermMatcher<GlossaryLabel> | undefined,
  window: SunsetWindow,
): SunsetUse[] {
  const out: SunsetUse[] = [];
  for (const model of file.models) {
    for (const ref of model.refs) {
      const found = sunsetTarget(lookup, ref.kind, ref.id.value, window);
      if (found)
        out.push({
          uri: file.uri,
          range: ref.id.range,
          how: 'reference',
          field: ref.field,
          text: ref.id.value,
          ...found,
        });
    }
  }
  if (!matcher) return out;
  for (const m of findTermsInFile(file, matcher)) {
    const seen = new Set<string>();
    for (const l of m.labels) {
      // The label says whether the term has a sunset (the glossary facet, which the matcher
      // already depends on): only then is the term looked up.
      if (l.role === 'avoid' || l.sunset === undefined || seen.has(l.termId)) continue;
      seen.add(l.termId);
      const found = sunsetTarget(lookup, 'term', l.termId, window);
      if (!found || (found.target.uri === file.uri && within(found.target.entity.range, file, m.start))) continue;
      out.push({ uri: file.uri, range: file.lines.range(m.start, m.end), how: 'label', text: m.text, ...found });
    }
  }
  return out;
}

/** True when an offset of the file lies inside a range (the term's own entry). */
function within(r: Range, file: TaxonomyFile, offset: number): boolean {
  const p = file.lines.positionAt(offset);
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

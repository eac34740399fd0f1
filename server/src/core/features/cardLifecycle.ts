/**
 * The life-cycle lines of a hover card: status, sunset and replacement. A deprecated entity, or
 * one whose sunset has passed or is within `sunsetWarningDays`, gets one headline at the top of
 * its card; otherwise a sunset or a replacement is a plain fact among the others.
 */
import { daysBetween } from '../dates';
import type { Entity } from '../model';
import { daysPhrase, sunsetOf } from '../sunset';
import type { TaxonomyWorkspace } from '../workspace';
import { escapeMarkdown, inlineCode } from '../text/escape';

/**
 * What replaces an entity: the id its `replacedBy` names, with the name that entity is known by
 * (a term's label, else its name) when it is defined; undefined when `replacedBy` is unset.
 */
function replacementOf(
  workspace: TaxonomyWorkspace,
  e: Entity,
): { id: string; defined: boolean; name?: string } | undefined {
  const id = e.replacedBy?.value;
  if (!id) return undefined;
  const next = workspace.index.definitions(e.kind, id)[0]?.entity;
  if (!next) return { id, defined: false };
  return { id, defined: true, name: (next.kind === 'term' ? next.label?.value : undefined) ?? next.name?.value };
}

/** The replacement of an entity as Markdown: "`new-id` (Name)", or "`new-id` (not defined)". */
function replacementMarkdown(workspace: TaxonomyWorkspace, e: Entity): string | undefined {
  const r = replacementOf(workspace, e);
  if (!r) return undefined;
  if (!r.defined) return `${inlineCode(r.id)} (not defined)`;
  return `${inlineCode(r.id)}${r.name ? ` (${escapeMarkdown(r.name)})` : ''}`;
}

/**
 * What a retired entry's completion detail adds (plain text): "deprecated — use new-id (Name)",
 * or "sunset passed — use …" when only its sunset retires it. `label` names a replacing term by
 * its label, as free text writes it ("deprecated — use Persona").
 */
export function retiredNote(workspace: TaxonomyWorkspace, e: Entity, name: 'id' | 'label' = 'id'): string {
  const why = e.status?.value === 'deprecated' ? 'deprecated' : 'sunset passed';
  const r = replacementOf(workspace, e);
  if (!r) return why;
  if (name === 'label' && r.name) return `${why} — use ${r.name}`;
  return `${why} — use ${r.id}${r.name ? ` (${r.name})` : ''}`;
}

/** When a sunset falls, relative to today: "in 20 days", "today", "passed 3 days ago"; empty for a non-date. */
function sunsetWhen(date: string, today: string): string {
  const days = daysBetween(today, date.trim());
  if (days === undefined) return '';
  return days < 0 ? `passed ${daysPhrase(days)}` : daysPhrase(days);
}

/**
 * The card's headline, or undefined when the entity is neither deprecated nor near or past its
 * sunset: "**Deprecated** — use `new-id` (Name) instead", "**Sunset** on 2026-11-01 (passed 32
 * days ago) — use …".
 */
export function lifecycleHeadline(workspace: TaxonomyWorkspace, e: Entity): string | undefined {
  const { today, sunsetWarningDays } = workspace.currentConfig;
  const deprecated = e.status?.value === 'deprecated';
  const near = sunsetOf(e, { today, warningDays: sunsetWarningDays });
  if (!deprecated && !near) return undefined;
  const replacement = replacementMarkdown(workspace, e);
  const use = replacement ? ` — use ${replacement} instead` : '';
  if (!deprecated && near) return `**Sunset** on ${escapeMarkdown(near.date)} (${sunsetWhen(near.date, today)})${use}`;
  const date = e.sunset?.value;
  const when = date ? sunsetWhen(date, today) : '';
  const dated = date ? ` (sunset ${escapeMarkdown(date)}${when ? `, ${when}` : ''})` : '';
  return `**Deprecated**${dated}${use}`;
}

/** The sunset and replacement as card facts, for an entity with no headline (none when unset). */
export function lifecycleFacts(workspace: TaxonomyWorkspace, e: Entity): string[] {
  if (lifecycleHeadline(workspace, e)) return [];
  const facts: string[] = [];
  const date = e.sunset?.value;
  if (date) {
    const when = sunsetWhen(date, workspace.currentConfig.today);
    facts.push(`Sunset: ${escapeMarkdown(date)}${when ? ` (${when})` : ''}`);
  }
  const replacement = replacementMarkdown(workspace, e);
  if (replacement) facts.push(`Replaced by: ${replacement}`);
  return facts;
}

/**
 * The life-cycle lines of a hover card: status, sunset and replacement. A deprecated entity, or
 * one whose sunset has passed or is within `sunsetWarningDays`, gets one headline at the top of
 * its card; otherwise a sunset or a replacement is a plain fact among the others.
 */
import type { Entity } from '../model';
import type { TaxonomyWorkspace } from '../workspace';
import { sunsetState, sunsetWhen, type SunsetState } from '../lifecycle';
import { escapeMarkdown, inlineCode } from '../text/escape';

/** The name an entity is known by: a term's label, else its name. */
function displayName(e: Entity): string | undefined {
  return (e.kind === 'term' ? e.label?.value : undefined) ?? e.name?.value;
}

/** The replacement of an entity as Markdown: "`new-id` (Name)", or "`new-id` (not defined)". */
function replacementMarkdown(workspace: TaxonomyWorkspace, e: Entity): string | undefined {
  const id = e.replacedBy?.value;
  if (!id) return undefined;
  const def = workspace.index.definitions(e.kind, id)[0];
  if (!def) return `${inlineCode(id)} (not defined)`;
  const name = displayName(def.entity);
  return `${inlineCode(id)}${name ? ` (${escapeMarkdown(name)})` : ''}`;
}

/** A sunset as Markdown: "2027-01-31 (in 20 days)"; a value that is not a date stands alone. */
function sunsetMarkdown(s: SunsetState): string {
  const when = sunsetWhen(s);
  return `${escapeMarkdown(s.date)}${when ? ` (${when})` : ''}`;
}

/**
 * The card's headline, or undefined when the entity is neither deprecated nor near or past its
 * sunset: "**Deprecated** — use `new-id` (Name) instead", "**Sunset** on 2026-11-01 (passed 32
 * days ago) — use …".
 */
export function lifecycleHeadline(workspace: TaxonomyWorkspace, e: Entity): string | undefined {
  const config = workspace.currentConfig;
  const sunset = sunsetState(e, config.today);
  const deprecated = e.status?.value === 'deprecated';
  const near = sunset?.days !== undefined && sunset.days <= config.sunsetWarningDays;
  if (!deprecated && !near) return undefined;
  const replacement = replacementMarkdown(workspace, e);
  const use = replacement ? ` — use ${replacement} instead` : '';
  if (!deprecated && sunset) return `**Sunset** on ${sunsetMarkdown(sunset)}${use}`;
  const when = sunset && sunsetWhen(sunset);
  const dated = sunset ? ` (sunset ${escapeMarkdown(sunset.date)}${when ? `, ${when}` : ''})` : '';
  return `**Deprecated**${dated}${use}`;
}

/** The sunset and replacement as card facts, for an entity with no headline (none when unset). */
export function lifecycleFacts(workspace: TaxonomyWorkspace, e: Entity): string[] {
  if (lifecycleHeadline(workspace, e)) return [];
  const facts: string[] = [];
  const sunset = sunsetState(e, workspace.currentConfig.today);
  if (sunset) facts.push(`Sunset: ${sunsetMarkdown(sunset)}`);
  const replacement = replacementMarkdown(workspace, e);
  if (replacement) facts.push(`Replaced by: ${replacement}`);
  return facts;
}

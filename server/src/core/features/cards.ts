import { effectiveOwner } from '../ownership';
import type { Entity, Ownership, Stage, Term, Touchpoint } from '../model';
import type { TaxonomyWorkspace } from '../workspace';
import type { Definition } from '../index/entries';
import { entityTitle, vocabularyName } from '../domain';
import { escapeMarkdown, inlineCode } from '../text/escape';
import { oneLine, truncate } from '../text/shape';
import { lifecycleFacts, lifecycleHeadline } from './cardLifecycle';

/**
 * A team in a card, as Markdown: its id in code, then its name and function ("`cx-design`
 * (Customer Experience Design, cx)"). The CLI's plain-text "Name (id)" is `teamNameAndId`.
 */
function teamMarkdown(workspace: TaxonomyWorkspace, id: string): string {
  const team = workspace.index.definitions('team', id)[0]?.entity;
  if (!team || team.kind !== 'team') return `${inlineCode(id)} (not defined)`;
  const name = team.name?.value ? ` ${escapeMarkdown(team.name.value)}` : '';
  const fn = team.function?.value ? `, ${escapeMarkdown(team.function.value)}` : '';
  return `${inlineCode(id)}${name || fn ? ` (${name.trim()}${fn})` : ''}`;
}

function ownerLine(workspace: TaxonomyWorkspace, o: Ownership | undefined, label = 'Owner'): string | undefined {
  if (!o || o.teams.length === 0) return undefined;
  if (o.teams.length === 1) return `${label}: ${teamMarkdown(workspace, o.teams[0].value)}`;
  const lead = o.lead ? `; lead ${teamMarkdown(workspace, o.lead.value)}` : '; no lead';
  return `${label}s: ${o.teams.map((t) => inlineCode(t.value)).join(', ')}${lead}`;
}

/** Where a definition is written, as `path:line` (plain text, never a link). */
function whereDefined(workspace: TaxonomyWorkspace, d: Pick<Definition, 'uri' | 'range'>): string {
  const path = workspace.getFile(d.uri)?.relativePath ?? d.uri;
  return `${escapeMarkdown(path)}:${d.range.start.line + 1}`;
}

function textParagraph(text: string | undefined, max = 600): string | undefined {
  if (!text || !text.trim()) return undefined;
  return escapeMarkdown(truncate(oneLine(text), max));
}

/** Finds the journey and stage that hold a stage or touchpoint definition. */
function containers(workspace: TaxonomyWorkspace, d: Definition): { journey?: Entity; stage?: Stage } {
  if (d.kind !== 'stage' && d.kind !== 'touchpoint') return {};
  const file = workspace.getFile(d.uri);
  for (const model of file?.models ?? []) {
    for (const j of model.entities) {
      if (j.kind !== 'journey') continue;
      for (const s of j.stages) {
        if (s === d.entity) return { journey: j, stage: s };
        if (s.touchpoints.includes(d.entity as Touchpoint)) return { journey: j, stage: s };
      }
    }
  }
  return {};
}

/**
 * The Markdown card of an entity: what it is, its name, owner and description, and where it is
 * defined. Terms get the glossary card instead. `brief` leaves out what costs a walk over
 * references (for completion lists, which build many cards at once).
 */
export function entityCard(workspace: TaxonomyWorkspace, d: Definition, options: { brief?: boolean } = {}): string {
  const e = d.entity;
  if (e.kind === 'term') return glossaryCard(workspace, d as Definition & { entity: Term });
  const lines: string[] = [];
  const headline = lifecycleHeadline(workspace, e);
  if (headline) lines.push(headline);
  const title = e.name?.value ? ` ${escapeMarkdown(e.name.value)}` : '';
  lines.push(
    `**${entityTitle(e.kind)}**${title} · ${inlineCode(d.id)}${e.status?.value ? ` · ${escapeMarkdown(e.status.value)}` : ''}`,
  );
  const facts: string[] = [];
  switch (e.kind) {
    case 'team': {
      if (e.function?.value) facts.push(`Function: ${escapeMarkdown(e.function.value)}`);
      // Counting is linear in the team's references: fine for one hover, skipped in completion lists.
      if (!options.brief) {
        const owned = workspace.index
          .references('team', d.id)
          .filter((r) => r.field === 'owner' || r.field === 'lead').length;
        facts.push(`Named as owner or lead ${owned} time${owned === 1 ? '' : 's'}`);
      }
      break;
    }
    case 'touchpoint': {
      const { journey, stage } = containers(workspace, d);
      if (journey)
        facts.push(
          `Journey: ${inlineCode(journey.id?.value ?? '?')}${stage ? `, stage ${inlineCode(stage.id?.value ?? '?')}` : ''}`,
        );
      const tp = e;
      const eff = stage ? effectiveOwner(tp, stage) : tp.owner ? { owner: tp.owner, inherited: false } : undefined;
      const line = eff ? ownerLine(workspace, eff.owner) : undefined;
      facts.push(line ? `${line}${eff?.inherited ? ' (from its stage)' : ''}` : 'Owner: **none**');
      if (tp.channel?.value) facts.push(`Channel: ${escapeMarkdown(tp.channel.value)}`);
      if (tp.kpis.length) facts.push(`KPIs: ${tp.kpis.map((k) => inlineCode(k.value)).join(', ')}`);
      if (tp.handoff?.value) facts.push(`Hands off to: ${teamMarkdown(workspace, tp.handoff.value)}`);
      break;
    }
    case 'stage': {
      const { journey } = containers(workspace, d);
      if (journey) facts.push(`Journey: ${inlineCode(journey.id?.value ?? '?')}`);
      if (e.lifecycleStage?.value) facts.push(`Lifecycle stage: ${escapeMarkdown(e.lifecycleStage.value)}`);
      const o = ownerLine(workspace, e.owner);
      if (o) facts.push(o);
      facts.push(`${e.touchpoints.length} touchpoint${e.touchpoints.length === 1 ? '' : 's'}`);
      break;
    }
    case 'journey': {
      const o = ownerLine(workspace, e.owner);
      if (o) facts.push(o);
      if (e.persona?.value) facts.push(`Persona: ${inlineCode(e.persona.value)}`);
      const tps = e.stages.reduce((n, s) => n + s.touchpoints.length, 0);
      facts.push(
        `${e.stages.length} stage${e.stages.length === 1 ? '' : 's'}, ${tps} touchpoint${tps === 1 ? '' : 's'}`,
      );
      break;
    }
    case 'kpi': {
      const o = ownerLine(workspace, e.owner);
      facts.push(o ?? 'Owner: **none**');
      if (e.formula?.value) facts.push(`Formula: ${inlineCode(oneLine(e.formula.value))}`);
      if (e.direction?.value) facts.push(`Direction: ${escapeMarkdown(e.direction.value)}`);
      break;
    }
    case 'persona': {
      const o = ownerLine(workspace, e.owner);
      if (o) facts.push(o);
      if (e.segments.length) facts.push(`Segments: ${e.segments.map((s) => inlineCode(s.value)).join(', ')}`);
      break;
    }
    case 'segment': {
      const o = ownerLine(workspace, e.owner);
      if (o) facts.push(o);
      if (e.lifecycleStage?.value) facts.push(`Lifecycle stage: ${escapeMarkdown(e.lifecycleStage.value)}`);
      if (e.personas.length) facts.push(`Personas: ${e.personas.map((s) => inlineCode(s.value)).join(', ')}`);
      break;
    }
  }
  facts.push(...lifecycleFacts(workspace, e));
  if (facts.length) lines.push(facts.join('  \n'));
  const about = textParagraph(e.kind === 'kpi' ? (e.definition?.value ?? e.description?.value) : e.description?.value);
  if (about) lines.push(about);
  lines.push(`Defined in ${whereDefined(workspace, d)}`);
  return lines.join('\n\n');
}

/**
 * The glossary card: preferred term, definition, vocabulary, the equivalent in the other
 * vocabulary, aliases, labels to avoid, steward and status. `matched` notes how the text named
 * the term, so a label to avoid is called out.
 */
export function glossaryCard(
  workspace: TaxonomyWorkspace,
  d: Definition & { entity: Term },
  matched?: { text: string; via: 'term' | 'alias' | 'avoid' },
): string {
  const t = d.entity;
  const label = t.label?.value ?? t.name?.value ?? d.id;
  const lines: string[] = [];
  if (matched?.via === 'avoid') {
    lines.push(`⚠ "${escapeMarkdown(matched.text)}" is a label to avoid: write **${escapeMarkdown(label)}**.`);
  }
  const headline = lifecycleHeadline(workspace, t);
  if (headline) lines.push(headline);
  const status = t.status?.value ? ` · ${escapeMarkdown(t.status.value)}` : '';
  lines.push(`**${escapeMarkdown(label)}** · ${escapeMarkdown(vocabularyName(t.vocabulary))} vocabulary${status}`);
  const definition = textParagraph(t.definition?.value, 1000);
  lines.push(definition ?? '_No definition yet._');
  const facts: string[] = [];
  if (t.equivalent?.value) {
    const eq = workspace.index.definitions('term', t.equivalent.value)[0];
    if (eq && eq.entity.kind === 'term') {
      const et = eq.entity;
      facts.push(
        `Equivalent in the ${escapeMarkdown(vocabularyName(et.vocabulary))} vocabulary: **${escapeMarkdown(et.label?.value ?? eq.id)}** (${inlineCode(eq.id)})`,
      );
    } else facts.push(`Equivalent: ${inlineCode(t.equivalent.value)} (not defined)`);
  }
  if (t.aliases.length) facts.push(`Also called: ${t.aliases.map((a) => escapeMarkdown(a.value)).join(', ')}`);
  if (t.avoid.length) facts.push(`Avoid: ${t.avoid.map((a) => `~~${escapeMarkdown(a.value)}~~`).join(', ')}`);
  if (t.broader.length) facts.push(`Broader: ${t.broader.map((a) => inlineCode(a.value)).join(', ')}`);
  const steward = ownerLine(workspace, t.owner, 'Steward');
  if (steward) facts.push(steward);
  facts.push(...lifecycleFacts(workspace, t));
  if (facts.length) lines.push(facts.join('  \n'));
  lines.push(`${inlineCode(d.id)} · defined in ${whereDefined(workspace, d)}`);
  return lines.join('\n\n');
}

/**
 * A one-line summary for completion details ("Brand & Campaigns · marketing"); `retired` is the
 * note of an entry nothing new should use ("deprecated — use new-id (Name)").
 */
export function entityDetail(d: Definition, retired?: string): string {
  const e = d.entity;
  const parts: string[] = [];
  if (e.kind === 'term') parts.push(e.label?.value ?? '', vocabularyName(e.vocabulary));
  else if (e.name?.value) parts.push(e.name.value);
  if (e.kind === 'team') {
    if (e.function?.value) parts.push(e.function.value);
  } else if (e.owner && e.owner.teams.length) {
    parts.push(`owner ${e.owner.teams.map((t) => t.value).join(', ')}`);
  }
  if (retired) parts.push(retired);
  return oneLine(parts.filter(Boolean).join(' · '));
}

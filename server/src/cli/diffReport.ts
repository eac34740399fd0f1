/**
 * `cx-taxonomy diff` output: Markdown for a pull-request comment or a job summary (a section only
 * when it has something, its count in its heading), and JSON (the core's TaxonomyDiff with the
 * two sides named; shape documented in the command's help).
 */
import { introducesErrors, type DiffOwner, type DiffProblem, type DiffValue, type TaxonomyDiff } from '../core/diff';
import { mdCell, mdCode, mdText } from '../core/text/escape';
import { capitalise, truncate } from '../core/text/shape';
import { plural } from './report';
import { entityNoun } from '../core/domain';
import { ENTITY_KINDS, type EntityKind } from '../core/types';

/** The kind as a sentence names it ("KPI", "persona"). */
function kindNoun(kind: string): string {
  return (ENTITY_KINDS as readonly string[]).includes(kind) ? entityNoun(kind as EntityKind) : kind;
}

/** A side as the report names it. */
export interface SideName {
  name: string;
  commit?: string;
}

export const DIFF_FORMATS = ['md', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** The version of the JSON shape: raised only when a field changes meaning or goes. */
const JSON_VERSION = 1;

/** A section's list is cut beyond this many lines: a job summary holds at most 1 MiB. */
const MAX_ITEMS = 200;

/** The JSON report: the sides, whether it introduces an error, then the diff. */
export function diffJson(d: TaxonomyDiff, base: SideName, head: SideName): object {
  return { version: JSON_VERSION, base, head, introducesErrors: introducesErrors(d), ...d };
}

const code = (s: string) => mdCode(s);
const quoted = (s: string | undefined) => (s === undefined ? '_none_' : `“${mdText(truncate(s, 160))}”`);
const valueOrNone = (s: string | undefined) => (s === undefined ? '_none_' : code(s));
const ownerMd = (o: DiffOwner | undefined) =>
  !o
    ? 'nobody'
    : o.teams.map(code).join(', ') + (o.lead !== undefined && o.teams.length > 1 ? ` (lead ${code(o.lead)})` : '');
const label = (l: string) => (l ? ` “${mdText(l)}”` : '');
const where = (file: string) => ` in ${code(file)}`;

/** A heading with its count, then the lines (cut at MAX_ITEMS); nothing when there are none. */
function section(out: string[], title: string, lines: readonly string[], level = '###'): void {
  if (lines.length === 0) return;
  out.push(`${level} ${title} (${lines.length})`, '');
  for (const l of lines.slice(0, MAX_ITEMS)) out.push(`- ${l}`);
  if (lines.length > MAX_ITEMS) out.push(`- _…and ${lines.length - MAX_ITEMS} more (see \`--format json\`)_`);
  out.push('');
}

function sideMd(s: SideName): string {
  return s.commit
    ? `${code(s.name)} (${code(s.commit.slice(0, 7))})`
    : s.name === 'working tree'
      ? 'the working tree'
      : code(s.name);
}

function valueLine(v: DiffValue, what: string): string {
  return `${code(v.id)} ${what}: ${valueOrNone(v.before)} → ${valueOrNone(v.after)}${where(v.file)}`;
}

/** Problems grouped by rule under a heading: the rule with its count, then one line per problem. */
function problemSection(out: string[], heading: string, ps: readonly DiffProblem[]): void {
  if (ps.length === 0) return;
  out.push(heading, '');
  let rule: string | undefined;
  for (const p of ps.slice(0, MAX_ITEMS)) {
    if (p.ruleId !== rule) {
      rule = p.ruleId;
      out.push(`- ${code(rule)} (${ps.filter((x) => x.ruleId === rule).length})`);
    }
    out.push(`  - ${p.severity} ${code(`${p.file}:${p.line}`)}: ${mdCell(p.message)}`);
  }
  if (ps.length > MAX_ITEMS) out.push(`- _…and ${ps.length - MAX_ITEMS} more (see \`--format json\`)_`);
  out.push('');
}

/** The Markdown report. */
export function diffMarkdown(d: TaxonomyDiff, base: SideName, head: SideName): string {
  const out = [`## Taxonomy changes: ${sideMd(base)} → ${sideMd(head)}`, ''];
  const e = d.entities;
  section(out, 'Entities', [
    ...e.added.map((x) => `Added ${kindNoun(x.kind)} ${code(x.id)}${label(x.label)}${where(x.file)}`),
    ...e.removed.map((x) => `Removed ${kindNoun(x.kind)} ${code(x.id)}${label(x.label)}${where(x.file)}`),
    ...e.renamed.map((x) => `Renamed ${kindNoun(x.kind)} ${code(x.from)} → ${code(x.to)}${where(x.file)}`),
  ]);
  section(
    out,
    'Touchpoint ownership',
    d.ownership.map((o) => {
      const id = code(`${o.journey}/${o.touchpoint}`);
      const was = `was ${ownerMd(o.before)}`;
      if (o.change === 'unowned') return `${id} is no longer owned by anyone (${was})${where(o.file)}`;
      if (o.change === 'sharedWithoutLead')
        return `${id} is now shared by ${ownerMd(o.after)} with no lead (${was})${where(o.file)}`;
      return `${id} is now owned by ${ownerMd(o.after)} (${was})${where(o.file)}`;
    }),
  );
  const g = d.glossary;
  section(out, 'Glossary', [
    ...g.added.map((x) => `Added term ${code(x.id)}${label(x.label)}${where(x.file)}`),
    ...g.removed.map((x) => `Removed term ${code(x.id)}${label(x.label)}${where(x.file)}`),
    ...g.renamed.map((x) => `Renamed term ${code(x.from)} → ${code(x.to)}${where(x.file)}`),
    ...g.deprecated.map(
      (x) =>
        `Deprecated term ${code(x.id)}${label(x.label)}` +
        (x.replacedBy ? `, replaced by ${code(x.replacedBy)}` : '') +
        (x.sunset ? `, sunset ${code(x.sunset)}` : '') +
        where(x.file),
    ),
    ...g.redefined.map((x) => `Redefined ${code(x.id)}: ${quoted(x.before)} → ${quoted(x.after)}${where(x.file)}`),
    ...g.relabelled.map(
      (x) =>
        `Relabelled ${code(x.id)}: ${x.before.map(code).join(', ') || '_none_'} → ${x.after.map(code).join(', ') || '_none_'}${where(x.file)}`,
    ),
  ]);
  section(
    out,
    'KPIs',
    d.kpis.map((v) => valueLine(v, v.field)),
  );
  section(
    out,
    'Owners and status',
    d.governance.map((v) => `${capitalise(kindNoun(v.kind))} ${valueLine(v, v.field)}`),
  );
  const l = d.lifecycle;
  section(out, 'Lifecycle', [
    ...l.stages.added.map((x) => `Added stage ${code(x.id)}${label(x.label)}${where(x.file)}`),
    ...l.stages.removed.map((x) => `Removed stage ${code(x.id)}${label(x.label)}${where(x.file)}`),
    ...l.stages.renamed.map((x) => `Renamed stage ${code(x.from)} → ${code(x.to)}${where(x.file)}`),
    ...l.mappings.map((v) => valueLine(v, `(${v.field}) lifecycle stage`)),
    ...l.vocabulary.added.map((s) => `Lifecycle stage ${code(s)} added to the config`),
    ...l.vocabulary.removed.map((s) => `Lifecycle stage ${code(s)} removed from the config`),
  ]);
  const { introduced, fixed } = d.problems;
  const errors = introduced.filter((p) => p.severity === 'error').length;
  const errorCount = errors ? `, ${plural(errors, 'error')}` : '';
  problemSection(
    out,
    `### ${errors ? '❌' : '⚠️'} Problems introduced (${introduced.length}${errorCount})`,
    introduced,
  );
  problemSection(out, `### ✅ Problems fixed (${fixed.length})`, fixed);
  if (out.length === 2) out.push('No change in meaning, and no problem introduced or fixed.', '');
  return out.join('\n');
}

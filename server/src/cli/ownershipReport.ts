import { allEntities, effectiveOwner, type Journey, type TaxonomyWorkspace } from '../core';
import type { OwnershipFormat } from './args';
import { csvRow, html, mdCode, mdText } from './escape';
import { htmlPage, taxonomyTitle, type ExportContext } from './glossaryExport';
import { teamOf } from './glossaryData';
import { reportPath } from './lint';
import { INFORMATION_URI, TOOL_NAME } from './product';
import type { LoadedTaxonomy } from './taxonomies';

/** Business functions in the order of the teams schema; teams are listed in this order. */
const FUNCTION_ORDER = ['marketing', 'cx', 'sales', 'service', 'product', 'commerce', 'hr', 'technology', 'analytics', 'finance'];

/** One touchpoint with its effective ownership. */
export interface OwnedTouchpoint {
  journey: number;
  journeyName: string;
  stageName: string;
  id?: string;
  name: string;
  /** Where the touchpoint is written, relative to the working folder. */
  path: string;
  line: number;
  /** The effective owner's teams (its own, else its stage's); empty when unowned. */
  teams: string[];
  /** The accountable team: the only owner, or a lead that is one of the owners. */
  lead?: string;
  /** True when the owner comes from the stage. */
  inherited: boolean;
}

export interface MatrixTeam {
  id: string;
  name: string;
  function?: string;
  /** False for an owner id that no teams file defines. */
  known: boolean;
}

export interface MatrixJourney {
  id?: string;
  name: string;
  path: string;
  line: number;
}

/** An `owner: [a, b]` with no `lead` among them: nobody is accountable. */
export interface SharedWithoutLead {
  kind: string;
  name: string;
  /** The journey and stage of a stage or touchpoint. */
  context?: string;
  teams: string[];
  /** A `lead` that is not one of the owners, if written. */
  invalidLead?: string;
  path: string;
  line: number;
  /** For a stage: how many of its touchpoints inherit the leaderless owner. */
  inheritedBy: number;
}

/** The teams x journeys ownership matrix of one taxonomy. */
export interface OwnershipMatrix {
  journeys: MatrixJourney[];
  teams: MatrixTeam[];
  touchpoints: OwnedTouchpoint[];
  /** Touchpoints with no effective owner: the gap the report exists to show, listed first. */
  unowned: OwnedTouchpoint[];
  /** Every `owner` list of several teams with no valid lead, whatever it owns. */
  sharedWithoutLead: SharedWithoutLead[];
  /** cell(team, journey): the touchpoints of a journey a team owns, alone or shared. */
  cell(team: string, journey: number): OwnedTouchpoint[];
}

const labelOf = (e: { name?: { value: string }; id?: { value: string } }, fallback: string) => e.name?.value || e.id?.value || fallback;

/** Builds the matrix: every touchpoint of every journey with its effective owner. */
export function ownershipMatrix(ws: TaxonomyWorkspace, cwd: string): OwnershipMatrix {
  const journeys: { j: Journey; uri: string }[] = [];
  const files = [...ws.allFiles()].sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  for (const file of files) {
    for (const model of file.models) for (const e of allEntities(model)) if (e.kind === 'journey') journeys.push({ j: e, uri: file.uri });
  }
  journeys.sort((a, b) => labelOf(a.j, '').localeCompare(labelOf(b.j, ''), 'en', { sensitivity: 'base' }));
  const touchpoints: OwnedTouchpoint[] = [];
  const teamIds = new Set<string>();
  journeys.forEach(({ j, uri }, index) => {
    for (const stage of j.stages) {
      for (const tp of stage.touchpoints) {
        const eff = effectiveOwner(tp, stage);
        const teams = eff ? [...new Set(eff.owner.teams.map((t) => t.value))] : [];
        const lead = teams.length === 1 ? teams[0] : eff?.owner.lead && teams.includes(eff.owner.lead.value) ? eff.owner.lead.value : undefined;
        teams.forEach((t) => teamIds.add(t));
        touchpoints.push({
          journey: index,
          journeyName: labelOf(j, '(unnamed journey)'),
          stageName: labelOf(stage, '(unnamed stage)'),
          id: tp.id?.value,
          name: labelOf(tp, '(unnamed touchpoint)'),
          path: reportPath(uri, cwd),
          line: (tp.id ?? tp.name ?? tp).range.start.line + 1,
          teams,
          lead,
          inherited: eff?.inherited ?? false,
        });
      }
    }
  });
  for (const def of ws.index.allDefinitions('team')) teamIds.add(def.id);
  const sharedWithoutLead: SharedWithoutLead[] = [];
  const seenOwners = new Set<string>();
  for (const file of files) {
    for (const model of file.models) {
      for (const e of allEntities(model)) {
        const o = e.owner;
        if (!o) continue;
        const teams = [...new Set(o.teams.map((t) => t.value))];
        if (teams.length < 2 || (o.lead && teams.includes(o.lead.value))) continue;
        // Terms share their glossary's `owner`: report each written owner once.
        const key = `${file.uri}#${o.range.start.line}:${o.range.start.character}`;
        if (seenOwners.has(key)) continue;
        seenOwners.add(key);
        let context: string | undefined;
        let inheritedBy = 0;
        if (e.kind === 'stage' || e.kind === 'touchpoint') {
          for (const { j } of journeys) {
            for (const st of j.stages) {
              if (st === e) {
                context = labelOf(j, '(unnamed journey)');
                inheritedBy = st.touchpoints.filter((tp) => !(tp.owner && tp.owner.teams.length)).length;
              }
              if (st.touchpoints.includes(e as (typeof st.touchpoints)[number])) context = `${labelOf(j, '(unnamed journey)')} › ${labelOf(st, '(unnamed stage)')}`;
            }
          }
        }
        sharedWithoutLead.push({
          kind: e.kind,
          name: labelOf(e, `(unnamed ${e.kind})`),
          context,
          teams,
          invalidLead: o.lead?.value,
          path: reportPath(file.uri, cwd),
          line: o.range.start.line + 1,
          inheritedBy,
        });
      }
    }
  }
  const teams: MatrixTeam[] = [...teamIds].map((id) => {
    const t = teamOf(ws, id);
    return { id, name: t?.name?.value || id, function: t?.function?.value, known: t !== undefined };
  });
  const rank = (t: MatrixTeam) => (t.known ? (FUNCTION_ORDER.indexOf(t.function ?? '') + 1 || FUNCTION_ORDER.length + 1) : FUNCTION_ORDER.length + 2);
  teams.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id));
  const cells = new Map<string, OwnedTouchpoint[]>();
  for (const tp of touchpoints) {
    for (const t of tp.teams) {
      const k = `${t}\u0000${tp.journey}`;
      const list = cells.get(k) ?? [];
      list.push(tp);
      cells.set(k, list);
    }
  }
  return {
    journeys: journeys.map(({ j, uri }) => ({ id: j.id?.value, name: labelOf(j, '(unnamed journey)'), path: reportPath(uri, cwd), line: (j.id ?? j.name ?? j).range.start.line + 1 })),
    teams,
    touchpoints,
    unowned: touchpoints.filter((tp) => tp.teams.length === 0),
    sharedWithoutLead,
    cell: (team, journey) => cells.get(`${team}\u0000${journey}`) ?? [],
  };
}

/** How a touchpoint is owned, from one team's point of view: "", "shared, lead", "shared", "shared, no lead". */
function shareNote(tp: OwnedTouchpoint, team: string): string {
  if (tp.teams.length < 2) return '';
  if (tp.lead === undefined) return 'shared, no lead';
  return tp.lead === team ? 'shared, lead' : 'shared';
}

/** A touchpoint in a matrix cell as plain text: "Welcome call † (shared, lead)". */
function cellText(tp: OwnedTouchpoint, team: string): string {
  const note = shareNote(tp, team);
  return `${tp.name}${tp.inherited ? ' †' : ''}${note ? ` (${note})` : ''}`;
}

/** "Buy › Order by phone (a stage; 3 touchpoints inherit its owner)". */
function sharedName(x: SharedWithoutLead): string {
  const base = x.context ? `${x.context} › ${x.name}` : x.name;
  const notes = [x.invalidLead ? `lead "${x.invalidLead}" is not one of the owners` : '', x.inheritedBy ? `${x.inheritedBy} touchpoint${x.inheritedBy === 1 ? ' inherits' : 's inherit'} this owner` : ''].filter(Boolean);
  return notes.length ? `${base} (${notes.join('; ')})` : base;
}

const LEGEND = '† owned through its stage (the touchpoint names no owner of its own). "shared, lead": the accountable team of a shared touchpoint; "shared, no lead": nobody is accountable.';

function countsOf(m: OwnershipMatrix) {
  const owning = new Set(m.touchpoints.flatMap((tp) => tp.teams));
  return { idle: m.teams.filter((t) => t.known && !owning.has(t.id)), unknown: m.teams.filter((t) => !t.known) };
}

function toMarkdown(t: LoadedTaxonomy, m: OwnershipMatrix, ctx: ExportContext): string {
  const out: string[] = [`# Ownership: ${mdText(taxonomyTitle(t))}`, ''];
  const { idle, unknown } = countsOf(m);
  out.push(`Who owns the customer experience: ${m.touchpoints.length} touchpoints in ${m.journeys.length} journeys, ${m.teams.filter((x) => x.known).length} teams.`, '');
  out.push(m.unowned.length ? `- ❌ **${m.unowned.length} touchpoint${m.unowned.length === 1 ? ' has' : 's have'} no owner**` : '- ✅ Every touchpoint has an owner');
  out.push(
    m.sharedWithoutLead.length
      ? `- ⚠️ **${m.sharedWithoutLead.length} shared owner${m.sharedWithoutLead.length === 1 ? ' has' : 's have'} no lead** (nobody is accountable)`
      : '- ✅ Every shared ownership names a lead',
  );
  if (idle.length) out.push(`- ${idle.length} team${idle.length === 1 ? ' owns' : 's own'} no touchpoint: ${idle.map((x) => mdText(x.name)).join(', ')}`);
  if (unknown.length) out.push(`- ⚠️ Owners that no teams file defines: ${unknown.map((x) => mdCode(x.id)).join(', ')}`);
  out.push('');
  const where = (tp: OwnedTouchpoint) => mdCode(`${tp.path}:${tp.line}`);
  out.push('## Unowned touchpoints', '');
  if (m.unowned.length) {
    out.push('| Journey | Stage | Touchpoint | Where |', '| --- | --- | --- | --- |');
    for (const tp of m.unowned) out.push(`| ${mdText(tp.journeyName)} | ${mdText(tp.stageName)} | ${mdText(tp.name)} | ${where(tp)} |`);
  } else out.push('None.');
  out.push('', '## Shared without a lead', '');
  if (m.sharedWithoutLead.length) {
    out.push('| What | Name | Owners | Where |', '| --- | --- | --- | --- |');
    for (const x of m.sharedWithoutLead) out.push(`| ${x.kind} | ${mdText(sharedName(x))} | ${x.teams.map(mdCode).join(', ')} | ${mdCode(`${x.path}:${x.line}`)} |`);
  } else out.push('None.');
  out.push('', '## Teams × journeys', '');
  out.push(`| Team | Function | ${m.journeys.map((j) => mdText(j.name)).join(' | ')} | Touchpoints |`);
  out.push(`| --- | --- | ${m.journeys.map(() => '---').join(' | ')} | ---: |`);
  const cell = (list: OwnedTouchpoint[], team: string) => (list.length ? list.map((tp) => mdText(cellText(tp, team))).join('<br>') : '—');
  if (m.unowned.length) {
    out.push(`| ❌ **No owner** | | ${m.journeys.map((_, j) => cell(m.unowned.filter((tp) => tp.journey === j), '')).join(' | ')} | ${m.unowned.length} |`);
  }
  for (const team of m.teams) {
    const total = m.touchpoints.filter((tp) => tp.teams.includes(team.id)).length;
    const name = `${mdText(team.name)} ${mdCode(team.id)}${team.known ? '' : ' (not defined)'}`;
    out.push(`| ${name} | ${mdText(team.function ?? '')} | ${m.journeys.map((_, j) => cell(m.cell(team.id, j), team.id)).join(' | ')} | ${total} |`);
  }
  out.push('', `_${mdText(LEGEND)}_`, '', '---', '', `_Generated by [${TOOL_NAME}](${INFORMATION_URI}) ${mdText(ctx.version)}._`, '');
  return out.join('\n');
}

function toCsv(m: OwnershipMatrix): string {
  const rows: string[] = [csvRow(['Team', 'Team id', 'Function', ...m.journeys.map((j) => j.name), 'Touchpoints'])];
  const cell = (list: OwnedTouchpoint[], team: string) => list.map((tp) => cellText(tp, team)).join('; ');
  rows.push(csvRow(['(no owner)', '', '', ...m.journeys.map((_, j) => cell(m.unowned.filter((tp) => tp.journey === j), '')), String(m.unowned.length)]));
  for (const team of m.teams) {
    const total = m.touchpoints.filter((tp) => tp.teams.includes(team.id)).length;
    rows.push(csvRow([team.known ? team.name : `${team.id} (not defined)`, team.id, team.function ?? '', ...m.journeys.map((_, j) => cell(m.cell(team.id, j), team.id)), String(total)]));
  }
  return rows.join('');
}

function toHtml(t: LoadedTaxonomy, m: OwnershipMatrix, ctx: ExportContext): string {
  const title = `Ownership: ${taxonomyTitle(t)}`;
  const { idle, unknown } = countsOf(m);
  const b: string[] = [`<header><h1>${html(title)}</h1><p class="lede">Who owns the customer experience: every touchpoint of every journey and the team accountable for it.</p></header>`];
  b.push('<ul class="summary">');
  b.push(`<li><strong>${m.touchpoints.length}</strong>touchpoints in ${m.journeys.length} journeys</li>`);
  b.push(`<li${m.unowned.length ? ' class="bad"' : ''}><strong>${m.unowned.length}</strong>without an owner</li>`);
  b.push(`<li${m.sharedWithoutLead.length ? ' class="warn"' : ''}><strong>${m.sharedWithoutLead.length}</strong>shared without a lead</li>`);
  b.push(`<li><strong>${idle.length}</strong>teams owning no touchpoint</li>`);
  b.push('</ul>');
  if (unknown.length) b.push(`<p class="warn">Owners that no teams file defines: ${unknown.map((x) => `<code>${html(x.id)}</code>`).join(', ')}</p>`);
  const where = (tp: OwnedTouchpoint) => `<code>${html(`${tp.path}:${tp.line}`)}</code>`;
  b.push('<h2>Unowned touchpoints</h2>');
  if (m.unowned.length) {
    b.push('<div class="table-wrap"><table><thead><tr><th>Journey</th><th>Stage</th><th>Touchpoint</th><th>Where</th></tr></thead><tbody>');
    for (const tp of m.unowned) b.push(`<tr><td>${html(tp.journeyName)}</td><td>${html(tp.stageName)}</td><td class="bad">${html(tp.name)}</td><td>${where(tp)}</td></tr>`);
    b.push('</tbody></table></div>');
  } else b.push('<p>None: every touchpoint has an owner.</p>');
  b.push('<h2>Shared without a lead</h2>');
  if (m.sharedWithoutLead.length) {
    b.push('<div class="table-wrap"><table><thead><tr><th>What</th><th>Name</th><th>Owners</th><th>Where</th></tr></thead><tbody>');
    for (const x of m.sharedWithoutLead) {
      b.push(`<tr><td>${html(x.kind)}</td><td class="warn">${html(sharedName(x))}</td><td>${x.teams.map((t) => `<code>${html(t)}</code>`).join(', ')}</td><td><code>${html(`${x.path}:${x.line}`)}</code></td></tr>`);
    }
    b.push('</tbody></table></div>');
  } else b.push('<p>None: every shared ownership names a lead.</p>');
  b.push('<h2>Teams × journeys</h2>');
  b.push(`<div class="table-wrap"><table><thead><tr><th>Team</th><th>Function</th>${m.journeys.map((j) => `<th>${html(j.name)}</th>`).join('')}<th class="num">Touchpoints</th></tr></thead><tbody>`);
  const cell = (list: OwnedTouchpoint[], team: string, cls = '') =>
    `<td>${list.length ? `<ul>${list.map((tp) => `<li${cls ? ` class="${cls}"` : ''}>${html(cellText(tp, team))}</li>`).join('')}</ul>` : '<span class="muted">—</span>'}</td>`;
  if (m.unowned.length) b.push(`<tr><th class="bad">No owner</th><td></td>${m.journeys.map((_, j) => cell(m.unowned.filter((tp) => tp.journey === j), '', 'bad')).join('')}<td class="num bad">${m.unowned.length}</td></tr>`);
  for (const team of m.teams) {
    const total = m.touchpoints.filter((tp) => tp.teams.includes(team.id)).length;
    b.push(
      `<tr><th>${html(team.name)} <code>${html(team.id)}</code>${team.known ? '' : ' <span class="warn">(not defined)</span>'}</th><td>${html(team.function ?? '')}</td>` +
        `${m.journeys.map((_, j) => cell(m.cell(team.id, j), team.id)).join('')}<td class="num">${total}</td></tr>`,
    );
  }
  b.push('</tbody></table></div>');
  b.push(`<p class="muted">${html(LEGEND)}</p>`);
  b.push(`<footer>Generated by ${TOOL_NAME} ${html(ctx.version)}.</footer>`);
  return htmlPage(title, b.join('\n'));
}

/** `report ownership`: who owns which touchpoints of which journey, the gaps first. */
export function ownershipReport(t: LoadedTaxonomy, format: OwnershipFormat, ctx: ExportContext): string {
  const m = ownershipMatrix(t.workspace, ctx.cwd);
  switch (format) {
    case 'md':
      return toMarkdown(t, m, ctx);
    case 'csv':
      return toCsv(m);
    case 'html':
      return toHtml(t, m, ctx);
  }
}

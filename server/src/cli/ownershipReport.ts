import type { TaxonomyWorkspace } from '../core';
import { buildOwnershipReport } from '../core/ownershipReport';
import type {
  Location,
  OwnershipReport,
  ReportCellItem,
  ReportJourney,
  ReportSharedWithoutLead,
  ReportTeam,
} from '../protocol';
import { csvRow, html, mdCode, mdText } from '../core/text/escape';
import { INFORMATION_URI, TOOL_NAME } from './product';
import { htmlPage, taxonomyTitle, type ExportContext } from './render/page';
import { pathLine } from './render/paths';
import type { LoadedTaxonomy } from './taxonomies';

/** The formats of `report ownership`. */
export type OwnershipFormat = 'md' | 'csv' | 'html';
export const OWNERSHIP_FORMATS: readonly OwnershipFormat[] = ['md', 'csv', 'html'];

/** A touchpoint as the CLI lists it: a cell item (or an unowned touchpoint) with its journey. */
interface OwnedTouchpoint {
  journeyName: string;
  stageName: string;
  name: string;
  /** The effective owner's teams; empty when unowned. */
  teams: string[];
  lead?: string;
  inherited: boolean;
  /** `path:line`, relative to the working folder. */
  where: string;
}

/** The core's ownership report, with locations as `path:line` and cells as touchpoint lists. */
interface OwnershipMatrix {
  journeys: ReportJourney[];
  teams: ReportTeam[];
  /** All touchpoints of all journeys. */
  total: number;
  /** Touchpoints with no effective owner: the gap the report exists to show, listed first. */
  unowned: OwnedTouchpoint[];
  /** `unownedBy[j]`: the unowned touchpoints of journey j. */
  unownedBy: OwnedTouchpoint[][];
  sharedWithoutLead: (ReportSharedWithoutLead & { where: string })[];
  /** `cells[t][j]`: the touchpoints of journey j team t owns, alone or shared. */
  cells: OwnedTouchpoint[][][];
}

function matrixOf(r: OwnershipReport, cwd: string): OwnershipMatrix {
  const where = (l: Location) => pathLine(l.uri, l.range.start.line + 1, cwd);
  const unowned = r.unowned.map((u) => ({
    journeyName: u.journeyName,
    stageName: u.stageName,
    name: u.touchpointName,
    teams: [],
    inherited: false,
    where: where(u.location),
    journey: u.journey,
  }));
  const item = (journeyName: string, i: ReportCellItem): OwnedTouchpoint => ({
    journeyName,
    stageName: i.stageName,
    name: i.touchpointName,
    teams: i.teams,
    lead: i.lead,
    inherited: i.inherited,
    where: where(i.location),
  });
  return {
    journeys: r.journeys,
    teams: r.teams,
    total: r.journeys.reduce((n, j) => n + j.touchpoints, 0),
    unowned,
    unownedBy: r.journeys.map((_, j) => unowned.filter((u) => u.journey === j)),
    sharedWithoutLead: r.sharedWithoutLead.map((x) => ({ ...x, where: where(x.location) })),
    cells: r.cells.map((row) => row.map((c, j) => c.items.map((i) => item(r.journeys[j].name, i)))),
  };
}

/** The ownership report of a workspace as the CLI renders it. */
function cliOwnershipMatrix(ws: TaxonomyWorkspace, cwd: string): OwnershipMatrix {
  return matrixOf(buildOwnershipReport(ws), cwd);
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
function sharedName(x: ReportSharedWithoutLead): string {
  const base = x.context ? `${x.context} › ${x.name}` : x.name;
  const notes = [
    x.invalidLead ? `lead "${x.invalidLead}" is not one of the owners` : '',
    x.inheritedBy ? `${x.inheritedBy} touchpoint${x.inheritedBy === 1 ? ' inherits' : 's inherit'} this owner` : '',
  ].filter(Boolean);
  return notes.length ? `${base} (${notes.join('; ')})` : base;
}

const LEGEND =
  '† owned through its stage (the touchpoint names no owner of its own). "shared, lead": the accountable team of a shared touchpoint; "shared, no lead": nobody is accountable.';

function countsOf(m: OwnershipMatrix) {
  return { idle: m.teams.filter((t) => t.known && t.touchpoints === 0), unknown: m.teams.filter((t) => !t.known) };
}

function toMarkdown(t: LoadedTaxonomy, m: OwnershipMatrix, ctx: ExportContext): string {
  const out: string[] = [`# Ownership: ${mdText(taxonomyTitle(t))}`, ''];
  const { idle, unknown } = countsOf(m);
  out.push(
    `Who owns the customer experience: ${m.total} touchpoints in ${m.journeys.length} journeys, ${m.teams.filter((x) => x.known).length} teams.`,
    '',
  );
  out.push(
    m.unowned.length
      ? `- ❌ **${m.unowned.length} touchpoint${m.unowned.length === 1 ? ' has' : 's have'} no owner**`
      : '- ✅ Every touchpoint has an owner',
  );
  out.push(
    m.sharedWithoutLead.length
      ? `- ⚠️ **${m.sharedWithoutLead.length} shared owner${m.sharedWithoutLead.length === 1 ? ' has' : 's have'} no lead** (nobody is accountable)`
      : '- ✅ Every shared ownership names a lead',
  );
  if (idle.length)
    out.push(
      `- ${idle.length} team${idle.length === 1 ? ' owns' : 's own'} no touchpoint: ${idle.map((x) => mdText(x.name)).join(', ')}`,
    );
  if (unknown.length)
    out.push(`- ⚠️ Owners that no teams file defines: ${unknown.map((x) => mdCode(x.id)).join(', ')}`);
  out.push('');
  const where = (tp: OwnedTouchpoint) => mdCode(tp.where);
  out.push('## Unowned touchpoints', '');
  if (m.unowned.length) {
    out.push('| Journey | Stage | Touchpoint | Where |', '| --- | --- | --- | --- |');
    for (const tp of m.unowned)
      out.push(`| ${mdText(tp.journeyName)} | ${mdText(tp.stageName)} | ${mdText(tp.name)} | ${where(tp)} |`);
  } else out.push('None.');
  out.push('', '## Shared without a lead', '');
  if (m.sharedWithoutLead.length) {
    out.push('| What | Name | Owners | Where |', '| --- | --- | --- | --- |');
    for (const x of m.sharedWithoutLead)
      out.push(`| ${x.kind} | ${mdText(sharedName(x))} | ${x.teams.map(mdCode).join(', ')} | ${mdCode(x.where)} |`);
  } else out.push('None.');
  out.push('', '## Teams × journeys', '');
  out.push(`| Team | Function | ${m.journeys.map((j) => mdText(j.name)).join(' | ')} | Touchpoints |`);
  out.push(`| --- | --- | ${m.journeys.map(() => '---').join(' | ')} | ---: |`);
  const cell = (list: OwnedTouchpoint[], team: string) =>
    list.length ? list.map((tp) => mdText(cellText(tp, team))).join('<br>') : '—';
  if (m.unowned.length) {
    out.push(
      `| ❌ **No owner** | | ${m.journeys.map((_, j) => cell(m.unownedBy[j], '')).join(' | ')} | ${m.unowned.length} |`,
    );
  }
  m.teams.forEach((team, ti) => {
    const total = team.touchpoints;
    const name = `${mdText(team.name)} ${mdCode(team.id)}${team.known ? '' : ' (not defined)'}`;
    out.push(
      `| ${name} | ${mdText(team.function ?? '')} | ${m.journeys.map((_, j) => cell(m.cells[ti][j], team.id)).join(' | ')} | ${total} |`,
    );
  });
  out.push(
    '',
    `_${mdText(LEGEND)}_`,
    '',
    '---',
    '',
    `_Generated by [${TOOL_NAME}](${INFORMATION_URI}) ${mdText(ctx.version)}._`,
    '',
  );
  return out.join('\n');
}

function toCsv(m: OwnershipMatrix): string {
  const rows: string[] = [csvRow(['Team', 'Team id', 'Function', ...m.journeys.map((j) => j.name), 'Touchpoints'])];
  const cell = (list: OwnedTouchpoint[], team: string) => list.map((tp) => cellText(tp, team)).join('; ');
  rows.push(
    csvRow(['(no owner)', '', '', ...m.journeys.map((_, j) => cell(m.unownedBy[j], '')), String(m.unowned.length)]),
  );
  m.teams.forEach((team, ti) => {
    const total = team.touchpoints;
    rows.push(
      csvRow([
        team.known ? team.name : `${team.id} (not defined)`,
        team.id,
        team.function ?? '',
        ...m.journeys.map((_, j) => cell(m.cells[ti][j], team.id)),
        String(total),
      ]),
    );
  });
  return rows.join('');
}

function toHtml(t: LoadedTaxonomy, m: OwnershipMatrix, ctx: ExportContext): string {
  const title = `Ownership: ${taxonomyTitle(t)}`;
  const { idle, unknown } = countsOf(m);
  const b: string[] = [
    `<header><h1>${html(title)}</h1><p class="lede">Who owns the customer experience: every touchpoint of every journey and the team accountable for it.</p></header>`,
  ];
  b.push('<ul class="summary">');
  b.push(`<li><strong>${m.total}</strong>touchpoints in ${m.journeys.length} journeys</li>`);
  b.push(`<li${m.unowned.length ? ' class="bad"' : ''}><strong>${m.unowned.length}</strong>without an owner</li>`);
  b.push(
    `<li${m.sharedWithoutLead.length ? ' class="warn"' : ''}><strong>${m.sharedWithoutLead.length}</strong>shared without a lead</li>`,
  );
  b.push(`<li><strong>${idle.length}</strong>teams owning no touchpoint</li>`);
  b.push('</ul>');
  if (unknown.length)
    b.push(
      `<p class="warn">Owners that no teams file defines: ${unknown.map((x) => `<code>${html(x.id)}</code>`).join(', ')}</p>`,
    );
  const where = (tp: OwnedTouchpoint) => `<code>${html(tp.where)}</code>`;
  b.push('<h2>Unowned touchpoints</h2>');
  if (m.unowned.length) {
    b.push(
      '<div class="table-wrap"><table><thead><tr><th>Journey</th><th>Stage</th><th>Touchpoint</th><th>Where</th></tr></thead><tbody>',
    );
    for (const tp of m.unowned)
      b.push(
        `<tr><td>${html(tp.journeyName)}</td><td>${html(tp.stageName)}</td><td class="bad">${html(tp.name)}</td><td>${where(tp)}</td></tr>`,
      );
    b.push('</tbody></table></div>');
  } else b.push('<p>None: every touchpoint has an owner.</p>');
  b.push('<h2>Shared without a lead</h2>');
  if (m.sharedWithoutLead.length) {
    b.push(
      '<div class="table-wrap"><table><thead><tr><th>What</th><th>Name</th><th>Owners</th><th>Where</th></tr></thead><tbody>',
    );
    for (const x of m.sharedWithoutLead) {
      b.push(
        `<tr><td>${html(x.kind)}</td><td class="warn">${html(sharedName(x))}</td><td>${x.teams.map((t) => `<code>${html(t)}</code>`).join(', ')}</td><td><code>${html(x.where)}</code></td></tr>`,
      );
    }
    b.push('</tbody></table></div>');
  } else b.push('<p>None: every shared ownership names a lead.</p>');
  b.push('<h2>Teams × journeys</h2>');
  b.push(
    `<div class="table-wrap"><table><thead><tr><th>Team</th><th>Function</th>${m.journeys.map((j) => `<th>${html(j.name)}</th>`).join('')}<th class="num">Touchpoints</th></tr></thead><tbody>`,
  );
  const cell = (list: OwnedTouchpoint[], team: string, cls = '') =>
    `<td>${list.length ? `<ul>${list.map((tp) => `<li${cls ? ` class="${cls}"` : ''}>${html(cellText(tp, team))}</li>`).join('')}</ul>` : '<span class="muted">—</span>'}</td>`;
  if (m.unowned.length)
    b.push(
      `<tr><th class="bad">No owner</th><td></td>${m.journeys.map((_, j) => cell(m.unownedBy[j], '', 'bad')).join('')}<td class="num bad">${m.unowned.length}</td></tr>`,
    );
  m.teams.forEach((team, ti) => {
    const total = team.touchpoints;
    b.push(
      `<tr><th>${html(team.name)} <code>${html(team.id)}</code>${team.known ? '' : ' <span class="warn">(not defined)</span>'}</th><td>${html(team.function ?? '')}</td>` +
        `${m.journeys.map((_, j) => cell(m.cells[ti][j], team.id)).join('')}<td class="num">${total}</td></tr>`,
    );
  });
  b.push('</tbody></table></div>');
  b.push(`<p class="muted">${html(LEGEND)}</p>`);
  b.push(`<footer>Generated by ${TOOL_NAME} ${html(ctx.version)}.</footer>`);
  return htmlPage(title, b.join('\n'));
}

/** `report ownership`: who owns which touchpoints of which journey, the gaps first. */
export function ownershipReport(t: LoadedTaxonomy, format: OwnershipFormat, ctx: ExportContext): string {
  const m = cliOwnershipMatrix(t.workspace, ctx.cwd);
  switch (format) {
    case 'md':
      return toMarkdown(t, m, ctx);
    case 'csv':
      return toCsv(m);
    case 'html':
      return toHtml(t, m, ctx);
  }
}

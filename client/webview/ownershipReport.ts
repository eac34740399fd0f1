/**
 * The ownership report webview script: unowned touchpoints first, then shared ownership without
 * a lead, then the teams x journeys matrix. Built with the DOM only (see dom.ts).
 */
import type { Location, OwnershipReport } from '../../server/src/protocol';
import type { FromOwnershipView, ToOwnershipView } from '../src/ownershipReport/messages';
import { TEAM_FUNCTIONS } from '../../server/src/core/domain/functions';
import { entityNoun, entityNounPlural, OWNED_KINDS, type OwnedKind } from '../../server/src/core/domain/nouns';
import { clear, el } from './dom';

declare function acquireVsCodeApi(): { postMessage(message: FromOwnershipView): void };

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;
/** Functions with a colour of their own in palette.css; anything else is drawn as `other`. */
const FUNCTIONS = new Set(TEAM_FUNCTIONS);

/** "1 journey", "3 KPIs": a count in the "Other things owned" column. */
function ownedCount(kind: string, n: number): string {
  const known = (OWNED_KINDS as readonly string[]).includes(kind) ? (kind as OwnedKind) : undefined;
  const noun = known ? (n === 1 ? entityNoun(known) : entityNounPlural(known)) : n === 1 ? kind : `${kind}s`;
  return `${n} ${noun}`;
}

function link(text: string, location: Location): HTMLElement {
  const a = el('a', 'reveal', text);
  a.href = '#';
  a.addEventListener('click', (e) => {
    e.preventDefault();
    vscode.postMessage({ type: 'reveal', location });
  });
  return a;
}

function heading(text: string, count: number, cls: string): HTMLElement {
  const h = el('h2', cls, text);
  h.append(el('span', 'count-badge', String(count)));
  return h;
}

function unownedSection(r: OwnershipReport): HTMLElement {
  const s = el('section', 'unowned');
  s.append(heading('Unowned touchpoints', r.unowned.length, r.unowned.length ? 'bad' : 'good'));
  if (!r.unowned.length) {
    s.append(el('p', 'ok', 'Every touchpoint has an owner.'));
    return s;
  }
  const table = el('table');
  const head = el('tr');
  for (const h of ['Touchpoint', 'Stage', 'Journey']) head.append(el('th', undefined, h));
  table.append(el('thead'), el('tbody'));
  table.tHead!.append(head);
  for (const u of r.unowned) {
    const row = el('tr');
    const first = el('td');
    first.append(link(u.touchpointName, u.location));
    if (u.touchpointId) first.append(el('span', 'id', ` ${u.touchpointId}`));
    row.append(first, el('td', undefined, u.stageName), el('td', undefined, u.journeyName));
    table.tBodies[0].append(row);
  }
  s.append(table);
  return s;
}

function sharedSection(r: OwnershipReport): HTMLElement {
  const s = el('section', 'shared');
  s.append(
    heading(
      'Shared ownership without a lead',
      r.sharedWithoutLead.length,
      r.sharedWithoutLead.length ? 'warn' : 'good',
    ),
  );
  if (!r.sharedWithoutLead.length) {
    s.append(el('p', 'ok', 'Every shared ownership names its accountable lead.'));
    return s;
  }
  const list = el('ul');
  for (const x of r.sharedWithoutLead) {
    const li = el('li');
    li.append(
      el('span', 'kind', x.kind),
      ' ',
      link(x.name, x.location),
      el('span', 'teams', ` owned by ${x.teams.join(', ')}`),
    );
    if (x.invalidLead) li.append(el('span', 'bad-lead', ` (lead ${x.invalidLead} is not one of them)`));
    list.append(li);
  }
  s.append(list);
  return s;
}

function matrixSection(r: OwnershipReport): HTMLElement {
  const s = el('section', 'matrix');
  s.append(el('h2', undefined, 'Touchpoints owned, by team and journey'));
  s.append(
    el(
      'p',
      'hint',
      'Each cell: touchpoints the team owns (accountable ones in bold: sole owner or lead). Owners inherited from a stage count.',
    ),
  );
  const scroll = el('div', 'table-scroll');
  const table = el('table', 'grid');
  const head = el('tr');
  head.append(el('th', 'team-col', 'Team'));
  for (const j of r.journeys) {
    const th = el('th', 'journey-col');
    th.append(link(j.name, j.location));
    if (j.unowned) th.append(el('div', 'col-unowned', `${j.unowned} unowned`));
    head.append(th);
  }
  head.append(el('th', undefined, 'Other things owned'));
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  r.teams.forEach((t, i) => {
    const row = el('tr', t.known ? undefined : 'unknown-team');
    const name = el('th', 'team-col');
    const sw = el('span', 'swatch');
    sw.dataset.fn = t.function && FUNCTIONS.has(t.function) ? t.function : 'other';
    name.append(sw, el('span', undefined, t.name));
    name.title = t.known
      ? `${t.id} (${t.function ?? 'no function'})`
      : `${t.id}: used as an owner but not defined in any *.teams.yaml`;
    if (!t.known) name.append(el('span', 'id', ' (undefined team)'));
    row.append(name);
    r.journeys.forEach((_, j) => {
      const c = r.cells[i]?.[j] ?? { touchpoints: 0, accountable: 0 };
      const td = el('td', c.touchpoints ? 'cell' : 'cell zero');
      if (c.touchpoints) {
        td.append(el('strong', undefined, String(c.accountable)));
        if (c.touchpoints > c.accountable)
          td.append(el('span', 'shared-count', ` +${c.touchpoints - c.accountable} shared`));
      } else td.textContent = '·';
      td.title = `${t.name} owns ${c.touchpoints} touchpoint(s) of ${r.journeys[j].name}, accountable for ${c.accountable}`;
      row.append(td);
    });
    const owns = Object.entries(t.owns)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => ownedCount(k, n))
      .join(', ');
    row.append(el('td', 'owns', owns || (r.idleTeams.includes(t.id) ? 'nothing' : '')));
    tbody.append(row);
  });
  table.append(thead, tbody);
  scroll.append(table);
  s.append(scroll);
  if (r.idleTeams.length) s.append(el('p', 'hint', `Teams that own nothing: ${r.idleTeams.join(', ')}.`));
  return s;
}

function render(reports: OwnershipReport[], labels: string[]): void {
  clear(root);
  const bar = el('header', 'toolbar');
  bar.append(el('h1', undefined, 'Ownership report'));
  const refresh = el('button', undefined, 'Refresh');
  refresh.type = 'button';
  refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  bar.append(refresh);
  root.append(bar);
  reports.forEach((r, i) => {
    const section = el('article', 'report');
    if (reports.length > 1) section.append(el('h1', 'root', labels[i] ?? r.root));
    section.append(unownedSection(r), sharedSection(r), matrixSection(r));
    root.append(section);
  });
}

window.addEventListener('message', (event: MessageEvent<ToOwnershipView>) => {
  const m = event.data;
  if (!m || typeof m !== 'object') return;
  if (m.type === 'report' && Array.isArray(m.reports)) render(m.reports, Array.isArray(m.labels) ? m.labels : []);
  else if (m.type === 'empty') {
    clear(root);
    root.append(el('div', 'empty', typeof m.message === 'string' ? m.message : ''));
  }
});

clear(root);
root.append(el('div', 'empty', 'Loading the ownership report…'));
vscode.postMessage({ type: 'ready' });

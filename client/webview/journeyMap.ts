/**
 * The journey map webview script (runs in the webview, bundled by esbuild into dist/media).
 * It draws what the extension sends: stages as columns, touchpoints as cards coloured by the
 * owning team's function, unowned cards in red with the diagnostic text, shared-ownership
 * badges, KPI chips, and handoffs as arrows in an SVG overlay. What is deprecated (or past its
 * sunset) or a draft carries a badge or a struck-through / dashed chip, with the reason as tooltip. Every string from the model is
 * put in the page with `textContent` or as an attribute through the DOM; nothing is parsed as HTML.
 */
import type {
  JourneyMapModel,
  MapJourney,
  MapLifecycle,
  MapOwnership,
  MapProblem,
  MapRef,
  MapStage,
  MapTouchpoint,
  Range,
} from '../../server/src/protocol';
import type { FromJourneyMapView, JourneyMapViewState, ToJourneyMapView } from '../src/journeyMap/messages';
import { TEAM_FUNCTIONS } from '../../server/src/core/domain/functions';
import { clear, el, richText, svgEl } from './dom';

declare function acquireVsCodeApi(): {
  postMessage(message: FromJourneyMapView): void;
  getState(): JourneyMapViewState | undefined;
  setState(state: JourneyMapViewState): void;
};

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;

/** Functions with a colour of their own in palette.css; anything else is drawn as `other`. */
const FUNCTIONS = new Set(TEAM_FUNCTIONS);

function fnOf(o: MapOwnership | undefined): string {
  if (!o) return 'none';
  const fn = o.teams[0]?.function;
  return fn && FUNCTIONS.has(fn) ? fn : 'other';
}

function reveal(uri: string, range: Range, selection: Range): void {
  vscode.postMessage({ type: 'reveal', uri, range, selection });
}

/** Makes an element act as a button that reveals a source range. */
function revealer<T extends HTMLElement>(node: T, uri: string, range: Range, selection: Range, label: string): T {
  node.tabIndex = 0;
  node.setAttribute('role', 'button');
  node.setAttribute('aria-label', label);
  node.addEventListener('click', () => reveal(uri, range, selection));
  node.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      reveal(uri, range, selection);
    }
  });
  return node;
}

function teamNames(o: MapOwnership): string {
  return o.teams.map((t) => t.name).join(' + ');
}

function ownerLine(o: MapOwnership | undefined): HTMLElement {
  const line = el('div', 'owner');
  if (!o) {
    line.append(el('span', 'no-owner', 'No owner'));
    return line;
  }
  o.teams.forEach((t, i) => {
    if (i > 0) line.append(' + ');
    const state = t.lifecycle?.state === 'draft' ? 'draft' : t.lifecycle ? 'deprecated' : undefined;
    const name = el('span', `${t.known ? 'team' : 'team unknown'}${state ? ` status-${state}` : ''}`, t.name);
    name.title = t.known ? `${t.id} (${t.function ?? 'no function'})` : `${t.id}: no team with this id`;
    if (t.lifecycle) name.title += ` · ${t.lifecycle.detail}`;
    line.append(name);
  });
  if (o.inherited) line.append(el('span', 'inherited', ' · via stage'));
  return line;
}

function sharedBadge(o: MapOwnership | undefined): HTMLElement | undefined {
  if (!o?.shared) return undefined;
  const lead = o.lead ? o.teams.find((t) => t.id === o.lead) : undefined;
  if (lead) {
    const b = el('span', 'badge shared', `Shared · lead ${lead.name}`);
    b.title = `Owned by ${teamNames(o)}; ${lead.name} is accountable.`;
    return b;
  }
  const b = el('span', 'badge shared no-lead', 'Shared · no lead');
  b.title = `Owned by ${teamNames(o)} with no single accountable lead.`;
  return b;
}

/** The badge of a deprecated, sunset or draft journey or touchpoint ("deprecated"), its reason as tooltip. */
function lifecycleBadge(l: MapLifecycle | undefined): HTMLElement | undefined {
  if (!l) return undefined;
  const b = el('span', `badge status ${l.state === 'draft' ? 'draft' : 'deprecated'}`, l.label);
  b.title = l.detail;
  return b;
}

/** A chip naming an entity by id; a deprecated one is struck through, a draft dashed, and says why. */
function refChip(r: MapRef, cls: string): HTMLElement {
  const state = r.lifecycle?.state === 'draft' ? 'draft' : r.lifecycle ? 'deprecated' : undefined;
  const chip = el('span', state ? `chip ${cls} status-${state}` : `chip ${cls}`, r.id);
  if (r.lifecycle) {
    chip.title = r.lifecycle.detail;
    chip.setAttribute('aria-label', `${r.id} (${r.lifecycle.label})`);
  }
  return chip;
}

function problemList(problems: readonly MapProblem[], cls = 'problems'): HTMLElement | undefined {
  if (!problems.length) return undefined;
  const list = el('ul', cls);
  for (const p of problems) {
    const item = el(
      'li',
      `problem sev-${['error', 'warning', 'info', 'hint'].includes(p.severity) ? p.severity : 'info'}`,
    );
    item.append(...richText(p.message));
    item.title = p.ruleId;
    list.append(item);
  }
  return list;
}

function card(tp: MapTouchpoint, uri: string): HTMLElement {
  const fn = fnOf(tp.owner);
  const state = tp.lifecycle?.state === 'draft' ? 'draft' : tp.lifecycle ? 'deprecated' : undefined;
  const node = el('div', `${tp.owner ? 'card' : 'card unowned'}${state ? ` status-${state}` : ''}`);
  node.dataset.fn = fn;
  revealer(
    node,
    uri,
    tp.range,
    tp.selection,
    `${tp.name}${tp.lifecycle ? ` (${tp.lifecycle.label})` : ''}${tp.owner ? `, owned by ${teamNames(tp.owner)}` : ', no owner'}. Reveal in editor.`,
  );

  const head = el('div', 'card-head');
  head.append(el('span', 'name', tp.name));
  if (tp.channel) head.append(el('span', 'chip channel', tp.channel));
  node.append(head);
  const mark = lifecycleBadge(tp.lifecycle);
  if (mark) node.append(mark);
  if (tp.id) node.append(el('div', 'id', tp.id));
  node.append(ownerLine(tp.owner));
  const badge = sharedBadge(tp.owner);
  if (badge) node.append(badge);

  if (tp.kpis.length) {
    const kpis = el('div', 'kpis');
    for (const k of tp.kpis) kpis.append(refChip(k, 'kpi'));
    node.append(kpis);
  }
  if (tp.handoff) {
    const h = el('div', 'handoff', `→ ${tp.handoff.team.name}`);
    h.dataset.fn =
      tp.handoff.team.function && FUNCTIONS.has(tp.handoff.team.function) ? tp.handoff.team.function : 'other';
    h.title = tp.handoff.targetKey
      ? `Hands the customer to ${tp.handoff.team.name}`
      : `Hands the customer to ${tp.handoff.team.name} (who owns no later touchpoint on this map)`;
    node.append(h);
  }
  // An unowned card shows its touchpoint-owner message first; other problems follow.
  const problems = [...tp.problems].sort(
    (a, b) => Number(b.ruleId === 'touchpoint-owner') - Number(a.ruleId === 'touchpoint-owner'),
  );
  const list = problemList(problems);
  if (list) node.append(list);
  return node;
}

function stageColumn(stage: MapStage, uri: string, cards: Map<string, HTMLElement>): HTMLElement {
  const col = el('section', 'stage');
  const head = revealer(
    el('header', 'stage-head'),
    uri,
    stage.range,
    stage.selection,
    `Stage ${stage.name}. Reveal in editor.`,
  );
  head.append(el('h3', 'stage-name', stage.name));
  const meta = el('div', 'stage-meta');
  if (stage.lifecycleStage) meta.append(el('span', 'chip lifecycle', stage.lifecycleStage));
  if (stage.owner) {
    const o = el('span', 'stage-owner', teamNames(stage.owner));
    o.dataset.fn = fnOf(stage.owner);
    meta.append(o);
  }
  head.append(meta);
  col.append(head);
  const stageProblems = problemList(stage.problems, 'problems stage-problems');
  if (stageProblems) col.append(stageProblems);
  const list = el('div', 'cards');
  for (const tp of stage.touchpoints) {
    const c = card(tp, uri);
    cards.set(tp.key, c);
    list.append(c);
  }
  if (!stage.touchpoints.length) list.append(el('div', 'no-cards', 'No touchpoints yet'));
  col.append(list);
  return col;
}

interface Board {
  board: HTMLElement;
  overlay: SVGSVGElement;
  cards: Map<string, HTMLElement>;
  journey: MapJourney;
}

let boards: Board[] = [];

function journeySection(j: MapJourney, uri: string): HTMLElement {
  const section = el('section', 'journey');
  const title = revealer(
    el('h2', 'journey-name', j.name),
    uri,
    j.range,
    j.selection,
    `Journey ${j.name}. Reveal in editor.`,
  );
  section.append(title);
  const mark = lifecycleBadge(j.lifecycle);
  if (mark) section.append(mark);
  const sub = el('div', 'journey-meta');
  if (j.persona) sub.append(el('span', 'meta-label', 'Persona '), refChip(j.persona, 'persona'));
  if (j.segments.length) {
    sub.append(el('span', 'meta-label', 'Segments '));
    for (const seg of j.segments) sub.append(refChip(seg, 'segment'));
  }
  if (j.owner) {
    sub.append(el('span', 'meta-label', 'Owner '), el('span', 'journey-owner', teamNames(j.owner)));
  }
  section.append(sub);
  const scroller = el('div', 'board-scroll');
  const board = el('div', 'board');
  const overlay = svgEl('svg', { class: 'arrows', 'aria-hidden': 'true' });
  const cards = new Map<string, HTMLElement>();
  board.append(overlay);
  for (const s of j.stages) board.append(stageColumn(s, uri, cards));
  if (!j.stages.length) board.append(el('div', 'empty', 'This journey has no stages yet.'));
  scroller.append(board);
  section.append(scroller);
  boards.push({ board, overlay, cards, journey: j });
  return section;
}

/** Draws the handoff arrows of every board from the cards' current positions. */
function drawArrows(): void {
  for (const [i, { board, overlay, cards, journey }] of boards.entries()) {
    clear(overlay);
    const b = board.getBoundingClientRect();
    overlay.setAttribute('width', String(board.scrollWidth));
    overlay.setAttribute('height', String(board.scrollHeight));
    const defs = svgEl('defs');
    const marker = svgEl('marker', {
      id: `arrowhead-${i}`,
      viewBox: '0 0 10 10',
      refX: '9',
      refY: '5',
      markerWidth: '8',
      markerHeight: '8',
      orient: 'auto-start-reverse',
    });
    marker.append(svgEl('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }));
    defs.append(marker);
    overlay.append(defs);
    for (const tp of journey.stages.flatMap((s) => s.touchpoints)) {
      const target = tp.handoff?.targetKey;
      if (!target) continue;
      const from = cards.get(tp.key);
      const to = cards.get(target);
      if (!from || !to) continue;
      const r1 = from.getBoundingClientRect();
      const r2 = to.getBoundingClientRect();
      const x1 = r1.right - b.left;
      const y1 = r1.top - b.top + r1.height / 2;
      const sameColumn = Math.abs(r1.left - r2.left) < 4;
      const x2 = (sameColumn ? r2.right : r2.left) - b.left;
      const y2 = r2.top - b.top + r2.height / 2;
      const bend = sameColumn ? 36 : Math.max(24, (x2 - x1) / 2);
      const d = sameColumn
        ? `M${x1},${y1} C${x1 + bend},${y1} ${x2 + bend},${y2} ${x2 + 2},${y2}`
        : `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2 - 2},${y2}`;
      const path = svgEl('path', { d, class: 'handoff-arrow', 'marker-end': `url(#${marker.id})` });
      path.dataset.fn =
        tp.handoff?.team.function && FUNCTIONS.has(tp.handoff.team.function) ? tp.handoff.team.function : 'other';
      overlay.append(path);
    }
  }
}

let arrowFrame = 0;
function scheduleArrows(): void {
  cancelAnimationFrame(arrowFrame);
  arrowFrame = requestAnimationFrame(drawArrows);
}

function legend(model: JourneyMapModel): HTMLElement {
  const node = el('div', 'legend');
  node.setAttribute('aria-label', 'Colours by business function');
  for (const f of model.functions) {
    const item = el('span', 'legend-item');
    const sw = el('span', 'swatch');
    sw.dataset.fn = FUNCTIONS.has(f) ? f : 'other';
    item.append(sw, el('span', undefined, f));
    node.append(item);
  }
  const none = el('span', 'legend-item');
  const sw = el('span', 'swatch');
  sw.dataset.fn = 'none';
  none.append(sw, el('span', undefined, 'no owner'));
  node.append(none);
  return node;
}

function summary(model: JourneyMapModel): HTMLElement {
  const c = model.problemCounts;
  const unowned = model.journeys.flatMap((j) => j.stages.flatMap((s) => s.touchpoints)).filter((t) => !t.owner).length;
  const node = el('div', 'summary');
  if (unowned)
    node.append(el('span', 'count unowned-count', `${unowned} unowned touchpoint${unowned === 1 ? '' : 's'}`));
  if (c.error) node.append(el('span', 'count sev-error', `${c.error} error${c.error === 1 ? '' : 's'}`));
  if (c.warning) node.append(el('span', 'count sev-warning', `${c.warning} warning${c.warning === 1 ? '' : 's'}`));
  if (!unowned && !c.error && !c.warning) node.append(el('span', 'count ok', 'Every touchpoint has an owner'));
  return node;
}

function render(model: JourneyMapModel, fileLabel: string): void {
  const scrollX = document.scrollingElement?.scrollLeft ?? 0;
  const scrollY = document.scrollingElement?.scrollTop ?? 0;
  clear(root);
  boards = [];
  const bar = el('header', 'toolbar');
  const titles = el('div', 'titles');
  titles.append(el('span', 'file', fileLabel));
  bar.append(titles, summary(model));
  const exportButton = el('button', 'export', 'Export SVG');
  exportButton.type = 'button';
  exportButton.title = 'Save this journey map as a standalone SVG file';
  exportButton.addEventListener('click', () => vscode.postMessage({ type: 'exportSvg' }));
  bar.append(exportButton);
  root.append(bar, legend(model));
  for (const j of model.journeys) root.append(journeySection(j, model.uri));
  if (!model.journeys.length) root.append(el('div', 'empty', 'This file holds no journey yet.'));
  document.scrollingElement?.scrollTo(scrollX, scrollY);
  scheduleArrows();
}

function showEmpty(message: string): void {
  clear(root);
  boards = [];
  root.append(el('div', 'empty', message));
}

function isModel(m: unknown): m is JourneyMapModel {
  const o = m as JourneyMapModel;
  return (
    !!o && typeof o.uri === 'string' && Array.isArray(o.journeys) && Array.isArray(o.functions) && !!o.problemCounts
  );
}

window.addEventListener('message', (event: MessageEvent<ToJourneyMapView>) => {
  const m = event.data;
  if (!m || typeof m !== 'object') return;
  if (m.type === 'model' && isModel(m.model)) {
    vscode.setState({ uri: m.model.uri });
    render(m.model, typeof m.fileLabel === 'string' ? m.fileLabel : '');
  } else if (m.type === 'empty') {
    showEmpty(typeof m.message === 'string' ? m.message : '');
  }
});
window.addEventListener('resize', scheduleArrows);
new ResizeObserver(scheduleArrows).observe(root);

showEmpty('Loading the journey map…');
vscode.postMessage({ type: 'ready' });

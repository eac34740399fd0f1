/**
 * "Export SVG": the journey map as one standalone SVG file. Pure (no `vscode` import) so it is
 * unit-tested. The export does its own layout instead of copying the webview's DOM, so the file
 * is the same whatever the window size, and it uses a fixed light palette that prints well and
 * reads the same outside VS Code. Every piece of user text goes through `xml()`.
 */
import type { JourneyMapModel, MapJourney, MapOwnership, MapRef, MapTouchpoint } from '../../../server/src/protocol';

/** Card colours by business function (print-friendly, distinguishable, none of them red). */
export const EXPORT_PALETTE: Readonly<Record<string, string>> = {
  marketing: '#8e44ad',
  cx: '#1f77b4',
  sales: '#e67e22',
  service: '#2ca02c',
  product: '#b8860b',
  commerce: '#17a2b8',
  hr: '#d63384',
  technology: '#3f51b5',
  analytics: '#20a386',
  finance: '#795548',
  other: '#6c757d',
};

const UNOWNED = '#c62828';
const COLUMN_WIDTH = 260;
const GAP = 28;
const MARGIN = 24;
const CARD_PAD = 10;
const LINE = 17;
const CHARS_PER_LINE = 34;

/** Escapes text for XML content and attribute values, dropping characters XML 1.0 forbids. */
export function xml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- the control characters XML forbids are what this drops
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** Greedy word wrap to at most `maxLines` lines of `width` characters (the last one ellipsised). */
export function wrap(text: string, width = CHARS_PER_LINE, maxLines = 3): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let cur = '';
  for (let w of words) {
    while (w.length > width) {
      if (cur) {
        lines.push(cur);
        cur = '';
      }
      lines.push(w.slice(0, width - 1) + '-');
      w = w.slice(width - 1);
    }
    if (!cur) cur = w;
    else if (cur.length + 1 + w.length <= width) cur += ' ' + w;
    else {
      lines.push(cur);
      cur = w;
    }
  }
  if (cur) lines.push(cur);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = kept[maxLines - 1].slice(0, width - 1) + '…';
    return kept;
  }
  return lines;
}

function colourOf(o: MapOwnership | undefined): string {
  if (!o) return UNOWNED;
  const fn = o.teams[0]?.function;
  return (fn && EXPORT_PALETTE[fn]) || EXPORT_PALETTE.other;
}

function ownerLine(o: MapOwnership | undefined): string {
  if (!o) return 'No owner';
  const names = o.teams.map((t) => (t.lifecycle ? `${t.name} (${t.lifecycle.label})` : t.name)).join(' + ');
  const lead = o.shared
    ? o.lead && o.teams.some((t) => t.id === o.lead)
      ? ` (lead: ${o.teams.find((t) => t.id === o.lead)?.name})`
      : ' (no lead)'
    : '';
  return `${names}${lead}${o.inherited ? ' · via stage' : ''}`;
}

/** An entity named by id, with its mark when it has one: "old-nps (deprecated)". */
function refText(r: MapRef): string {
  return r.lifecycle ? `${r.id} (${r.lifecycle.label})` : r.id;
}

interface CardBox {
  tp: MapTouchpoint;
  x: number;
  y: number;
  w: number;
  h: number;
  lines: { text: string; cls: string }[];
}

function layoutCard(tp: MapTouchpoint, x: number, y: number): CardBox {
  const lines: { text: string; cls: string }[] = [];
  for (const l of wrap(tp.name))
    lines.push({ text: l, cls: tp.lifecycle?.state === 'deprecated' ? 'name struck' : 'name' });
  // A deprecated or draft touchpoint says so under its name, with the reason (the card is dashed).
  if (tp.lifecycle)
    for (const l of wrap(tp.lifecycle.detail, CHARS_PER_LINE + 4, 2)) lines.push({ text: l, cls: 'mark' });
  if (tp.channel) lines.push({ text: tp.channel, cls: 'meta' });
  for (const l of wrap(ownerLine(tp.owner), CHARS_PER_LINE + 4, 2))
    lines.push({ text: l, cls: tp.owner ? 'owner' : 'unowned' });
  if (!tp.owner) {
    const why = tp.problems.find((p) => p.ruleId === 'touchpoint-owner')?.message;
    if (why)
      for (const l of wrap(why.replace(/`/g, ''), CHARS_PER_LINE + 4, 3)) lines.push({ text: l, cls: 'problem' });
  }
  if (tp.kpis.length)
    for (const l of wrap(`KPIs: ${tp.kpis.map(refText).join(', ')}`, CHARS_PER_LINE + 4, 2))
      lines.push({ text: l, cls: 'meta' });
  if (tp.handoff) lines.push({ text: `→ hands off to ${tp.handoff.team.name}`, cls: 'meta' });
  return { tp, x, y, w: COLUMN_WIDTH, h: CARD_PAD * 2 + lines.length * LINE, lines };
}

function journeyBlock(j: MapJourney, top: number, out: string[]): { width: number; height: number } {
  let y = top;
  out.push(`<text class="title" x="${MARGIN}" y="${y + 20}">${xml(j.name)}</text>`);
  const sub = [
    j.persona ? `Persona: ${refText(j.persona)}` : '',
    j.segments.length ? `Segments: ${j.segments.map(refText).join(', ')}` : '',
    j.owner ? `Owner: ${ownerLine(j.owner)}` : '',
  ]
    .filter(Boolean)
    .join('   ');
  if (sub) out.push(`<text class="meta" x="${MARGIN}" y="${y + 40}">${xml(sub)}</text>`);
  // The journey's own mark (deprecated, sunset passed, draft) is a line of its own under the title.
  if (j.lifecycle) {
    out.push(`<text class="mark" x="${MARGIN}" y="${y + 58}">${xml(j.lifecycle.detail)}</text>`);
    y += 18;
  }
  y += 60;
  const boxes = new Map<string, CardBox>();
  let bottom = y;
  j.stages.forEach((s, i) => {
    const x = MARGIN + i * (COLUMN_WIDTH + GAP);
    out.push(`<text class="stage" x="${x}" y="${y + 16}">${xml(s.name)}</text>`);
    const stageMeta = [s.lifecycleStage ?? '', s.owner ? ownerLine(s.owner) : ''].filter(Boolean).join(' · ');
    if (stageMeta) out.push(`<text class="meta" x="${x}" y="${y + 34}">${xml(stageMeta.slice(0, 48))}</text>`);
    let cy = y + 48;
    for (const tp of s.touchpoints) {
      const box = layoutCard(tp, x, cy);
      boxes.set(tp.key, box);
      const colour = colourOf(tp.owner);
      const fill = tp.owner ? '#ffffff' : '#fdecea';
      const dashed = tp.lifecycle ? ' stroke-dasharray="5 3"' : '';
      out.push(
        `<g class="card"><rect x="${x}" y="${cy}" width="${box.w}" height="${box.h}" rx="6" fill="${fill}" stroke="${tp.owner ? '#c8c8c8' : UNOWNED}" stroke-width="${tp.owner ? 1 : 2}"${dashed}/>`,
      );
      out.push(`<rect x="${x}" y="${cy}" width="5" height="${box.h}" rx="2" fill="${colour}"/>`);
      box.lines.forEach((l, k) =>
        out.push(
          `<text class="${l.cls}" x="${x + CARD_PAD + 4}" y="${cy + CARD_PAD + 12 + k * LINE}">${xml(l.text)}</text>`,
        ),
      );
      out.push('</g>');
      cy += box.h + 12;
    }
    bottom = Math.max(bottom, cy);
  });
  for (const box of boxes.values()) {
    const target = box.tp.handoff?.targetKey ? boxes.get(box.tp.handoff.targetKey) : undefined;
    if (!target) continue;
    const sameColumn = target.x === box.x;
    const x1 = sameColumn ? box.x + box.w : box.x + box.w;
    const y1 = box.y + box.h / 2;
    const x2 = sameColumn ? target.x + target.w : target.x;
    const y2 = target.y + target.h / 2;
    const bend = sameColumn ? 40 : Math.max(20, (x2 - x1) / 2);
    const path = sameColumn
      ? `M${x1},${y1} C${x1 + bend},${y1} ${x2 + bend},${y2} ${x2},${y2}`
      : `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
    out.push(`<path class="handoff" d="${path}" marker-end="url(#arrow)"/>`);
  }
  const width = MARGIN * 2 + Math.max(1, j.stages.length) * (COLUMN_WIDTH + GAP) - GAP;
  return { width, height: bottom - top };
}

/** The whole map as a standalone SVG document. */
export function renderJourneyMapSvg(model: JourneyMapModel): string {
  const body: string[] = [];
  let y = MARGIN;
  let width = 400;
  for (const j of model.journeys) {
    const b = journeyBlock(j, y, body);
    width = Math.max(width, b.width);
    y += b.height + 32;
  }
  // Legend: the functions in use, then "no owner".
  const legend = [
    ...model.functions.map((f) => ({ label: f, colour: EXPORT_PALETTE[f] ?? EXPORT_PALETTE.other })),
    { label: 'no owner', colour: UNOWNED },
  ];
  let lx = MARGIN;
  for (const l of legend) {
    body.push(
      `<rect x="${lx}" y="${y}" width="12" height="12" rx="2" fill="${l.colour}"/><text class="meta" x="${lx + 18}" y="${y + 11}">${xml(l.label)}</text>`,
    );
    lx += 30 + l.label.length * 7;
  }
  const height = y + 12 + MARGIN;
  width = Math.max(width, lx + MARGIN);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Segoe UI, Helvetica, Arial, sans-serif">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker>',
    '<style>.title{font-size:20px;font-weight:600;fill:#1e1e1e}.stage{font-size:15px;font-weight:600;fill:#1e1e1e}.name{font-size:13px;font-weight:600;fill:#1e1e1e}.meta{font-size:11px;fill:#555}.owner{font-size:11px;fill:#333}.unowned{font-size:12px;font-weight:700;fill:' +
      UNOWNED +
      '}.problem{font-size:11px;fill:' +
      UNOWNED +
      '}.handoff{fill:none;stroke:#555;stroke-width:1.5;stroke-dasharray:5 3}.struck{text-decoration:line-through}.mark{font-size:11px;font-weight:600;fill:#9a6700}</style></defs>',
    `<rect width="100%" height="100%" fill="#fafafa"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

import {
  editDistance,
  findTermsInFile,
  forEachRawToken,
  tokenKey,
  workspaceGlossary,
  type TaxonomyWorkspace,
} from '../core';
import { terminalText } from '../core/text/escape';
import { paint } from './color';
import { stewardOf, termsOf, type TermEntry } from './glossaryData';
import { pathLine, shownFolder } from './render/paths';
import type { LoadedTaxonomy } from './taxonomies';

/** How a query matched a term. */
type MatchRole = 'preferred' | 'alias' | 'id' | 'avoid';

const ROLE_ORDER: readonly MatchRole[] = ['preferred', 'alias', 'id', 'avoid'];

/**
 * The loose key a typed query and a glossary label are compared by: its words, each reduced by the
 * core's word key (the one the term matcher and hover use: case, regular and irregular plurals
 * such as "people" and "criteria"); punctuation and hyphens are left out, so `customer-journey`,
 * "Customer Journeys" and "customer journey" are the same.
 */
function queryKey(s: string): string {
  const words: string[] = [];
  forEachRawToken(s, (start, end, isWord) => {
    if (isWord) words.push(tokenKey(s.slice(start, end), true));
  });
  return words.join(' ');
}

/** One term found for a query, with every way it matched. */
interface ExplainMatch {
  taxonomy: LoadedTaxonomy;
  entry: TermEntry;
  roles: { role: MatchRole; label: string }[];
}

function labelsOf(e: TermEntry): { role: MatchRole; label: string }[] {
  const t = e.term;
  return [
    ...(t.label ? [{ role: 'preferred' as const, label: t.label.value }] : []),
    ...t.aliases.map((a) => ({ role: 'alias' as const, label: a.value })),
    { role: 'id' as const, label: e.id },
    ...t.avoid.map((a) => ({ role: 'avoid' as const, label: a.value })),
  ];
}

/** Every term whose preferred label, alias, id or avoid label matches the query, best first. */
function findTerms(query: string, taxonomies: readonly LoadedTaxonomy[]): ExplainMatch[] {
  const key = queryKey(query);
  if (key === '') return [];
  const out: ExplainMatch[] = [];
  for (const taxonomy of taxonomies) {
    for (const entry of termsOf(taxonomy.workspace)) {
      const roles = labelsOf(entry).filter((l) => queryKey(l.label) === key);
      if (roles.length) out.push({ taxonomy, entry, roles });
    }
  }
  const rank = (m: ExplainMatch) => Math.min(...m.roles.map((r) => ROLE_ORDER.indexOf(r.role)));
  return out.sort((a, b) => rank(a) - rank(b));
}

/** Up to five terms whose labels are closest to a query that matched nothing. */
function suggestTerms(query: string, taxonomies: readonly LoadedTaxonomy[]): TermEntry[] {
  const key = queryKey(query);
  const scored = new Map<TermEntry, number>();
  for (const taxonomy of taxonomies) {
    for (const entry of termsOf(taxonomy.workspace)) {
      let best = Infinity;
      for (const l of labelsOf(entry)) {
        const k = queryKey(l.label);
        if (k === '') continue;
        const budget = Math.max(2, Math.floor(Math.max(k.length, key.length) / 3));
        let d = editDistance(key, k, budget);
        if (d > budget && key.length >= 3 && (k.includes(key) || key.includes(k))) d = budget;
        if (d <= budget) best = Math.min(best, d);
      }
      if (best < Infinity) scored.set(entry, best);
    }
  }
  return [...scored]
    .sort((a, b) => a[1] - b[1] || a[0].label.localeCompare(b[0].label))
    .slice(0, 5)
    .map(([e]) => e);
}

/**
 * Wraps user text to a width, indenting every line. Each line is escaped on its own (so a line
 * starting with `::` is guarded, not only the first); blank lines still separate paragraphs.
 */
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && indent.length + line.length + 1 + word.length > width) {
        lines.push(indent + terminalText(line));
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(indent + terminalText(line));
    lines.push('');
  }
  lines.pop();
  return lines;
}

interface ExplainOutput {
  found: boolean;
  text: string;
}

interface ExplainContext {
  cwd: string;
  color: boolean;
  /** The terminal's width, when known. */
  width?: number;
}

/** A term's label as a card shows it in lists: "Customer lifecycle (marketing)". */
function labelIn(ws: TaxonomyWorkspace, id: string): string {
  const def = ws.index.definitions('term', id)[0];
  if (!def || def.entity.kind !== 'term') return `${id} (not defined)`;
  const t = def.entity;
  return `${t.label?.value ?? id} (${t.vocabulary})`;
}

/** How many places a card lists before "…and N more". */
const MAX_USES = 20;

interface Use {
  at: string;
  /** The field of an id reference, or the words as written in prose. */
  how: string;
  byId: boolean;
}

/**
 * Where a term is used: references to its id (`related`, `equivalent`, ...) and mentions of its
 * labels in free text and Markdown docs, found by the glossary matcher the rules use.
 */
function usesOf(ws: TaxonomyWorkspace, id: string, cwd: string): Use[] {
  const uses: Use[] = ws.index
    .references('term', id)
    .map((r) => ({ at: pathLine(r.uri, r.range.start.line + 1, cwd), how: r.field, byId: true }));
  const glossary = workspaceGlossary(ws);
  for (const file of ws.allFiles()) {
    for (const match of findTermsInFile(file, glossary.matcher)) {
      const label = match.labels.find((l) => l.termId === id);
      if (!label) continue;
      const text = match.text.replace(/\s+/g, ' ');
      uses.push({
        at: pathLine(file.uri, file.lines.positionAt(match.start).line + 1, cwd),
        how: label.role === 'avoid' ? `"${text}" (a label to avoid)` : `"${text}"`,
        byId: false,
      });
    }
  }
  return uses.sort((a, b) => a.at.localeCompare(b.at, 'en', { numeric: true }));
}

function card(m: ExplainMatch, query: string, ctx: ExplainContext, showRoot: boolean): string[] {
  const p = paint(ctx.color);
  const ws = m.taxonomy.workspace;
  const t = m.entry.term;
  const width = Math.max(50, Math.min(ctx.width ?? 88, 100));
  const x = terminalText;
  const out: string[] = [];
  const via = m.roles.find((r) => r.role !== 'preferred');
  if (!m.roles.some((r) => r.role === 'preferred') && via) {
    if (via.role === 'avoid') out.push(p.yellow(`"${x(query)}" is a label to avoid: say "${x(m.entry.label)}".`), '');
    else if (via.role === 'alias')
      out.push(p.dim(`"${x(via.label)}" is an accepted alias of "${x(m.entry.label)}".`), '');
  }
  const status = t.status?.value;
  const head = [`${t.vocabulary} vocabulary`, status ?? 'no status', `id ${m.entry.id}`];
  out.push(p.bold(x(m.entry.label)) + (status === 'deprecated' ? ` ${p.red('(deprecated)')}` : ''));
  out.push(p.dim(x(head.join(' · '))));
  out.push('');
  if (t.definition?.value.trim()) out.push(...wrap(t.definition.value, width, '  '));
  else out.push(p.yellow('  No definition yet.'));
  out.push('');
  const rows: [string, string[]][] = [];
  const eqIds = new Set<string>();
  if (t.equivalent) eqIds.add(t.equivalent.value);
  // Equivalents written only on the other side still count: the card shows the pair either way.
  for (const r of ws.index.references('term', m.entry.id)) {
    if (r.field !== 'equivalent') continue;
    const from = ws.getFile(r.uri);
    for (const model of from?.models ?? []) {
      for (const e of model.entities)
        if (e.kind === 'term' && e.equivalent?.value === m.entry.id && e.id) eqIds.add(e.id.value);
    }
  }
  eqIds.delete(m.entry.id);
  if (eqIds.size) rows.push(['Equivalent', [...eqIds].map((id) => x(`${labelIn(ws, id)} · ${id}`))]);
  if (t.aliases.length) rows.push(['Aliases', [x(t.aliases.map((a) => a.value).join(', '))]]);
  if (t.avoid.length) rows.push(['Avoid', [x(t.avoid.map((a) => `${a.value} → ${m.entry.label}`).join(', '))]]);
  if (t.broader.length) rows.push(['Broader', t.broader.map((b) => x(labelIn(ws, b.value)))]);
  if (t.related.length) rows.push(['Related', [x(t.related.map((r) => labelIn(ws, r.value)).join(', '))]]);
  rows.push(['Steward', [x(stewardOf(ws, t) ?? 'none (give the term or its glossary an `owner`)')]]);
  rows.push(['Defined in', [x(pathLine(m.entry.uri, m.entry.line, ctx.cwd))]]);
  if (showRoot) rows.push(['Taxonomy', [x(shownFolder(m.taxonomy.root, ctx.cwd))]]);
  const uses = usesOf(ws, m.entry.id, ctx.cwd);
  const shown = uses.slice(0, MAX_USES).map((u) => `${x(u.at)}  ${p.dim(x(u.how))}`);
  if (uses.length > MAX_USES) shown.push(p.dim(`…and ${uses.length - MAX_USES} more`));
  const refs = uses.filter((u) => u.byId).length;
  const summary = uses.length
    ? `${uses.length} place${uses.length === 1 ? '' : 's'} (${refs} by id, ${uses.length - refs} in text)`
    : 'nowhere yet';
  rows.push(['Used in', [summary, ...shown]]);
  const w = Math.max(...rows.map(([k]) => k.length));
  for (const [k, values] of rows) {
    values.forEach((v, i) => {
      const label = i === 0 ? p.dim(k.padEnd(w)) : ' '.repeat(w);
      const value = k === 'Avoid' ? p.yellow(v) : k === 'Used in' && i > 0 ? `  ${v}` : v;
      out.push(`  ${label}  ${value}`);
    });
  }
  return out;
}

/**
 * `explain TERM`: the glossary card of every term the query names (by preferred label, alias,
 * id or avoid label; case- and plural-insensitive), or the closest terms when none matches.
 */
export function explain(query: string, taxonomies: readonly LoadedTaxonomy[], ctx: ExplainContext): ExplainOutput {
  const matches = findTerms(query, taxonomies);
  if (matches.length) {
    const showRoot = taxonomies.length > 1;
    const cards = matches.map((m) => card(m, query, ctx, showRoot).join('\n'));
    return { found: true, text: cards.join('\n\n' + '─'.repeat(40) + '\n\n') + '\n' };
  }
  const count = taxonomies.reduce((n, t) => n + termsOf(t.workspace).length, 0);
  if (count === 0)
    return {
      found: false,
      text: `cx-taxonomy: no glossary term matches "${terminalText(query)}": there are no glossary terms (*.glossary.yaml) here.\n`,
    };
  const suggestions = suggestTerms(query, taxonomies);
  const hint = suggestions.length
    ? ` Did you mean: ${suggestions.map((s) => (queryKey(s.label) === queryKey(s.id) ? s.label : `${s.label} (${s.id})`)).join(', ')}?`
    : ` Run cx-taxonomy export glossary to list all ${count} terms.`;
  return {
    found: false,
    text: `cx-taxonomy: no glossary term matches "${terminalText(query)}".${terminalText(hint)}\n`,
  };
}

import type { Team, Term, TaxonomyWorkspace } from '../core';

/** A glossary term with what reports show beside it. */
export interface TermEntry {
  term: Term;
  id: string;
  /** The preferred label, else the id. */
  label: string;
  /** The file (workspace id: an absolute path in the CLI) and line where it is defined. */
  uri: string;
  line: number;
}

/** Every term of a workspace, sorted by label then id. Terms without an id are skipped. */
export function termsOf(ws: TaxonomyWorkspace): TermEntry[] {
  const out: TermEntry[] = [];
  for (const def of ws.index.allDefinitions('term')) {
    if (def.entity.kind !== 'term') continue;
    const term = def.entity;
    out.push({ term, id: def.id, label: term.label?.value ?? def.id, uri: def.uri, line: def.range.start.line + 1 });
  }
  return out.sort((a, b) => a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id));
}

/** The first definition of a team, if any. */
function teamOf(ws: TaxonomyWorkspace, id: string): Team | undefined {
  const def = ws.index.definitions('team', id)[0];
  return def?.entity.kind === 'team' ? def.entity : undefined;
}

/**
 * A team in plain text: "Customer Experience Design (cx-design)", or the bare id of an unknown
 * team (cards write a team as Markdown with their own `teamMarkdown`).
 */
function teamNameAndId(ws: TaxonomyWorkspace, id: string): string {
  const name = teamOf(ws, id)?.name?.value;
  return name && name !== id ? `${name} (${id})` : id;
}

/** The steward of a term as text: its owner team(s), the lead named when shared. */
export function stewardOf(ws: TaxonomyWorkspace, term: Term): string | undefined {
  const o = term.owner;
  if (!o || o.teams.length === 0) return undefined;
  const names = o.teams.map((t) => teamNameAndId(ws, t.value));
  if (o.teams.length === 1) return names[0];
  return `${names.join(', ')}${o.lead ? `; lead: ${teamNameAndId(ws, o.lead.value)}` : ''}`;
}

/**
 * Terms grouped with their equivalents: each group is a connected set of `equivalent` links
 * (in either direction), so marketing "segment" sits beside CX "persona". Groups are sorted by
 * their first label; inside a group, terms are ordered by vocabulary then label.
 */
export function equivalentGroups(terms: readonly TermEntry[]): TermEntry[][] {
  const byId = new Map<string, TermEntry>();
  for (const t of terms) if (!byId.has(t.id)) byId.set(t.id, t);
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const id of byId.keys()) parent.set(id, id);
  for (const t of byId.values()) {
    const eq = t.term.equivalent?.value;
    if (eq && byId.has(eq)) parent.set(find(t.id), find(eq));
  }
  const groups = new Map<string, TermEntry[]>();
  for (const t of byId.values()) {
    const root = find(t.id);
    const g = groups.get(root) ?? [];
    g.push(t);
    groups.set(root, g);
  }
  const byVocabulary = (a: TermEntry, b: TermEntry) =>
    a.term.vocabulary.localeCompare(b.term.vocabulary) || a.label.localeCompare(b.label, 'en', { sensitivity: 'base' });
  return [...groups.values()]
    .map((g) => g.sort(byVocabulary))
    .sort(
      (a, b) => a[0].label.localeCompare(b[0].label, 'en', { sensitivity: 'base' }) || a[0].id.localeCompare(b[0].id),
    );
}

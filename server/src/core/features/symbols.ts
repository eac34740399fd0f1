import type { DocModel, Entity } from '../model';
import type { TaxonomyFile } from '../taxonomyFile';
import type { TaxonomyWorkspace } from '../workspace';
import { entityName, type Definition } from '../index/entries';
import type { EntityKind, Location, Range } from '../types';
import { entityNoun } from '../domain';
import { rangeContains } from './lookup';
import { markdownSymbols } from './markdownSymbols';
import type { DocumentSymbolNode } from './outline';

/** One entry of the workspace-wide symbol search. */
export interface WorkspaceSymbolEntry {
  /** The id: what other files write to refer to it. */
  name: string;
  kind: EntityKind;
  /** The entity's name and, for stages and touchpoints, their journey. */
  containerName?: string;
  location: Location;
  deprecated?: boolean;
  /** How well it matched the query (see `matcher`): lower is better. */
  rank: number;
}

function displayName(e: Entity): string {
  return shownName(entityName(e) ?? e.id?.value, e.kind);
}

/**
 * `displayName` of a definition's entity, from what the index keeps: reading the entity would
 * rebuild the model of every file that let its model go.
 */
function definitionName(d: Definition): string {
  return shownName(d.name ?? d.id, d.kind);
}

function shownName(name: string | undefined, kind: EntityKind): string {
  return (name ?? '').trim() || `(${entityNoun(kind)} without id)`;
}

function contains(outer: Range, inner: Range): boolean {
  return rangeContains(outer, inner.start) && rangeContains(outer, inner.end);
}

function node(e: Entity, children: DocumentSymbolNode[] = []): DocumentSymbolNode {
  const pick = e.id?.range ?? e.name?.range;
  const selectionRange = pick && contains(e.range, pick) ? pick : { start: e.range.start, end: e.range.start };
  return {
    name: displayName(e),
    detail: e.id?.value,
    kind: e.kind,
    range: e.range,
    selectionRange,
    deprecated: e.status?.value === 'deprecated' || undefined,
    children,
  };
}

/**
 * A file's outline: a journey with its stages and their touchpoints, a glossary with its terms,
 * the teams of a teams file, the one persona, segment or KPI, or a Markdown doc's headings.
 */
export function documentSymbols(file: TaxonomyFile): DocumentSymbolNode[] {
  if (file.kind === 'markdown') return markdownSymbols(file);
  const out: DocumentSymbolNode[] = [];
  for (const model of file.models) {
    const reader = file.readers[model.docIndex];
    if (!reader) continue;
    switch (file.kind) {
      case 'teams':
      case 'glossary': {
        const list = file.kind === 'teams' ? '/teams' : '/terms';
        const children = model.entities.map((e) => node(e));
        if (!reader.has(list)) {
          out.push(...children);
          break;
        }
        const range = docRange(file, model);
        const keyRange = reader.keyRange(list);
        const title =
          file.kind === 'teams'
            ? 'Teams'
            : (reader.string('/name')?.value ?? reader.string('/id')?.value ?? 'Glossary');
        const idRange = reader.has('/id') ? reader.valueRange('/id') : keyRange;
        out.push({
          name: title.trim() || 'Glossary',
          detail:
            file.kind === 'glossary'
              ? reader.string('/vocabulary')?.value
              : `${children.length} team${children.length === 1 ? '' : 's'}`,
          kind: file.kind,
          range,
          selectionRange: contains(range, idRange) ? idRange : { start: range.start, end: range.start },
          children,
        });
        break;
      }
      default:
        for (const e of model.entities) {
          if (e.kind === 'journey')
            out.push(
              node(
                e,
                e.stages.map((s) =>
                  node(
                    s,
                    s.touchpoints.map((t) => node(t)),
                  ),
                ),
              ),
            );
          else out.push(node(e));
        }
    }
  }
  return out;
}

function docRange(file: TaxonomyFile, model: DocModel): Range {
  const doc = file.readers[model.docIndex].doc;
  return file.lines.range(doc.start, doc.end);
}

/**
 * A matcher for one query: how well it matches a text, lower is better: 0 the same (case aside),
 * 1 a prefix, 2 a prefix of one of its words (`call` in `welcome-call`, `Welcome call`), 3 a
 * substring, 4 its letters in order (`wcl` in `welcome-call`); undefined when it does not match.
 * The query is prepared once: the matcher runs on every definition of the workspace.
 */
function matcher(query: string): (text: string) => number | undefined {
  const q = query.toLowerCase().trim();
  const letters = q.replace(/\s+/g, '');
  return (text) => {
    if (!q) return 0;
    // Ids are lowercase already; V8 returns the same string then, without a copy.
    const t = text.toLowerCase();
    if (t.length === q.length && t === q) return 0;
    if (t.startsWith(q)) return 1;
    let at = t.indexOf(q);
    if (at > 0) {
      for (; at > 0; at = t.indexOf(q, at + 1)) if (!isWordChar(t.charCodeAt(at - 1))) return 2;
      return 3;
    }
    let i = 0;
    for (let j = 0; j < t.length && i < letters.length; j++) if (t.charCodeAt(j) === letters.charCodeAt(i)) i++;
    return i === letters.length ? 4 : undefined;
  };
}

/** Letters and digits (ASCII, and anything beyond it, which counts as a letter here). */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c > 127;
}

/**
 * Every definition whose id or name matches the query, for "go to symbol in workspace", best
 * matches first: exact and prefix matches of the id or the name before word prefixes, substrings
 * and scattered letters; ties by id. `rank` on each entry lets a caller merge several taxonomies'
 * answers in the same order. The whole index is read once; only the best `limit` matches are kept.
 */
export function workspaceSymbols(workspace: TaxonomyWorkspace, query: string, limit = 1000): WorkspaceSymbolEntry[] {
  const search = new WorkspaceSymbolSearch(workspace, query, limit);
  search.step();
  return search.results();
}

/**
 * A workspace symbol search that runs in steps: a one-letter query on a large taxonomy reads
 * 250,000 definitions, and the language server answers other requests (and notices a cancelled
 * one) between steps.
 */
export class WorkspaceSymbolSearch {
  private readonly best: BestMatches;
  /** With no query: the first `limit` definitions, as the index lists them. */
  private readonly first: SymbolMatch[] = [];
  private readonly rank: (text: string) => number | undefined;
  private readonly definitions: Iterator<Definition>;
  private finished = false;

  constructor(
    workspace: TaxonomyWorkspace,
    private readonly query: string,
    private readonly limit = 1000,
  ) {
    this.best = new BestMatches(limit);
    this.rank = matcher(query);
    this.definitions = workspace.index.allDefinitions()[Symbol.iterator]();
  }

  /** Matches definitions until `shouldStop` says so (asked every few hundred) or none is left; true once finished. */
  step(shouldStop: () => boolean = () => false): boolean {
    const { best, rank, query } = this;
    for (let n = 1; !this.finished; n++) {
      if (n % 512 === 0 && shouldStop()) return false;
      const next = this.definitions.next();
      if (next.done) break;
      const d = next.value;
      if (!query) {
        this.first.push({ d, name: definitionName(d), rank: 0 });
        if (this.first.length >= this.limit) break;
        continue;
      }
      const byId = rank(d.id);
      // An id matching exactly or as a prefix outranks its name: the name (a getter per entity, the
      // larger part of this loop on a large taxonomy) is read only otherwise.
      const name = byId !== undefined && byId <= 1 ? undefined : definitionName(d);
      const byName = name === undefined ? undefined : rank(name);
      if (byId === undefined && byName === undefined) continue;
      best.offer({ d, name, rank: Math.min(byId ?? 9, byName ?? 9) });
    }
    this.finished = true;
    return true;
  }

  /** The matches found, best first (call once `step` has finished). */
  results(): WorkspaceSymbolEntry[] {
    const matches = this.query ? this.best.sorted() : this.first;
    return matches.map(({ d, name: known, rank }) => {
      const name = known ?? definitionName(d);
      const container = d.container
        ? `${name} · ${entityNoun(d.kind)} in ${d.container}`
        : `${name} · ${entityNoun(d.kind)}`;
      return {
        name: d.id,
        kind: d.kind,
        containerName: container,
        location: { uri: d.uri, range: d.range },
        deprecated: d.status === 'deprecated' || undefined,
        rank,
      };
    });
  }
}

/** A match of the workspace symbol search. */
interface SymbolMatch {
  d: Definition;
  name?: string;
  rank: number;
}

/** Best first: by rank, then the shorter id, then the id. */
function byRank(a: SymbolMatch, b: SymbolMatch): number {
  return a.rank - b.rank || a.d.id.length - b.d.id.length || (a.d.id < b.d.id ? -1 : a.d.id > b.d.id ? 1 : 0);
}

/**
 * The `limit` best matches seen, kept in a heap with the worst on top: a one-letter query matches
 * most of a large taxonomy's 250,000 definitions, and sorting them all to keep 1,000 took most of
 * a second.
 */
class BestMatches {
  private readonly heap: SymbolMatch[] = [];

  constructor(private readonly limit: number) {}

  offer(m: SymbolMatch): void {
    const h = this.heap;
    if (h.length < this.limit) {
      h.push(m);
      this.up(h.length - 1);
    } else if (h.length > 0 && byRank(m, h[0]) < 0) {
      h[0] = m;
      this.down(0);
    }
  }

  /** The matches, best first. */
  sorted(): SymbolMatch[] {
    return [...this.heap].sort(byRank);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (byRank(h[i], h[parent]) <= 0) return;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < h.length && byRank(h[l], h[worst]) > 0) worst = l;
      if (r < h.length && byRank(h[r], h[worst]) > 0) worst = r;
      if (worst === i) return;
      [h[i], h[worst]] = [h[worst], h[i]];
      i = worst;
    }
  }
}

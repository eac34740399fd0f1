import { childPointer } from '../parse';
import { insertSiblingLine } from '../edits';
import type { Entity, Located, Term } from '../model';
import type { TaxonomyFile } from '../taxonomyFile';
import type { FacetContributor } from '../workspace';
import type { Fix, Range } from '../types';
import type { Rule, RuleContext } from './types';

/**
 * Where a back-reference would be written in each persona, segment and term: keyed by
 * `kind NUL id`. The fix for a one-sided link edits another file, so it must be recomputed when
 * that place moves; looking the anchor up makes the linking file depend on exactly that.
 */
export const LINK_ANCHOR_FACET = 'link-anchor';

/** An insertion template: writing a back-reference to `id` replaces `range` with `before + id + after`. */
export interface LinkAnchor {
  range: Range;
  before: string;
  after: string;
}

const anchorKey = (kind: string, id: string) => `${kind}\u0000${id}`;

/** Adds the back-reference anchor of every persona (`segments`), segment (`personas`) and term (`equivalent`). */
export const contributeLinkAnchors: FacetContributor = (file, add) => {
  if (file.kind !== 'persona' && file.kind !== 'segment' && file.kind !== 'glossary') return;
  for (const model of file.models) {
    for (const e of model.entities) {
      if (!e.id || e.id.value === '') continue;
      let anchor: LinkAnchor | undefined;
      if (e.kind === 'persona') anchor = listAnchor(file, e, 'segments');
      else if (e.kind === 'segment') anchor = listAnchor(file, e, 'personas');
      else if (e.kind === 'term' && !e.equivalent) anchor = lineAnchor(file, e, 'equivalent');
      if (anchor) add(LINK_ANCHOR_FACET, anchorKey(e.kind, e.id.value), { uri: file.uri, range: e.id.range, data: anchor });
    }
  }
};

/**
 * A link written on one side only: a persona lists a segment that does not list it back in
 * `personas` (or the reverse), or a term names an `equivalent` that does not name it back.
 * Marketing's and CX's maps of the same customers then disagree about who belongs together.
 * Reported where the one-sided link is written; the fix adds the back-reference in the other file.
 */
export const asymmetricLink: Rule = {
  id: 'asymmetric-link',
  defaultSeverity: 'warning',
  description: 'A persona-segment link or an `equivalent` link between terms is written on one side only.',
  appliesTo: ['persona', 'segment', 'glossary'],
  check(ctx) {
    for (const model of ctx.file.models) {
      for (const e of model.entities) {
        if (!e.id || e.id.value === '') continue;
        if (e.kind === 'persona') for (const s of e.segments) checkListLink(ctx, e, s, 'segment', 'personas');
        else if (e.kind === 'segment') for (const p of e.personas) checkListLink(ctx, e, p, 'persona', 'segments');
        else if (e.kind === 'term' && e.equivalent) checkEquivalent(ctx, e, e.equivalent);
      }
    }
  },
};

const NOUN = { persona: 'persona', segment: 'segment' } as const;

/** The fix writing `id` at the anchor of the entity `kind`/`otherId` in the file `uri`. */
function backReferenceFix(ctx: RuleContext, kind: string, otherId: string, uri: string, id: string, title: string): Fix[] | undefined {
  const anchor = ctx.index.facet<LinkAnchor>(LINK_ANCHOR_FACET, anchorKey(kind, otherId)).find((a) => a.uri === uri)?.data;
  if (!anchor) return undefined;
  return [{ title, isPreferred: true, edits: [{ uri, range: anchor.range, newText: anchor.before + id + anchor.after }] }];
}

function checkListLink(ctx: RuleContext, from: Entity, ref: Located<string>, otherKind: 'persona' | 'segment', backField: 'personas' | 'segments'): void {
  const id = from.id!.value;
  const defs = ctx.index.definitions(otherKind, ref.value);
  if (defs.length === 0) return;
  const backs = (e: Entity) => (e.kind === 'persona' ? e.segments : e.kind === 'segment' ? e.personas : []);
  if (defs.some((d) => backs(d.entity).some((b) => b.value === id))) return;
  const def = defs[0];
  const fromNoun = NOUN[from.kind as 'persona' | 'segment'];
  const other = def.entity;
  const otherName = other.name ? ` ("${other.name.value}")` : '';
  ctx.report({
    range: ref.range,
    message:
      `This ${fromNoun} lists the ${otherKind} \`${ref.value}\`${otherName}, but that ${otherKind} does not list \`${id}\` in its \`${backField}\`. ` +
      `Write the link on both sides so marketing's and CX's maps agree, or remove it here if it is wrong.`,
    related: [{ location: { uri: def.uri, range: def.range }, message: `The ${otherKind} \`${ref.value}\`` }],
    fixes: backReferenceFix(ctx, otherKind, ref.value, def.uri, id, `Add \`${id}\` to the ${backField} of ${otherKind} \`${ref.value}\``),
  });
}

function checkEquivalent(ctx: RuleContext, term: Term, ref: Located<string>): void {
  const id = term.id!.value;
  if (ref.value === id) return;
  const defs = ctx.index.definitions('term', ref.value);
  const others = defs.map((d) => d.entity).filter((x): x is Term => x.kind === 'term');
  if (others.length === 0 || others.some((o) => o.equivalent?.value === id)) return;
  const def = defs.find((d) => d.entity.kind === 'term')!;
  const other = def.entity as Term;
  const label = other.label ? ` ("${other.label.value}")` : '';
  const answered = other.equivalent !== undefined;
  ctx.report({
    range: ref.range,
    message: answered
      ? `This term names \`${ref.value}\`${label} as its equivalent, but it names \`${other.equivalent!.value}\` as its equivalent instead. An equivalent links exactly two terms, each naming the other.`
      : `This term names \`${ref.value}\`${label} as its equivalent, but it does not name \`${id}\` back. Add \`equivalent: ${id}\` to it, so the link reads both ways.`,
    related: [{ location: { uri: def.uri, range: def.range }, message: `The term \`${ref.value}\`` }],
    fixes: answered ? undefined : backReferenceFix(ctx, 'term', ref.value, def.uri, id, `Add \`equivalent: ${id}\` to term \`${ref.value}\``),
  });
}

/** Writes `key: <id>` as a new line of an entity's mapping, after its `id` line. */
function lineAnchor(file: TaxonomyFile, entity: Entity, key: string, open = '', close = ''): LinkAnchor | undefined {
  const reader = file.readers[entity.docIndex];
  const idSpan = reader?.span(childPointer(entity.pointer, 'id'));
  if (idSpan?.keyStart === undefined) return undefined;
  const edit = insertSiblingLine(file, file.lines.positionAt(idSpan.keyStart), key, `${open}\u0000${close}`);
  if (!edit) return undefined;
  const [before, after] = edit.newText.split('\u0000');
  return { range: edit.range, before, after };
}

/**
 * Adds an id to the list `key` of an entity, written the way the list already is: inside
 * `[...]` for a flow list, as a new `- id` line for a block list, as a list of two for a single
 * value, or as a new `key: [id]` line when the key is missing.
 */
function listAnchor(file: TaxonomyFile, entity: Entity, key: string): LinkAnchor | undefined {
  const reader = file.readers[entity.docIndex];
  if (!reader) return undefined;
  const pointer = childPointer(entity.pointer, key);
  const span = reader.span(pointer);
  const raw = reader.get(pointer);
  const at = (start: number, before: string, after = '', end = start): LinkAnchor => ({ range: file.lines.range(start, end), before, after });
  if (!span || raw === undefined) return lineAnchor(file, entity, key, '[', ']');
  const source = file.text.slice(span.start, span.end);
  if (raw === null) return span.end > span.start ? at(span.start, '[', ']', span.end) : at(span.start, ' [', ']');
  if (!Array.isArray(raw)) return typeof raw === 'string' ? at(span.start, `[${source}, `, ']', span.end) : undefined;
  if (source.startsWith('[')) {
    const close = source.lastIndexOf(']');
    if (close < 0) return undefined;
    const inner = source.slice(1, close);
    if (inner.trim() === '') return at(span.start + 1, '', '', span.start + close);
    return at(span.start + 1 + inner.trimEnd().length, ', ');
  }
  // A block list: a new item line after the last item, at the same indentation.
  const last = reader.span(childPointer(pointer, raw.length - 1));
  if (!last) return undefined;
  const pos = file.lines.positionAt(last.start);
  const dash = file.lines.lineText(pos.line).lastIndexOf('-', pos.character);
  if (dash < 0) return undefined;
  const endLine = file.lines.positionAt(last.end).line;
  const end = { line: endLine, character: file.lines.lineText(endLine).length };
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: end, end }, before: `${eol}${' '.repeat(dash)}- `, after: '' };
}

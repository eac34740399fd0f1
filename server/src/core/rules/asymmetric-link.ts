import { addListItem, addMapEntry, lazyFix } from '../edit';
import { childPointer } from '../yaml';
import type { Entity, Located, Term } from '../model';
import type { FacetContributor } from '../index/contribution';
import type { Fix, Position } from '../types';
import type { Rule, RuleContext } from './types';

/**
 * Where each persona, segment and term is written, keyed by `kind NUL id`. The fix for a
 * one-sided link edits another file; it is built from that file as it is when the fix is asked
 * for, but looking the place up makes the linking file depend on it, so the diagnostic (and the
 * fix with it) is checked again when the other entity moves.
 */
const LINK_ANCHOR_FACET = 'link-anchor';

/** Where the entity's id is written: a change signal, not an edit (edits are built lazily). */
interface LinkAnchor {
  at: Position;
}

const anchorKey = (kind: string, id: string) => `${kind}\u0000${id}`;

/** Adds the place of every persona, segment and term that has no `equivalent` yet. */
export const contributeLinkAnchors: FacetContributor = (file, add) => {
  if (file.kind !== 'persona' && file.kind !== 'segment' && file.kind !== 'glossary') return;
  for (const model of file.models) {
    for (const e of model.entities) {
      if (!e.id || e.id.value === '') continue;
      if (e.kind !== 'persona' && e.kind !== 'segment' && (e.kind !== 'term' || e.equivalent)) continue;
      const range = e.id.range;
      add(LINK_ANCHOR_FACET, anchorKey(e.kind, e.id.value), {
        uri: file.uri,
        range,
        data: { at: range.start } satisfies LinkAnchor,
      });
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

/**
 * The fix writing the back-reference `id` into the entity `kind`/`otherId` of the file `uri`:
 * an item of its list `field`, or its `equivalent`. Built from that file as it is when the fix
 * is read, and built again when the file changes.
 */
function backReferenceFix(
  ctx: RuleContext,
  kind: 'persona' | 'segment' | 'term',
  otherId: string,
  uri: string,
  id: string,
  field: 'personas' | 'segments' | 'equivalent',
  title: string,
): Fix[] | undefined {
  if (!ctx.index.facet<LinkAnchor>(LINK_ANCHOR_FACET, anchorKey(kind, otherId)).some((a) => a.uri === uri))
    return undefined;
  const build = () => {
    const file = ctx.fileAt(uri);
    const entity = file?.models.flatMap((m) => m.entities).find((e) => e.kind === kind && e.id?.value === otherId);
    if (!file || !entity) return undefined;
    if (field === 'equivalent') return [addMapEntry(file, entity.docIndex, entity.pointer, 'equivalent', id, 'id')];
    return [addListItem(file, entity.docIndex, childPointer(entity.pointer, field), id, 'id')];
  };
  return [lazyFix(title, true, build, () => ctx.fileAt(uri))];
}

function checkListLink(
  ctx: RuleContext,
  from: Entity,
  ref: Located<string>,
  otherKind: 'persona' | 'segment',
  backField: 'personas' | 'segments',
): void {
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
    fixes: backReferenceFix(
      ctx,
      otherKind,
      ref.value,
      def.uri,
      id,
      backField,
      `Add \`${id}\` to the ${backField} of ${otherKind} \`${ref.value}\``,
    ),
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
    fixes: answered
      ? undefined
      : backReferenceFix(
          ctx,
          'term',
          ref.value,
          def.uri,
          id,
          'equivalent',
          `Add \`equivalent: ${id}\` to term \`${ref.value}\``,
        ),
  });
}

import { childPointer } from '../parse';
import { insertSiblingLine } from '../edits';
import type { Entity, Located, Term } from '../model';
import type { TaxonomyFile } from '../taxonomyFile';
import type { Fix, TextEdit } from '../types';
import type { Rule, RuleContext } from './types';

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
  const edit = appendToList(ctx.fileAt(def.uri), other, backField, id);
  const fixes: Fix[] | undefined = edit ? [{ title: `Add \`${id}\` to the ${backField} of ${otherKind} \`${ref.value}\``, isPreferred: true, edits: [edit] }] : undefined;
  ctx.report({
    range: ref.range,
    message:
      `This ${fromNoun} lists the ${otherKind} \`${ref.value}\`${otherName}, but that ${otherKind} does not list \`${id}\` in its \`${backField}\`. ` +
      `Write the link on both sides so marketing's and CX's maps agree, or remove it here if it is wrong.`,
    related: [{ location: { uri: def.uri, range: def.range }, message: `The ${otherKind} \`${ref.value}\`` }],
    fixes,
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
  let fixes: Fix[] | undefined;
  let tail: string;
  if (other.equivalent) {
    tail = `it names \`${other.equivalent.value}\` as its equivalent instead. An equivalent links exactly two terms, each naming the other.`;
  } else {
    tail = `it does not name \`${id}\` back. Add \`equivalent: ${id}\` to it, so the link reads both ways.`;
    const edit = insertAfterKey(ctx.fileAt(def.uri), other, 'equivalent', id);
    if (edit) fixes = [{ title: `Add \`equivalent: ${id}\` to term \`${ref.value}\``, isPreferred: true, edits: [edit] }];
  }
  ctx.report({
    range: ref.range,
    message: `This term names \`${ref.value}\`${label} as its equivalent, but ${tail}`,
    related: [{ location: { uri: def.uri, range: def.range }, message: `The term \`${ref.value}\`` }],
    fixes,
  });
}

/** Adds `key: value` as a new line of an entity's mapping, after its `id` line. */
function insertAfterKey(file: TaxonomyFile | undefined, entity: Entity, key: string, value: string): TextEdit | undefined {
  const reader = file?.readers[entity.docIndex];
  if (!file || !reader) return undefined;
  const anchor = reader.span(childPointer(entity.pointer, 'id'));
  if (anchor?.keyStart === undefined) return undefined;
  return insertSiblingLine(file, file.lines.positionAt(anchor.keyStart), key, value);
}

/**
 * An edit that adds `value` to the list `key` of an entity in another file, written the way the
 * list already is: inside `[...]` for a flow list, as a new `- value` line for a block list, as
 * a list of two for a single value, or as a new `key: [value]` line when the key is missing.
 */
export function appendToList(file: TaxonomyFile | undefined, entity: Entity, key: string, value: string): TextEdit | undefined {
  const reader = file?.readers[entity.docIndex];
  if (!file || !reader) return undefined;
  const pointer = childPointer(entity.pointer, key);
  const span = reader.span(pointer);
  const raw = reader.get(pointer);
  const at = (offset: number, newText: string, end = offset): TextEdit => ({ uri: file.uri, range: file.lines.range(offset, end), newText });
  if (!span || raw === undefined) return insertAfterKey(file, entity, key, `[${value}]`);
  const source = file.text.slice(span.start, span.end);
  if (raw === null) return span.end > span.start ? at(span.start, `[${value}]`, span.end) : at(span.start, ` [${value}]`);
  if (!Array.isArray(raw)) return typeof raw === 'string' ? at(span.start, `[${source}, ${value}]`, span.end) : undefined;
  if (source.startsWith('[')) {
    const close = source.lastIndexOf(']');
    if (close < 0) return undefined;
    const inner = source.slice(1, close);
    if (inner.trim() === '') return at(span.start + 1, value, span.start + close);
    return at(span.start + 1 + inner.trimEnd().length, `, ${value}`);
  }
  // A block list: a new item line after the last item, at the same indentation.
  const last = reader.span(childPointer(pointer, raw.length - 1));
  if (!last) return undefined;
  const pos = file.lines.positionAt(last.start);
  const lineText = file.lines.lineText(pos.line);
  const dash = lineText.lastIndexOf('-', pos.character);
  if (dash < 0) return undefined;
  const endLine = file.lines.positionAt(last.end).line;
  const end = { line: endLine, character: file.lines.lineText(endLine).length };
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  return { uri: file.uri, range: { start: end, end }, newText: `${eol}${' '.repeat(dash)}- ${value}` };
}

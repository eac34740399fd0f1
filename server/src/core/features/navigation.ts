import { setScalar } from '../edit';
import { suggestId } from '../schema';
import { createTaxonomyFile, type TaxonomyFile } from '../taxonomyFile';
import type { TaxonomyWorkspace } from '../workspace';
import { qualifiedId } from '../index/keys';
import type { Location, Range, TextEdit } from '../types';
import { entityNoun } from '../domain';
import { definitionsOf, idAt, type IdAtCursor } from './lookup';
import { findTermAt } from './terms-lookup';
import { workspaceGlossary } from '../terms/glossary';

/** The form every id must have: kebab-case, as the schemas' `id` pattern says. */
const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Where the id under the cursor is defined. On a definition it answers the definition itself
 * (editors then offer its references). On a glossary term in free text or a Markdown doc it
 * answers the term's definition.
 */
export function definition(workspace: TaxonomyWorkspace, file: TaxonomyFile, offset: number): Location[] {
  const id = idAt(workspace, file, offset);
  if (id) return definitionsOf(workspace, id).map((d) => ({ uri: d.uri, range: d.range }));
  const term = findTermAt(workspace, file, offset);
  if (term) return [{ uri: term.definition.uri, range: term.definition.range }];
  return [];
}

/**
 * Every place that names the id under the cursor, across files; with its definitions when asked.
 * For a glossary term (its id, or its words in prose) that includes every prose mention of it.
 */
export function references(
  workspace: TaxonomyWorkspace,
  file: TaxonomyFile,
  offset: number,
  includeDeclaration: boolean,
): Location[] {
  let target: Pick<IdAtCursor, 'kind' | 'qualifiedId'> | undefined = idAt(workspace, file, offset);
  if (!target) {
    const term = findTermAt(workspace, file, offset);
    if (term) target = { kind: 'term', qualifiedId: term.definition.id };
  }
  if (!target) return [];
  const out: Location[] = [];
  if (includeDeclaration) for (const d of definitionsOf(workspace, target)) out.push({ uri: d.uri, range: d.range });
  for (const r of workspace.index.references(target.kind, target.qualifiedId)) out.push({ uri: r.uri, range: r.range });
  if (target.kind === 'term') out.push(...termMentions(workspace, target.qualifiedId));
  return out.sort((a, b) =>
    a.uri < b.uri
      ? -1
      : a.uri > b.uri
        ? 1
        : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/**
 * The prose mentions of a glossary term: its labels (preferred, aliases, labels to avoid) in free
 * text and Markdown docs, from the workspace's index of them, not a scan.
 */
export function termMentions(workspace: TaxonomyWorkspace, termId: string): Location[] {
  const uses = workspace.termUses.uses(termId, (uri) => workspace.getFile(uri), workspaceGlossary(workspace).matcher);
  const out: Location[] = [];
  for (const u of uses) {
    const file = workspace.getFile(u.uri);
    if (file) out.push({ uri: u.uri, range: file.lines.range(u.start, u.end) });
  }
  return out;
}

/** The answer to "can this be renamed?": the range and current id, or why not. */
export type PrepareRenameResult = { ok: true; range: Range; placeholder: string } | { ok: false; message: string };

/** The outcome of a rename: the edits to apply, or why it is refused. */
export type RenameResult = { ok: true; edits: TextEdit[] } | { ok: false; message: string };

/** Checks that the cursor is on an id and returns the range to edit (inside quotes, if quoted). */
export function prepareRename(workspace: TaxonomyWorkspace, file: TaxonomyFile, offset: number): PrepareRenameResult {
  const id = idAt(workspace, file, offset);
  if (!id)
    return { ok: false, message: 'Only ids can be renamed: put the cursor on an `id` value or on a reference to one.' };
  if (throughAlias(file, id.range)) return { ok: false, message: ALIAS_MESSAGE(id.id) };
  return { ok: true, range: idRange(file, id.range, id.id), placeholder: id.id };
}

const ALIAS_MESSAGE = (id: string) =>
  `This \`${id}\` is written through a YAML alias (\`*name\`): rename it where its anchor (\`&name\`) is written.`;

/**
 * True when a value has no scalar of its own: it is an alias (`owner: *t`), or sits inside
 * what an alias names (the located value then has an empty range).
 */
function throughAlias(file: TaxonomyFile, r: Range): boolean {
  const start = file.lines.offsetAt(r.start);
  const end = file.lines.offsetAt(r.end);
  return end <= start || file.text[start] === '*';
}

/**
 * Renames the id under the cursor everywhere: its definition and every reference in every file.
 * Each edit goes through the edit layer and replaces only the scalar (inside its quotes when it
 * is quoted), so comments and formatting survive; an id YAML would read as something else than
 * a string (`123`, `true`, `null`, `1e3`, `0x1f`) is written quoted. A value reached through an
 * alias follows its anchor. A new id that is not kebab-case, that another entity of the same
 * kind already has, or a place that cannot be edited safely (a tag, an alias whose anchor is
 * not renamed) refuses the whole rename with a message saying why.
 */
export function rename(workspace: TaxonomyWorkspace, file: TaxonomyFile, offset: number, newId: string): RenameResult {
  const id = idAt(workspace, file, offset);
  if (!id)
    return { ok: false, message: 'Only ids can be renamed: put the cursor on an `id` value or on a reference to one.' };
  const next = newId.trim();
  if (!ID_PATTERN.test(next)) {
    return {
      ok: false,
      message: `"${newId}" is not a valid id: use lowercase letters and digits in words joined by hyphens, like "${suggestId(newId)}".`,
    };
  }
  if (next === id.id) return { ok: true, edits: [] };
  const defs = definitionsOf(workspace, id);
  const container =
    id.qualifiedId.includes('/') && (id.kind === 'stage' || id.kind === 'touchpoint')
      ? id.qualifiedId.slice(0, id.qualifiedId.lastIndexOf('/'))
      : undefined;
  const taken = workspace.index.definitions(id.kind, qualifiedId(id.kind, next, container));
  if (taken.length) {
    const where = workspace.getFile(taken[0].uri)?.relativePath ?? taken[0].uri;
    const scope = container ? ' in this journey' : '';
    return {
      ok: false,
      message: `The ${entityNoun(id.kind)} id "${next}" is already used${scope} (${where}:${taken[0].range.start.line + 1}). Choose another id.`,
    };
  }
  const places: { uri: string; range: Range }[] = [];
  // With duplicate definitions, renaming one of them (the usual fix) leaves the others and the references alone.
  if (id.isDefinition && defs.length > 1) places.push({ uri: file.uri, range: id.range });
  else {
    for (const d of defs) places.push({ uri: d.uri, range: d.range });
    for (const r of workspace.index.references(id.kind, id.qualifiedId)) places.push({ uri: r.uri, range: r.range });
  }
  const edits: TextEdit[] = [];
  const aliasedIn = new Set<string>();
  for (const p of places) {
    const f = workspace.getFile(p.uri);
    if (!f) continue;
    // A value reached through an alias has no place of its own: renaming its anchor renames it.
    if (throughAlias(f, p.range)) {
      aliasedIn.add(f.uri);
      continue;
    }
    const edit = setScalar(f, p.range, next, id.id);
    if (!edit)
      return {
        ok: false,
        message: `\`${id.id}\` at ${f.relativePath}:${p.range.start.line + 1} cannot be rewritten safely (it has a tag, or is a block scalar that cannot hold the new id): change it there by hand first.`,
      };
    edits.push(edit);
  }
  for (const uri of aliasedIn) {
    const f = workspace.getFile(uri)!;
    if (stillNames(f, edits, id.kind, id.id))
      return { ok: false, message: `${ALIAS_MESSAGE(id.id)} (${f.relativePath})` };
  }
  return { ok: true, edits };
}

/** True when the file, with the rename's edits applied, still refers to `oldId` (an alias whose anchor was not renamed). */
function stillNames(file: TaxonomyFile, edits: readonly TextEdit[], kind: string, oldId: string): boolean {
  const mine = edits
    .filter((e) => e.uri === file.uri)
    .map((e) => ({
      start: file.lines.offsetAt(e.range.start),
      end: file.lines.offsetAt(e.range.end),
      newText: e.newText,
    }));
  let text = file.text;
  for (const e of mine.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  const after = createTaxonomyFile(file.uri, file.relativePath, text, file.version + 1, {
    maxFileSize: Number.MAX_SAFE_INTEGER,
  });
  return after.models.some((m) => m.refs.some((r) => r.kind === kind && r.id.value === oldId));
}

/**
 * The range an editor shows for renaming: the id's own characters, inside the quotes of a quoted
 * scalar and past a block scalar's indicator.
 */
function idRange(file: TaxonomyFile, range: Range, oldId: string): Range {
  let start = file.lines.offsetAt(range.start);
  let end = file.lines.offsetAt(range.end);
  const src = file.text.slice(start, end);
  if (src.length >= 2 && (src[0] === '"' || src[0] === "'") && src[src.length - 1] === src[0]) {
    start++;
    end--;
  } else if (src !== oldId) {
    const i = src.indexOf(oldId);
    if (i >= 0) {
      start += i;
      end = start + oldId.length;
    }
  }
  return file.lines.range(start, end);
}

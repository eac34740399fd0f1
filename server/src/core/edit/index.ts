/**
 * The one edit layer: every quick fix, every rename and `lint --fix` write a user's file
 * through these functions. Each builds the smallest edit that does what it says, then proves it
 * on a parse of the edited text (parses with no new problem; every document reads as before
 * except the value meant) and refuses, returning undefined, wherever it cannot: a value reached
 * through an alias, a tagged value, a key, or a style no edit proves right in. No edit lands
 * outside the node it is about.
 */
import type { TaxonomyFile } from '../taxonomyFile';
import type { Fix, Range, TextEdit } from '../types';
import { addListItemEdit, addMapEntryEdit, type EntryValue } from './collections';
import type { OffsetEdit } from './document';
import { replaceInScalarEdit, setScalarEdit } from './scalars';
import { isPlainSafe } from './scalar';

export type { EntryValue } from './collections';

function toTextEdit(file: TaxonomyFile, e: OffsetEdit | undefined): TextEdit | undefined {
  return e && { uri: file.uri, range: file.lines.range(e.start, e.end), newText: e.newText };
}

/**
 * Makes the scalar written at `range` read as exactly `value` (see `setScalarEdit`). A range
 * that is empty, or that is not exactly one scalar's source, is a value without a place of its
 * own (reached through an alias): refused.
 */
export function setScalar(file: TaxonomyFile, range: Range, value: string, old?: string): TextEdit | undefined {
  const start = file.lines.offsetAt(range.start);
  const end = file.lines.offsetAt(range.end);
  if (end <= start) return undefined;
  const quick = old === undefined ? undefined : swapSimpleScalar(file.text, start, end, old, value);
  if (quick) return toTextEdit(file, quick);
  const e = setScalarEdit(file.text, start, value);
  return e && e.start >= start && e.end <= end ? toTextEdit(file, e) : undefined;
}

/**
 * The edit for the common case without parsing: a scalar written as exactly `old`, `"old"` or
 * `'old'`, right after an indicator (`key: `, `- `, `[`, `,`), swapped for `value`, where both
 * are simple words that read as the same strings plain, quoted, in block or flow context. A tag
 * or an anchor before the scalar, or anything else, takes the parsed path.
 */
function swapSimpleScalar(
  text: string,
  start: number,
  end: number,
  old: string,
  value: string,
): OffsetEdit | undefined {
  const simple = (s: string) => /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(s) && isPlainSafe(s, 'flow');
  if (!simple(old) || !simple(value)) return undefined;
  const source = text.slice(start, end);
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i < 0 || !':-[,{'.includes(text[i])) return undefined;
  if (source === old) return { start, end, newText: value };
  if (source === `"${old}"` || source === `'${old}'`) return { start: start + 1, end: end - 1, newText: value };
  return undefined;
}

/** Replaces the words at `from`..`to` inside the scalar whose source starts at `scalarStart` (see `replaceInScalarEdit`). */
function replaceInScalar(
  file: TaxonomyFile,
  scalarStart: number,
  from: number,
  to: number,
  replacement: string,
): TextEdit | undefined {
  return toTextEdit(file, replaceInScalarEdit(file.text, scalarStart, from, to, replacement));
}

/** Adds `key: value` to a mapping of a document of the file (see `addMapEntryEdit`). */
export function addMapEntry(
  file: TaxonomyFile,
  docIndex: number,
  mapPointer: string,
  key: string,
  value: EntryValue,
  after?: string,
): TextEdit | undefined {
  return toTextEdit(file, addMapEntryEdit(file.text, docIndex, mapPointer, key, value, after));
}

/** Adds an item to a list of a document of the file (see `addListItemEdit`). */
export function addListItem(
  file: TaxonomyFile,
  docIndex: number,
  pointer: string,
  value: string,
  afterWhenMissing?: string,
): TextEdit | undefined {
  return toTextEdit(file, addListItemEdit(file.text, docIndex, pointer, value, afterWhenMissing));
}

/**
 * The fix replacing the words `from`..`to` of a file by `words`: inside the YAML scalar
 * `site` starts (see `replaceInScalarEdit`), or as they are in a Markdown doc's prose.
 */
export function replacementFix(
  file: TaxonomyFile,
  match: { start: number; end: number; site?: { start: number } },
  words: string,
  title: string,
  isPreferred: boolean,
): Fix {
  const { start, end, site } = match;
  if (!site)
    return { title, isPreferred, edits: [{ uri: file.uri, range: file.lines.range(start, end), newText: words }] };
  const siteStart = site.start;
  return lazyFix(title, isPreferred, () => [replaceInScalar(file, siteStart, start, end, words)]);
}

/*
 * The fixes below are made here, not in the rules, so that what their edits are built from is
 * only what they are given: a closure written inside a rule keeps every variable of the rule's
 * scopes that any closure there uses, the file's model among them, and a diagnostic kept with its
 * fix then kept a model the file had let go (`releaseModels`).
 */

/** The fix setting the scalar at `range` to `value` (`setScalar`), built when read. */
export function setScalarFix(
  title: string,
  isPreferred: boolean | undefined,
  file: TaxonomyFile,
  range: Range,
  value: string,
  old?: string,
): Fix {
  return lazyFix(title, isPreferred, () => [setScalar(file, range, value, old)]);
}

/** The fix adding `key: value` to the mapping at `mapPointer` (`addMapEntry`), built when read. */
export function addMapEntryFix(
  title: string,
  isPreferred: boolean | undefined,
  file: TaxonomyFile,
  at: { docIndex: number; pointer: string },
  key: string,
  value: string,
  after?: string,
): Fix {
  const { docIndex, pointer } = at;
  return lazyFix(title, isPreferred, () => [addMapEntry(file, docIndex, pointer, key, value, after)]);
}

/**
 * A fix whose edits are built when first read, not when the rule checks the file: building an
 * edit parses the file again with the `yaml` package and proves the edit, which is too slow to
 * do for every problem on every check. `build` returns the edits, or undefined (or an undefined
 * edit) to refuse; a refused fix reads as having no edits, and quick fixes leave it out.
 * `key` names what the edits depend on (the other file, for a fix that edits one): when it
 * changes, they are built again. A serialised fix keeps its title only.
 */
export function lazyFix(
  title: string,
  isPreferred: boolean | undefined,
  build: () => readonly (TextEdit | undefined)[] | undefined,
  key?: () => unknown,
): Fix {
  let built: TextEdit[] | undefined;
  let builtFor: unknown;
  const fix = { title, isPreferred } as Fix;
  Object.defineProperty(fix, 'edits', {
    enumerable: true,
    get(): TextEdit[] {
      const k = key?.();
      if (built === undefined || k !== builtFor) {
        const edits = build();
        built = edits && edits.length > 0 && edits.every((e) => e !== undefined) ? (edits as TextEdit[]) : [];
        builtFor = k;
      }
      return built;
    },
  });
  Object.defineProperty(fix, 'toJSON', { enumerable: false, value: () => ({ title, isPreferred }) });
  return fix;
}

/**
 * Completion of glossary terms in free text and Markdown docs: the labels and aliases that
 * continue the words before the cursor.
 */
import { vocabularyName } from '../domain';
import type { TaxonomyFile } from '../taxonomyFile';
import type { TaxonomyWorkspace } from '../workspace';
import { glossaryCard } from './cards';
import { retiredNote } from './cardLifecycle';
import { isRetired } from '../lifecycle';
import type { CompletionEntry } from './completionEntry';
import { termLabels } from './terms-lookup';

/**
 * Glossary terms and aliases that continue the words before the cursor ("customer jou" ->
 * "Customer journey"). `prose` is the text read for the words (the file's, or a same-length copy
 * with what is not prose blanked, for Markdown). Labels to avoid are never offered. A label written in sentence case is
 * inserted in lower case when the user started the word in lower case.
 */
export function termCompletions(
  workspace: TaxonomyWorkspace,
  file: TaxonomyFile,
  lineStart: number,
  offset: number,
  prose = file.text,
): CompletionEntry[] {
  const before = prose.slice(lineStart, offset);
  if (!/[\p{L}\p{N}]$/u.test(before)) return [];
  const wordStarts: number[] = [];
  // Emphasis marks (`**`, `_`, `~~`) start a word as a space does, in Markdown and in free text alike.
  const re = /[^\s"'([{*_~]+/g;
  for (let m = re.exec(before); m; m = re.exec(before)) wordStarts.push(m.index);
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  const today = workspace.currentConfig.today;
  for (const label of termLabels(workspace)) {
    if (label.via === 'avoid') continue;
    const words = label.lower.split(' ').length;
    let start: number | undefined;
    for (let k = Math.min(words, wordStarts.length); k >= 1; k--) {
      const s = wordStarts[wordStarts.length - k];
      const typed = before.slice(s).toLowerCase().replace(/\s+/g, ' ');
      if (typed !== '' && label.lower.startsWith(typed)) {
        start = s;
        break;
      }
    }
    if (start === undefined) continue;
    const key = `${label.lower}\u0000${label.definition.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const typedFirst = before[start];
    const sentenceCase = /^\p{Lu}\p{Ll}/u.test(label.label);
    const insert =
      sentenceCase && typedFirst === typedFirst.toLowerCase()
        ? label.label[0].toLowerCase() + label.label.slice(1)
        : label.label;
    const term = label.definition.entity;
    const detail =
      label.via === 'term'
        ? `glossary term · ${vocabularyName(term.vocabulary)}`
        : `alias of ${term.label?.value ?? label.definition.id}`;
    // A deprecated term (or one past its sunset) is struck through, listed last, and names its replacement.
    const retired = isRetired(term, today);
    out.push({
      label: label.label,
      kind: 'term',
      detail: retired ? `${detail} · ${retiredNote(workspace, term, 'label')}` : detail,
      documentation: glossaryCard(workspace, label.definition),
      insertText: insert,
      filterText: before.slice(start),
      range: file.lines.range(lineStart + start, offset),
      sortText: `${retired ? '2' : label.via === 'term' ? '0' : '1'}${label.lower}`,
      deprecated: retired || undefined,
    });
  }
  return out;
}

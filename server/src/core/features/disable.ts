/**
 * The editor's "Disable `<rule>` for this line / for this file" actions: the suppression comment
 * they write (the text comes from the suppressions module, so it reads back as the directive it
 * means) and where. Each comment carries a reason placeholder for the person to type over.
 */
import {
  DIRECTIVE_RULE_IDS,
  directiveLineFor,
  directivesOf,
  formatDirective,
  type DirectiveScope,
  type DirectiveSyntax,
  type DisableDirective,
} from '../suppressions';
import { eolOf } from '../lineIndex';
import type { TaxonomyFile } from '../taxonomyFile';
import type { TextEdit } from '../types';

/** The word written where the reason goes, selected after the edit so typing replaces it. */
const REASON_PLACEHOLDER = 'reason';

/** One suppression comment to write. */
export interface DisableEdit {
  title: string;
  edit: TextEdit;
  /** The reason in `edit.newText` (offsets into it): the placeholder, or a reason already written. */
  reason: { start: number; end: number };
}

/** A comment and where its reason sits in it. */
function comment(
  scope: DirectiveScope,
  syntax: DirectiveSyntax,
  rules: readonly string[],
  reason: string,
): { text: string; reason: { start: number; end: number } } {
  const text = formatDirective({ scope, syntax, rules, reason });
  // No rule id or keyword holds ` -- `: the first one opens the reason.
  const start = text.indexOf(' -- ') + 4;
  const end = syntax === 'markdown' ? text.length - ' -->'.length : text.length;
  return { text, reason: { start, end } };
}

/** Rewrites an existing directive with one more rule, keeping its reason (or adding the placeholder). */
function mergeInto(file: TaxonomyFile, d: DisableDirective, ruleId: string, title: string): DisableEdit {
  const c = comment(d.scope, d.syntax, [...d.rules.map((r) => r.id), ruleId], d.reason || REASON_PLACEHOLDER);
  return { title, edit: { uri: file.uri, range: file.lines.range(d.start, d.end), newText: c.text }, reason: c.reason };
}

/** Inserts a comment as a line of its own before `line`, indented as that line is. */
function insertLine(
  file: TaxonomyFile,
  line: number,
  scope: DirectiveScope,
  syntax: DirectiveSyntax,
  ruleId: string,
  title: string,
): DisableEdit {
  const c = comment(scope, syntax, [ruleId], REASON_PLACEHOLDER);
  const eol = eolOf(file.text);
  if (line >= file.lines.lineCount || file.lines.offsetAt({ line, character: 0 }) >= file.text.length) {
    // Past the last line: appended, on a line of its own.
    const lead = file.text === '' || /[\r\n]$/.test(file.text) ? '' : eol;
    const at = file.lines.positionAt(file.text.length);
    return {
      title,
      edit: { uri: file.uri, range: { start: at, end: at }, newText: lead + c.text + eol },
      reason: { start: lead.length + c.reason.start, end: lead.length + c.reason.end },
    };
  }
  const indent = /^[ \t]*/.exec(file.lines.lineText(line))?.[0] ?? '';
  const at = { line, character: 0 };
  const newText = indent + c.text + eol;
  return {
    title,
    edit: { uri: file.uri, range: { start: at, end: at }, newText },
    reason: { start: indent.length + c.reason.start, end: indent.length + c.reason.end },
  };
}

/**
 * The line a file-level directive is inserted before: past a Markdown file's front matter, and
 * past the comment lines a file starts with (a header, a `yaml-language-server` modeline), so
 * those stay first and the directive still comes before any content, where it counts.
 */
function fileDirectiveLine(file: TaxonomyFile): number {
  let line = 0;
  if (file.kind === 'markdown') {
    const text = file.lines.lineText(0).replace(/^\ufeff/, '');
    if (/^---[ \t]*$/.test(text)) {
      for (let l = 1; l < file.lines.lineCount; l++) {
        if (/^(?:---|\.\.\.)[ \t]*$/.test(file.lines.lineText(l))) {
          line = l + 1;
          break;
        }
      }
    }
  }
  const isComment =
    file.kind === 'markdown' ? (s: string) => /^\s*<!--.*-->\s*$/.test(s) : (s: string) => /^\s*#/.test(s);
  let after = line;
  for (let l = line; l < file.lines.lineCount; l++) {
    const text = file.lines.lineText(l).replace(/^\ufeff/, '');
    if (isComment(text)) after = l + 1;
    else if (text.trim() !== '') break;
  }
  return after;
}

/**
 * The comments that silence the finding of `ruleId` on `line`: above that line (or above the
 * line a multi-line value starts on, since a comment cannot sit inside one), merged into a
 * `disable-next-line` comment already there; and at the top of the file, merged into a file-level
 * comment already there. None for the directive rules, which no comment silences.
 */
export function disableEdits(file: TaxonomyFile, ruleId: string, line: number): DisableEdit[] {
  if (file.unreadable || DIRECTIVE_RULE_IDS.has(ruleId)) return [];
  const syntax: DirectiveSyntax = file.kind === 'markdown' ? 'markdown' : 'yaml';
  const directives = directivesOf(file).filter((d) => !d.misplaced && d.syntax === syntax && d.rules.length > 0);
  const target = directiveLineFor(file, line);
  const lineTitle = `Disable \`${ruleId}\` for this line`;
  const fileTitle = `Disable \`${ruleId}\` for this file`;
  const above = directives.find((d) => d.scope === 'next-line' && d.firstLine === target);
  const onLine = above
    ? mergeInto(file, above, ruleId, lineTitle)
    : insertLine(file, target, 'next-line', syntax, ruleId, lineTitle);
  const top = directives.find((d) => d.scope === 'file');
  const onFile = top
    ? mergeInto(file, top, ruleId, fileTitle)
    : insertLine(file, fileDirectiveLine(file), 'file', syntax, ruleId, fileTitle);
  return [onLine, onFile];
}

/**
 * The text of suppression comments: what a directive reads as when written (for the editor's
 * "disable for this line / file" actions) and the edits that take one out again (the fix of an
 * unused directive). These edit comments only, never a value, so they need none of the edit
 * layer's parse-and-prove machinery.
 */
import type { TaxonomyFile } from '../taxonomyFile';
import type { TextEdit } from '../types';
import {
  DIRECTIVE_MARKER,
  type DirectiveRule,
  type DirectiveScope,
  type DirectiveSyntax,
  type DisableDirective,
} from './directives';
import { lineStartAt } from '../lineIndex';

/** Everything a suppression comment says. */
export interface DirectiveSpec {
  scope: DirectiveScope;
  syntax: DirectiveSyntax;
  /** Rule ids; empty for every rule. */
  rules: readonly string[];
  /** Written after ` -- ` when not empty. */
  reason?: string;
}

/** The keyword of a scope (`cx-taxonomy-disable-next-line`). */
function directiveKeyword(scope: DirectiveScope): string {
  return scope === 'file' ? DIRECTIVE_MARKER : `${DIRECTIVE_MARKER}-${scope}`;
}

/**
 * A whole comment that reads back as the directive (`# cx-taxonomy-disable-line a, b -- why` or
 * `<!-- cx-taxonomy-disable-next-line a -- why -->`). A reason in Markdown cannot hold `-->`,
 * which would end the comment early, so that is written `- ->`.
 */
export function formatDirective(spec: DirectiveSpec): string {
  let body = directiveKeyword(spec.scope);
  if (spec.rules.length) body += ` ${spec.rules.join(', ')}`;
  const reason = spec.reason?.replace(/[\r\n]+/g, ' ').trim();
  if (reason) body += ` -- ${spec.syntax === 'markdown' ? reason.replace(/-->/g, '- ->') : reason}`;
  return spec.syntax === 'markdown' ? `<!-- ${body} -->` : `# ${body}`;
}

/** The offset just past the line break of the line holding `offset` (or the text's end). */
function nextLineStart(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return i < text.length ? i + 1 : i;
}

/**
 * The edit that removes a directive: its whole lines when nothing else is written on them, else
 * the comment and the spaces before it.
 */
export function removeDirectiveEdit(file: TaxonomyFile, d: DisableDirective): TextEdit {
  const text = file.text;
  const from = lineStartAt(text, d.start);
  const to = nextLineStart(text, d.end);
  const alone = /^[ \t]*$/.test(text.slice(from, d.start)) && /^[ \t]*(?:\r\n|\r|\n)?$/.test(text.slice(d.end, to));
  let start = d.start;
  let end = d.end;
  if (alone) {
    start = from;
    end = to;
  } else {
    while (start > from && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  }
  return { uri: file.uri, range: file.lines.range(start, end), newText: '' };
}

/** The edit that takes some rules out of a directive's list and keeps the others. */
export function removeRulesEdit(file: TaxonomyFile, d: DisableDirective, remove: readonly DirectiveRule[]): TextEdit {
  const keep = d.rules.filter((r) => !remove.includes(r)).map((r) => r.id);
  const first = d.rules[0];
  const last = d.rules[d.rules.length - 1];
  return { uri: file.uri, range: file.lines.range(first.start, last.end), newText: keep.join(', ') };
}

/**
 * Conversion between the core's plain results and LSP types. Positions need no conversion: the
 * core already speaks zero-based lines and UTF-16 characters. What changes is vocabulary
 * (severities, kinds) and shape (workspace edits, markup). Positions coming from the client are
 * clamped to their line here (`offsetOf`, `clampRange`), the one place they enter the core.
 */
import {
  CompletionItemKind,
  DiagnosticSeverity,
  DiagnosticTag,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  SymbolKind,
  SymbolTag,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type SnippetTextEdit,
  type TextDocumentEdit,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver';
import type { LineIndex } from '../core/lineIndex';
import type { Position, Range, TaxonomyDiagnostic, TextEdit } from '../core/types';
import { ruleDocsHref } from './ruleDocs';
import type {
  CompletionEntry,
  DocumentSymbolNode,
  HoverResult,
  SymbolNodeKind,
  WorkspaceSymbolEntry,
} from '../core/features';

/** Every diagnostic says where it comes from, so users can filter the Problems view. */
export const DIAGNOSTIC_SOURCE = 'cx-taxonomy';

const SEVERITY: Record<TaxonomyDiagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What the server keeps in a diagnostic's `data`. */
interface DiagnosticData {
  ruleId: string;
}

/**
 * A client position on its line. LSP says a character past the end of a line means the line's
 * end; the core's line index would carry it into the next line (a completion there edited the
 * next line's key). The end is before the line break, `\r\n` and `\r` included.
 */
function clampPosition(lines: LineIndex, p: Position): Position {
  const line = Math.max(0, Math.min(p.line, lines.lineCount - 1));
  const length = lines.lineText(line).length;
  if (line !== p.line) return p.line < 0 ? { line: 0, character: 0 } : { line, character: length };
  return { line, character: Math.max(0, Math.min(p.character, length)) };
}

/** The offset in the text of a client position, clamped to its line. */
export function offsetOf(lines: LineIndex, p: Position): number {
  return lines.offsetAt(clampPosition(lines, p));
}

/** A client range with both ends clamped to their lines. */
export function clampRange(lines: LineIndex, r: Range): Range {
  return { start: clampPosition(lines, r.start), end: clampPosition(lines, r.end) };
}

/**
 * A core diagnostic as LSP: code = rule id, with a link to the rule's page (`codeDescription`),
 * related places, tags for unused and deprecated things.
 */
export function toLspDiagnostic(d: TaxonomyDiagnostic): Diagnostic {
  const tags: DiagnosticTag[] = [];
  if (d.unnecessary) tags.push(DiagnosticTag.Unnecessary);
  if (d.deprecated) tags.push(DiagnosticTag.Deprecated);
  const data: DiagnosticData = { ruleId: d.ruleId };
  const href = ruleDocsHref(d.ruleId);
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.ruleId,
    codeDescription: href ? { href } : undefined,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
    tags: tags.length ? tags : undefined,
    relatedInformation: d.related?.map((r) => ({ location: r.location, message: r.message })),
    data,
  };
}

const COMPLETION_KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  reference: CompletionItemKind.Reference,
  value: CompletionItemKind.EnumMember,
  property: CompletionItemKind.Property,
  skeleton: CompletionItemKind.Snippet,
  term: CompletionItemKind.Text,
};

const ENTITY_COMPLETION_KIND: Record<string, CompletionItemKind> = {
  team: CompletionItemKind.Module,
  term: CompletionItemKind.Text,
  persona: CompletionItemKind.Class,
  segment: CompletionItemKind.Interface,
  journey: CompletionItemKind.Event,
  stage: CompletionItemKind.Struct,
  touchpoint: CompletionItemKind.Field,
  kpi: CompletionItemKind.Unit,
};

/** What the client can do with completion items, from its capabilities. */
export interface CompletionSupport {
  snippets: boolean;
  markdown: boolean;
  insertTextModeAsIs: boolean;
  /**
   * The client runs VS Code's `editor.action.triggerSuggest` itself, so an inserted key can open
   * the list of its values right away. Other clients would send the unknown command back.
   */
  triggerSuggestCommand: boolean;
}

/** A completion item. Insert texts carry absolute indentation, so they are inserted as they are. */
export function toLspCompletion(e: CompletionEntry, support: CompletionSupport): CompletionItem {
  const text = e.snippet && !support.snippets ? snippetToPlain(e.insertText) : e.insertText;
  return {
    label: e.label,
    kind: e.entityKind ? ENTITY_COMPLETION_KIND[e.entityKind] : COMPLETION_KIND[e.kind],
    detail: e.detail,
    documentation: e.documentation
      ? support.markdown
        ? { kind: MarkupKind.Markdown, value: e.documentation }
        : e.documentation
      : undefined,
    textEdit: { range: e.range, newText: text },
    insertTextFormat: e.snippet && support.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    insertTextMode: text.includes('\n') && support.insertTextModeAsIs ? InsertTextMode.asIs : undefined,
    filterText: e.filterText,
    sortText: e.sortText,
    preselect: e.preselect,
    tags: e.deprecated ? [1] : undefined,
    command:
      e.retrigger && support.triggerSuggestCommand
        ? { title: 'Suggest values', command: 'editor.action.triggerSuggest' }
        : undefined,
  };
}

/** A snippet with its tab stops replaced by their placeholders, for clients without snippets. */
function snippetToPlain(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

/** A hover: Markdown whose user text the core escaped. It is never marked trusted. */
export function toLspHover(h: HoverResult, markdown: boolean): Hover {
  return {
    contents: markdown
      ? { kind: MarkupKind.Markdown, value: h.markdown }
      : { kind: MarkupKind.PlainText, value: h.markdown },
    range: h.range,
  };
}

const SYMBOL_KIND: Record<SymbolNodeKind, SymbolKind> = {
  teams: SymbolKind.Namespace,
  glossary: SymbolKind.Namespace,
  team: SymbolKind.Module,
  term: SymbolKind.String,
  persona: SymbolKind.Class,
  segment: SymbolKind.Interface,
  journey: SymbolKind.Event,
  stage: SymbolKind.Struct,
  touchpoint: SymbolKind.Field,
  kpi: SymbolKind.Number,
  heading: SymbolKind.String,
};

export function toLspDocumentSymbol(n: DocumentSymbolNode): DocumentSymbol {
  return {
    name: n.name,
    detail: n.detail,
    kind: SYMBOL_KIND[n.kind],
    range: n.range,
    selectionRange: n.selectionRange,
    tags: n.deprecated ? [SymbolTag.Deprecated] : undefined,
    children: n.children.map(toLspDocumentSymbol),
  };
}

export function toLspWorkspaceSymbol(s: WorkspaceSymbolEntry): WorkspaceSymbol {
  return {
    name: s.name,
    kind: SYMBOL_KIND[s.kind],
    containerName: s.containerName,
    location: s.location,
    tags: s.deprecated ? [SymbolTag.Deprecated] : undefined,
  };
}

/**
 * Core edits as a workspace edit. With `documentChanges`, each file's edits carry the version of
 * the open document they were computed for (`null` for files not open), so the editor refuses to
 * apply them to a text that has changed since.
 */
export function toWorkspaceEdit(
  edits: readonly TextEdit[],
  versionOf: (uri: string) => number | null,
  documentChanges: boolean,
): WorkspaceEdit {
  const byUri = new Map<string, LspTextEdit[]>();
  for (const e of edits) {
    const list = byUri.get(e.uri) ?? [];
    list.push({ range: e.range, newText: e.newText });
    byUri.set(e.uri, list);
  }
  if (!documentChanges) return { changes: Object.fromEntries(byUri) };
  const changes: TextDocumentEdit[] = [...byUri].map(([uri, list]) => ({
    textDocument: { uri, version: versionOf(uri) },
    edits: list,
  }));
  return { documentChanges: changes };
}

/** Escapes text for a snippet: `$`, `}` and `\\` would otherwise be read as snippet syntax. */
function snippetEscape(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/**
 * One edit as a workspace edit whose `selected` part (offsets into its new text) is a snippet
 * placeholder, so the editor selects it once applied and typing replaces it (LSP 3.18
 * `SnippetTextEdit`, for clients that announce `workspace.workspaceEdit.snippetEditSupport`).
 */
export function toSnippetWorkspaceEdit(
  edit: TextEdit,
  selected: { start: number; end: number },
  version: number | null,
): WorkspaceEdit {
  const t = edit.newText;
  const value =
    snippetEscape(t.slice(0, selected.start)) +
    '${1:' +
    snippetEscape(t.slice(selected.start, selected.end)) +
    '}' +
    snippetEscape(t.slice(selected.end));
  const snippetEdit: SnippetTextEdit = { range: edit.range, snippet: { kind: 'snippet', value } };
  return { documentChanges: [{ textDocument: { uri: edit.uri, version }, edits: [snippetEdit] }] };
}

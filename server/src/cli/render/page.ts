/**
 * The documents the CLI publishes (`export glossary`, `report ownership`): their title, what they
 * are made with, and the self-contained HTML page that wraps their HTML format.
 */
import * as path from 'node:path';
import { html } from '../../core/text/escape';
import { TOOL_NAME } from '../product';

/** What a document is made with beyond its taxonomy. */
export interface ExportContext {
  cwd: string;
  version: string;
}

/** The title of a taxonomy's documents: its folder's name. */
export function taxonomyTitle(t: { root: string }): string {
  return path.basename(t.root) || 'taxonomy';
}

/**
 * The one stylesheet of the HTML exports, inlined in each page so the page needs nothing else:
 * readable type, light and dark schemes, tables that scroll on a phone, and print rules.
 */
const PAGE_CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --card: #f6f8fa; --line: #d1d9e0; --accent: #0969da; --bad: #cf222e; --warn: #9a6700; --ok: #1a7f37; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --card: #151b23; --line: #3d444d; --accent: #4493f8; --bad: #f85149; --warn: #d29922; --ok: #3fb950; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 2rem 1.25rem 4rem; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.9rem; margin: 0 0 .5rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .8rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 0 0 .2rem; }
a { color: var(--accent); }
code { font: .88em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--card); padding: .1em .35em; border-radius: 4px; }
.lede, .meta, footer, .muted { color: var(--muted); }
.meta { margin: 0 0 .6rem; font-size: .9rem; }
nav ul { columns: 2 22rem; padding-left: 1.2rem; }
.group.linked { border-left: 4px solid var(--accent); padding-left: 1rem; margin: 1.5rem 0; }
.group-title { border: 0; margin-top: 0; font-size: 1rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.term { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.2rem; margin: 0 0 1rem; }
.term p { margin: .4rem 0; }
.vocab { display: inline-block; font-size: .78rem; padding: 0 .5em; border: 1px solid var(--line); border-radius: 999px; }
.status { font-size: .78rem; font-weight: 600; }
.status-approved { color: var(--ok); } .status-draft { color: var(--warn); } .status-deprecated { color: var(--bad); }
.eq { color: var(--muted); padding: 0 .25em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .6rem 0 0; }
dt { color: var(--muted); } dd { margin: 0; }
del { color: var(--bad); } .say, .missing { color: var(--muted); font-style: italic; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .93rem; }
th, td { border: 1px solid var(--line); padding: .4rem .6rem; text-align: left; vertical-align: top; }
th { background: var(--card); }
td ul { margin: 0; padding-left: 1.1rem; }
.bad { color: var(--bad); font-weight: 600; } .warn { color: var(--warn); font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.summary { display: flex; flex-wrap: wrap; gap: .8rem; margin: 1rem 0; padding: 0; list-style: none; }
.summary li { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .5rem .9rem; }
.summary strong { font-size: 1.3rem; display: block; }
footer { margin-top: 3rem; font-size: .85rem; border-top: 1px solid var(--line); padding-top: 1rem; }
@media print { body { max-width: none; padding: 0; } .term, .group.linked { break-inside: avoid; } a { color: inherit; text-decoration: none; } }
`.trim();

/**
 * A self-contained page: inline CSS only, and a Content-Security-Policy that forbids scripts and
 * every remote resource, so the file can be attached, mailed or published as it is.
 */
export function htmlPage(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${TOOL_NAME}">`,
    `<title>${html(title)}</title>`,
    `<style>${PAGE_CSS}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

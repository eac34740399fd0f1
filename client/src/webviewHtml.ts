/**
 * The HTML shell of every cx-taxonomy webview: a strict Content-Security-Policy with a fresh
 * nonce, one stylesheet and one script from the extension's media folder, and nothing else.
 * The page starts empty; the script builds the DOM from data with `textContent`, so no user text
 * ever passes through HTML parsing.
 */
import { randomBytes } from 'node:crypto';

/** A nonce for one page load: 128 random bits, base64. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/** What a page needs: the webview's CSP source and the URIs of its assets. */
export interface ShellOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `webview.asWebviewUri(...)` of the stylesheet and the script, as strings. */
  styleUri: string;
  scriptUri: string;
  title: string;
  nonce?: string;
}

/** The Content-Security-Policy of a page: no default source, styles and scripts by nonce. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The page. Only extension-controlled strings go in, and each is attribute-escaped anyway. */
export function webviewShell(o: ShellOptions): string {
  const nonce = o.nonce ?? makeNonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(o.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${attr(nonce)}" href="${attr(o.styleUri)}">
<title>${attr(o.title)}</title>
</head>
<body>
<main id="root" aria-live="polite"></main>
<script nonce="${attr(nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>`;
}

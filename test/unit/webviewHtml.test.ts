import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, makeNonce, webviewShell } from '../../client/src/webviewHtml';

describe('webview shell', () => {
  const html = webviewShell({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    styleUri: 'https://x/a.css',
    scriptUri: 'https://x/a.js',
    title: 'T',
    nonce: 'abc123',
  });

  it('has a strict CSP with a nonce and no default sources', () => {
    const csp = contentSecurityPolicy('vscode-webview://x', 'n0nce');
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'nonce-n0nce'(;|$)/);
    assert.match(csp, /style-src vscode-webview:\/\/x 'nonce-n0nce'/);
    assert.ok(!/unsafe-(inline|eval)/.test(csp));
  });

  it('loads one script and one stylesheet, both with the nonce, and no inline code', () => {
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.ok(html.includes('<script nonce="abc123" src="https://x/a.js"></script>'));
    assert.ok(html.includes('<link rel="stylesheet" nonce="abc123" href="https://x/a.css">'));
    assert.ok(!/\son\w+=/.test(html), 'no inline event handlers');
  });

  it('makes a different nonce each time', () => {
    assert.notEqual(makeNonce(), makeNonce());
    assert.ok(makeNonce().length >= 22);
  });
});

/**
 * What every cx-taxonomy webview panel sets up the same way: scripts on, command links off, only
 * the bundled media folder readable, and a page from `webviewShell` with its own stylesheet and
 * script (`<name>.css`, `<name>.js`).
 */
import * as vscode from 'vscode';
import { MEDIA_FOLDER } from './host';
import { webviewShell } from './webviewHtml';

export function webviewPanelOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, ...MEDIA_FOLDER)],
  };
}

/** Loads the page of the view called `name` (its assets `name.css`, `name.js`) into a webview. */
export function loadWebviewPage(webview: vscode.Webview, extensionUri: vscode.Uri, name: string, title: string): void {
  const media = (file: string) =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...MEDIA_FOLDER, file)).toString();
  webview.html = webviewShell({
    cspSource: webview.cspSource,
    styleUri: media(`${name}.css`),
    scriptUri: media(`${name}.js`),
    title,
  });
}

/**
 * What the panels and commands need from the extension context, as a narrow interface so they
 * do not depend on how the context is built.
 */
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export interface ExtensionHost {
  readonly extensionUri: vscode.Uri;
  /** The client when it is running; undefined while starting, restarting or stopped. */
  readonly runningClient: LanguageClient | undefined;
  /** Fires when the server starts, stops or finishes indexing. */
  readonly onDidChangeServer: vscode.Event<void>;
  readonly log: vscode.LogOutputChannel;
}

/** The folder every webview may load from: the bundled media, nothing else. */
export const MEDIA_FOLDER = ['dist', 'media'] as const;

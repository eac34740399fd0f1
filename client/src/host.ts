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

/**
 * What the command table needs besides the host: the panels it opens and a restart. An interface
 * here rather than the context's class, so commands.ts and ctx.ts do not import each other.
 */
export interface CommandHost extends ExtensionHost {
  readonly journeyMap: { show(uri?: vscode.Uri): void };
  readonly ownershipReport: { show(): Promise<void> };
  restart(): Promise<void>;
}

/** The folder every webview may load from: the bundled media, nothing else. */
export const MEDIA_FOLDER = ['dist', 'media'] as const;

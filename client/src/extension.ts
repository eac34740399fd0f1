/**
 * The extension's entry point: create the context (which owns everything) and start the server.
 */
import type * as vscode from 'vscode';
import type { CxTaxonomyApi } from './api';
import { Ctx } from './ctx';

export function activate(context: vscode.ExtensionContext): CxTaxonomyApi {
  const ctx = new Ctx(context);
  context.subscriptions.push(ctx);
  // A server that fails to start is reported by the context; activation itself still succeeds
  // so the commands (Restart, Show Output) stay available.
  ctx.start().catch(() => undefined);
  return ctx.api();
}

export function deactivate(): void {
  // The context is in context.subscriptions: VS Code disposes it, which stops the server.
}

/**
 * The one way a handler reaches its document: look it up (with its pending edit parsed), answer
 * `fallback` when the server does not serve it or could not read it, and turn a failure into a
 * log line and `fallback`, so one bad file never costs the client an error. A `ResponseError`
 * (a refusal meant for the user, such as "still indexing") goes through.
 */
import { ResponseError, type Connection } from 'vscode-languageserver';
import type { TaxonomyFile, TaxonomyWorkspace } from '../core';
import type { Session } from './session/session';

/** Runs a feature on a served file. */
export type WithFile = <T>(
  uri: string,
  name: string,
  fallback: T,
  run: (ws: TaxonomyWorkspace, file: TaxonomyFile) => T,
) => T;

/**
 * `readsOtherFiles`: the answer depends on other files too (references, rename, lenses), so every
 * pending edit is parsed first; otherwise only this file's.
 */
export function createWithFile(connection: Connection, session: Session, readsOtherFiles: boolean): WithFile {
  return (uri, name, fallback, run) => {
    try {
      if (readsOtherFiles) session.syncAll();
      const found = session.fileFor(uri);
      if (!found || found.file.unreadable) return fallback;
      return run(found.ws, found.file);
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      connection.console.error(
        `${name} failed on ${uri}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      return fallback;
    }
  };
}

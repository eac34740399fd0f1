/** What `activate` returns: a small API for the test suites (no `vscode` import, so tests can use the type alone). */
export interface CxTaxonomyApi {
  /** Resolves once the server is running (and rejects if it cannot start). */
  ready(): Promise<void>;
  /** The process id of the running server, for the crash-recovery test. */
  serverPid(): number | undefined;
  /** The file the journey map shows, if it is open. */
  journeyMapUri(): string | undefined;
}

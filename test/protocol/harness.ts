/**
 * A small typed LSP client for protocol tests: it starts the bundled server (`node
 * dist/server.js --stdio`) on a temporary copy of a fixture folder, speaks LSP to it, keeps what
 * the server publishes, and waits for conditions by polling with a timeout (never a fixed sleep).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  readFileSync,
  realpathSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';
import type {
  ClientCapabilities,
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  InitializeResult,
  Location,
  Position,
  PrepareRenameResult,
  Range,
  TextEdit,
  WorkspaceEdit,
  WorkspaceSymbol,
} from 'vscode-languageserver-protocol';

export const REPO = path.join(__dirname, '../..');
export const SERVER = process.env.CX_TAXONOMY_SERVER ?? path.join(REPO, 'dist/server.js');

/** The newest modification time of the files a bundle is built from. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestSource(p) : st.mtimeMs);
  }
  return newest;
}

let built = false;

/**
 * Builds dist/server.js when it is missing or older than the sources, so `npx mocha` alone tests
 * the current code. `npm test` has built it already and this does nothing.
 */
export function ensureServerBuilt(): void {
  if (built || process.env.CX_TAXONOMY_SERVER) return;
  const stale =
    !existsSync(SERVER) ||
    statSync(SERVER).mtimeMs <
      Math.max(newestSource(path.join(REPO, 'server/src')), newestSource(path.join(REPO, 'schemas')));
  if (stale) {
    const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`Building the server failed:\n${r.stderr}${r.stdout}`);
  }
  built = true;
}

export interface StartOptions {
  /** A folder (relative to the repository) copied into a temporary workspace. */
  fixture?: string;
  /** Files written into the workspace (after the fixture is copied), by relative path; bytes as they are. */
  files?: Record<string, string | Uint8Array>;
  /** The `cxTaxonomy` settings section the client answers with. */
  settings?: Record<string, unknown>;
  /** Client capabilities merged over a VS Code-like default. */
  capabilities?: ClientCapabilities;
  /** Workspace folders (relative to the temporary root); the root itself when absent; none when empty (an editor started on a file). */
  folders?: string[];
  /** The client name sent in `initialize` (the server adapts a few details to VS Code). */
  clientName?: string;
  /** The client process id sent in `initialize` (the server exits when it dies); this process by default. */
  processId?: number | null;
  /** Environment variables set for the server process, over this process's own (`CX_TAXONOMY_TODAY`). */
  env?: Record<string, string>;
  /** A command the server's node is started through, with its arguments (`faketime <time>`). */
  launcher?: string[];
}

/** A progress notification as the server sent it. */
export interface ProgressEvent {
  kind: 'begin' | 'report' | 'end';
  title?: string;
  message?: string;
  percentage?: number;
}

/** Replaces `{{name}}`-free text; fixtures may hold a `$$` cursor marker, removed by `openWithCursor`. */
export const CURSOR = '$$';

export class LspTestClient {
  readonly published = new Map<string, { version?: number; diagnostics: Diagnostic[] }>();
  /** Every publishDiagnostics notification, in order (uri only). */
  readonly publishLog: string[] = [];
  /** Every publishDiagnostics notification, in order, with its diagnostics (readiness tests). */
  readonly publishHistory: { uri: string; diagnostics: Diagnostic[] }[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly logs: string[] = [];
  readonly statuses: { state: string; done?: number; total?: number }[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  settings: Record<string, unknown>;
  /** What the server answered to `initialize` (its capabilities). */
  initializeResult?: InitializeResult;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private stderr = '';

  private constructor(
    readonly root: string,
    private readonly proc: ChildProcess,
    readonly connection: MessageConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  /** Starts the server on a fresh temporary workspace and completes the initialize handshake. */
  static async start(opts: StartOptions = {}): Promise<LspTestClient> {
    ensureServerBuilt();
    const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'cx-lsp-')));
    if (opts.fixture) cpSync(path.join(REPO, opts.fixture), root, { recursive: true });
    for (const [rel, text] of Object.entries(opts.files ?? {})) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
    // CX_TAXONOMY_SERVER_NODE_ARGS passes flags to the server's node (`--cpu-prof`, `--inspect`).
    const nodeArgs = (process.env.CX_TAXONOMY_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const [command, ...args] = [...(opts.launcher ?? []), process.execPath, ...nodeArgs, SERVER, '--stdio'];
    const proc = spawn(command, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: opts.env ? { ...process.env, ...opts.env } : process.env,
    });
    const connection = createMessageConnection(
      new StreamMessageReader(proc.stdout!),
      new StreamMessageWriter(proc.stdin!),
    );
    const client = new LspTestClient(root, proc, connection, opts.settings ?? {});
    proc.stderr!.on('data', (d: Buffer) => (client.stderr += d.toString()));
    client.listen();
    connection.listen();
    const folders = (opts.folders ?? ['.']).map((f) => ({
      uri: client.uri(f === '.' ? '' : f).replace(/\/$/, ''),
      name: f,
    }));
    client.initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
      processId: opts.processId === undefined ? process.pid : opts.processId,
      clientInfo: { name: opts.clientName ?? 'cx-taxonomy protocol tests' },
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length ? folders : null,
      capabilities: { ...vscodeLikeCapabilities(), ...(opts.capabilities ?? {}) },
      initializationOptions: { workspaceTrusted: true },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private listen(): void {
    const c = this.connection;
    c.onNotification(
      'textDocument/publishDiagnostics',
      (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
        this.published.set(p.uri, { version: p.version, diagnostics: p.diagnostics });
        this.publishLog.push(p.uri);
        this.publishHistory.push({ uri: p.uri, diagnostics: p.diagnostics });
      },
    );
    c.onNotification('$/progress', (p: { value: ProgressEvent }) => void this.progress.push(p.value));
    c.onNotification('window/logMessage', (p: { message: string }) => void this.logs.push(p.message));
    c.onNotification(
      'cxTaxonomy/status',
      (p: { state: string; done?: number; total?: number }) => void this.statuses.push(p),
    );
    c.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.settings));
    c.onRequest(
      'client/registerCapability',
      (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
        this.registrations.push(...p.registrations);
        return null;
      },
    );
    c.onRequest('window/workDoneProgress/create', () => null);
  }

  /** The `file:` URI of a path relative to the workspace root. */
  uri(rel: string): string {
    return URI.file(path.join(this.root, rel)).toString();
  }

  path(rel: string): string {
    return path.join(this.root, rel);
  }

  /** The text of a file: the open document's, else the disk's. */
  text(rel: string): string {
    return this.texts.get(this.uri(rel)) ?? readFileSync(this.path(rel), 'utf8');
  }

  /** The diagnostics last published for a file. */
  diagnostics(rel: string): Diagnostic[] {
    return this.published.get(this.uri(rel))?.diagnostics ?? [];
  }

  /** Polls until `check` returns a value other than undefined/false, or fails after `timeout` ms. */
  async waitFor<T>(what: string, check: () => T | undefined | false, timeout = 15000): Promise<T> {
    const start = Date.now();
    for (;;) {
      const v = check();
      if (v !== undefined && v !== false) return v;
      if (this.proc.exitCode !== null)
        throw new Error(`The server exited (${this.proc.exitCode}) while waiting for ${what}.\n${this.stderr}`);
      if (Date.now() - start > timeout) throw new Error(`Timed out after ${timeout} ms waiting for ${what}.`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Waits until a file's published diagnostics satisfy a predicate. */
  async waitForDiagnostics(
    rel: string,
    predicate: (ds: Diagnostic[]) => boolean,
    timeout = 15000,
  ): Promise<Diagnostic[]> {
    try {
      return await this.waitFor(
        `diagnostics of ${rel}`,
        () => (predicate(this.diagnostics(rel)) ? this.diagnostics(rel) : undefined),
        timeout,
      );
    } catch (err) {
      throw new Error(
        `${(err as Error).message}\nLast diagnostics of ${rel}: ${JSON.stringify(
          this.diagnostics(rel).map((d) => `${d.range.start.line + 1} ${String(d.code)}: ${d.message}`),
          null,
          1,
        )}`,
        { cause: err },
      );
    }
  }

  /** Waits until the server says indexing and the first check are over. */
  async waitForReady(timeout = 30000): Promise<void> {
    await this.waitFor('the server to finish indexing', () => this.statuses.some((s) => s.state === 'ready'), timeout);
  }

  /** Every rule id shown per `path:line` (1-based), over the whole workspace. */
  problemsByLine(): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const [uri, { diagnostics }] of this.published) {
      const rel = path.relative(this.root, URI.parse(uri).fsPath).split(path.sep).join('/');
      for (const d of diagnostics) {
        const key = `${rel}:${d.range.start.line + 1}`;
        (out.get(key) ?? out.set(key, new Set()).get(key)!).add(String(d.code));
      }
    }
    return out;
  }

  // --- documents -----------------------------------------------------------------------------

  async open(rel: string, text?: string): Promise<void> {
    const uri = this.uri(rel);
    const content = text ?? readFileSync(this.path(rel), 'utf8');
    this.versions.set(uri, 1);
    this.texts.set(uri, content);
    const languageId = rel.endsWith('.md') ? 'markdown' : 'yaml';
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text: content },
    });
  }

  /** Replaces the whole text of an open document. */
  async change(rel: string, text: string): Promise<void> {
    const uri = this.uri(rel);
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  /** Applies a small edit to an open document, as an editor sends keystrokes. */
  async edit(rel: string, range: Range, newText: string): Promise<void> {
    const uri = this.uri(rel);
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, applyEdits(this.text(rel), [{ range, newText }]));
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text: newText }],
    });
  }

  async close(rel: string): Promise<void> {
    const uri = this.uri(rel);
    this.versions.delete(uri);
    this.texts.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  version(rel: string): number | undefined {
    return this.versions.get(this.uri(rel));
  }

  // --- the disk, as a script or git would change it ---------------------------------------------

  async writeFile(rel: string, text: string, notify = true): Promise<void> {
    const existed = existsSync(this.path(rel));
    mkdirSync(path.dirname(this.path(rel)), { recursive: true });
    writeFileSync(this.path(rel), text);
    if (notify)
      await this.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: this.uri(rel), type: existed ? 2 : 1 }],
      });
  }

  async deleteFile(rel: string, notify = true): Promise<void> {
    rmSync(this.path(rel), { recursive: true, force: true });
    if (notify)
      await this.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: this.uri(rel), type: 3 }],
      });
  }

  // --- positions -----------------------------------------------------------------------------

  /** The position of the `occurrence`-th `needle` in a file, moved `delta` characters into it. */
  positionOf(rel: string, needle: string, delta = 0, occurrence = 0): Position {
    const text = this.text(rel);
    let i = -1;
    for (let n = 0; n <= occurrence; n++) {
      i = text.indexOf(needle, i + 1);
      if (i < 0) throw new Error(`"${needle}" (#${occurrence}) is not in ${rel}`);
    }
    return positionAt(text, i + delta);
  }

  // --- requests ------------------------------------------------------------------------------

  hover(rel: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri: this.uri(rel) }, position });
  }

  async completion(rel: string, position: Position): Promise<CompletionItem[]> {
    const r: CompletionList | CompletionItem[] | null = await this.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: this.uri(rel) },
      position,
    });
    return r === null ? [] : Array.isArray(r) ? r : r.items;
  }

  definition(rel: string, position: Position): Promise<Location[] | Location | null> {
    return this.connection.sendRequest('textDocument/definition', { textDocument: { uri: this.uri(rel) }, position });
  }

  references(rel: string, position: Position, includeDeclaration = true): Promise<Location[] | null> {
    return this.connection.sendRequest('textDocument/references', {
      textDocument: { uri: this.uri(rel) },
      position,
      context: { includeDeclaration },
    });
  }

  prepareRename(rel: string, position: Position): Promise<PrepareRenameResult | null> {
    return this.connection.sendRequest('textDocument/prepareRename', {
      textDocument: { uri: this.uri(rel) },
      position,
    });
  }

  rename(rel: string, position: Position, newName: string): Promise<WorkspaceEdit | null> {
    return this.connection.sendRequest('textDocument/rename', {
      textDocument: { uri: this.uri(rel) },
      position,
      newName,
    });
  }

  documentSymbols(rel: string): Promise<DocumentSymbol[] | null> {
    return this.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: this.uri(rel) } });
  }

  workspaceSymbols(query: string): Promise<WorkspaceSymbol[] | null> {
    return this.connection.sendRequest('workspace/symbol', { query });
  }

  codeActions(rel: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[] | null> {
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: this.uri(rel) },
      range,
      context: { diagnostics, triggerKind: 1 },
    });
  }

  /**
   * Applies a workspace edit the way an editor does: to open documents (refusing a stale
   * version) through didChange, and to closed files on disk (with a watcher event).
   */
  async applyEdit(edit: WorkspaceEdit): Promise<void> {
    const byUri: [string, number | null | undefined, TextEdit[]][] = [];
    for (const dc of edit.documentChanges ?? []) {
      if ('textDocument' in dc) byUri.push([dc.textDocument.uri, dc.textDocument.version, dc.edits as TextEdit[]]);
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) byUri.push([uri, undefined, edits]);
    for (const [uri, version, edits] of byUri) {
      const rel = path.relative(this.root, URI.parse(uri).fsPath).split(path.sep).join('/');
      if (this.versions.has(uri)) {
        if (typeof version === 'number' && version !== this.versions.get(uri))
          throw new Error(
            `Refused: the edit is for version ${version} of ${rel}, the document is at ${this.versions.get(uri)}.`,
          );
        await this.change(rel, applyEdits(this.text(rel), edits));
      } else await this.writeFile(rel, applyEdits(readFileSync(this.path(rel), 'utf8'), edits));
    }
  }

  /** Shuts the server down and removes the temporary workspace. */
  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      /* the server may be gone already */
    }
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.proc.kill();
        resolve();
      }, 2000);
      this.proc.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.connection.dispose();
    rmSync(this.root, { recursive: true, force: true });
  }

  /** The server's process (crash and exit tests). */
  get serverProcess(): ChildProcess {
    return this.proc;
  }

  /** What the server wrote to stderr (for failure messages). */
  get serverErrors(): string {
    return this.stderr;
  }
}

/** The capabilities VS Code announces, as far as the server reads them. */
export function vscodeLikeCapabilities(): ClientCapabilities {
  return {
    workspace: {
      configuration: true,
      workspaceFolders: true,
      didChangeWatchedFiles: { dynamicRegistration: true },
      didChangeConfiguration: { dynamicRegistration: true },
      workspaceEdit: { documentChanges: true },
    },
    window: { workDoneProgress: true },
    textDocument: {
      completion: {
        completionItem: {
          snippetSupport: true,
          documentationFormat: ['markdown', 'plaintext'],
          insertTextModeSupport: { valueSet: [1, 2] },
        },
      },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      rename: { prepareSupport: true },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] } },
    },
  };
}

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function offsetAt(text: string, p: Position): number {
  let offset = 0;
  for (let l = 0; l < p.line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return offset + p.character;
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: readonly { range: Range; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let out = text;
  for (const e of sorted)
    out = out.slice(0, offsetAt(out, e.range.start)) + e.newText + out.slice(offsetAt(out, e.range.end));
  return out;
}

/** Removes the `$$` marker from a text and returns the text and the marker's position. */
export function withCursor(text: string): { text: string; position: Position } {
  const i = text.indexOf(CURSOR);
  if (i < 0) throw new Error('no $$ cursor marker');
  return { text: text.slice(0, i) + text.slice(i + CURSOR.length), position: positionAt(text, i) };
}

/** Lines joined with '\n' and a final newline. */
export function lines(...ls: string[]): string {
  return ls.join('\n') + '\n';
}

/** The Markdown of a hover. */
export function hoverText(h: Hover | null): string {
  if (!h) return '';
  const c = h.contents;
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n');
  return c.value;
}

/**
 * Starts a server on a fixture before the suite's tests (once, or before each test when the tests
 * edit files), waits for its first index, hands it to `use`, and stops it afterwards.
 */
export function serveFixture(fixture: string, per: 'suite' | 'test', use: (client: LspTestClient) => void): void {
  let client: LspTestClient | undefined;
  const start = async () => {
    client = await LspTestClient.start({ fixture });
    await client.waitForReady();
    use(client);
  };
  const stop = async () => {
    await client?.stop();
    client = undefined;
  };
  if (per === 'test') {
    beforeEach(start);
    afterEach(stop);
  } else {
    before(start);
    after(stop);
  }
}

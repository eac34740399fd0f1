/**
 * Drives the language server (`node dist/server.js --stdio`) the way an editor does, and times
 * it: initialize -> the last diagnostics of the initial index, then on one journey edit ->
 * fresh diagnostics, completion and hover, each over many requests; then usage code lenses (the
 * lens request and the resolve of every lens, as VS Code resolves those in view) on a teams file,
 * a glossary, a persona, a segment and a KPI, and the journey's inlay hints.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { percentile, rssOf } from './measure';

export interface LspFigures {
  /** initialize sent -> the last publishDiagnostics before the server reports it is ready. */
  initialIndexMs: number;
  /** initialize sent -> the server's "ready" status. */
  readyMs: number;
  /** Resident memory of the server right after the initial index. */
  rssAfterIndexMb: number;
  /**
   * With `settle`: resident memory once the server, idle after indexing, has run its collection
   * (it logs "Memory when idle"); undefined when it did not within a minute.
   */
  rssIdleMb?: number;
  diagnosticsPublished: number;
  edit: { p50: number; p95: number; n: number };
  completion: { p50: number; p95: number; n: number; items: number };
  hover: { p50: number; p95: number; n: number };
  /** `textDocument/codeLens` on the files of `lensFiles`, in turn. */
  codeLens: { p50: number; p95: number; n: number; lenses: number };
  /** `codeLens/resolve` of every lens those requests returned; `firstMs` is the very first (nothing cached). */
  codeLensResolve: { p50: number; p95: number; n: number; firstMs: number; slowest: string };
  /** `cxTaxonomy/usagePlaces` (a click on a lens counting too many places to send with it). */
  usagePlaces: { p50: number; p95: number; n: number; places: number };
  /** `textDocument/inlayHint` over the whole edited journey. */
  inlayHint: { p50: number; p95: number; n: number; hints: number };
}

export interface LspOptions {
  serverJs: string;
  /** The workspace folder to open. */
  dir: string;
  /** The journey (relative to dir) edited and queried. */
  journey: string;
  requests: number;
  timeoutMs: number;
  /** Extra node options for the server (`--cpu-prof` when profiling). */
  nodeArgs?: string[];
  /** Leave the server idle after indexing until it has collected (`rssIdleMb`), before the edits. */
  settle?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the server on a workspace and measures it; the server is stopped at the end. */
export async function measureLsp(o: LspOptions): Promise<LspFigures> {
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), o.serverJs, '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const conn: MessageConnection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  let lastDiagnostics = 0;
  let published = 0;
  let ready = 0;
  const waiters: { uri: string; version: number; resolve: (at: number) => void }[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
    const at = performance.now();
    lastDiagnostics = at;
    published++;
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w.uri === p.uri && (p.version === undefined || p.version === null || p.version >= w.version)) {
        waiters.splice(i, 1);
        w.resolve(at);
      }
    }
  });
  conn.onNotification('cxTaxonomy/status', (p: { state: string }) => {
    if (p.state === 'ready' && !ready) ready = performance.now();
  });
  let idleCollected = 0;
  conn.onNotification('window/logMessage', (p: { message: string }) => {
    if (p.message.startsWith('Memory when idle')) idleCollected = performance.now();
  });
  conn.onNotification(() => undefined);
  // Requests from the server: progress tokens, settings (defaults), capability registration.
  conn.onRequest((method: string, params: unknown) => {
    if (method === 'workspace/configuration') return ((params as { items?: unknown[] })?.items ?? []).map(() => null);
    return null;
  });
  conn.listen();
  try {
    const rootUri = pathToFileURL(o.dir).toString();
    const t0 = performance.now();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(o.dir) }],
      capabilities: {
        window: { workDoneProgress: true },
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        textDocument: {
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          synchronization: { didSave: true, dynamicRegistration: false },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    });
    await conn.sendNotification('initialized', {});
    const deadline = t0 + o.timeoutMs;
    while (!ready) {
      if (performance.now() > deadline)
        throw new Error(`the server did not finish indexing ${o.dir} in ${o.timeoutMs / 1000} s`);
      await sleep(20);
    }
    // Diagnostics of the last slice may still be on the wire: let them arrive.
    await sleep(300);
    const initialIndexMs = (lastDiagnostics > 0 ? Math.min(lastDiagnostics, ready + 300) : ready) - t0;
    const rssAfterIndexMb = rssOf(child.pid!) / 1024;
    let rssIdleMb: number | undefined;
    if (o.settle) {
      const until = performance.now() + 60_000;
      while (!idleCollected && performance.now() < until) await sleep(100);
      // The pages it freed go back to the system on a background thread: give it a moment.
      if (idleCollected) {
        await sleep(1000);
        rssIdleMb = rssOf(child.pid!) / 1024;
      }
    }
    const diagnosticsPublished = published;

    // One journey, opened as an editor would.
    const file = path.join(o.dir, o.journey);
    const uri = pathToFileURL(file).toString();
    const original = readFileSync(file, 'utf8');
    const lines = original.split('\n');
    const ownerLine = lines.findIndex((l) => /^ {8}owner: [a-z0-9-]+$/.test(l));
    const personaLine = lines.findIndex((l) => /^persona: /.test(l));
    if (ownerLine < 0 || personaLine < 0)
      throw new Error(`${o.journey} has no touchpoint owner or persona line to work on`);
    // The edit: a typo in a touchpoint's owner, made and undone, so each version's diagnostics differ.
    const typo = lines.map((l, i) => (i === ownerLine ? `${l}zz` : l)).join('\n');
    let version = 1;
    const opened = new Promise<number>((resolve) => waiters.push({ uri, version, resolve }));
    await conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version, text: original },
    });
    await Promise.race([opened, sleep(2000)]);

    const editTimes: number[] = [];
    for (let i = 0; i < o.requests; i++) {
      version++;
      const text = i % 2 === 0 ? typo : original;
      const fresh = new Promise<number>((resolve) => waiters.push({ uri, version, resolve }));
      const start = performance.now();
      await conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
      const at = await Promise.race([fresh, sleep(10_000).then(() => NaN)]);
      if (Number.isNaN(at)) throw new Error(`no diagnostics for version ${version} of ${o.journey} within 10 s`);
      editTimes.push(at - start);
    }
    // Back to the original text before querying.
    version++;
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text: original }],
    });
    await sleep(500);

    const ownerChar = lines[ownerLine].indexOf('owner: ') + 'owner: '.length;
    const completionTimes: number[] = [];
    let items = 0;
    for (let i = 0; i < o.requests; i++) {
      const start = performance.now();
      const res = (await conn.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position: { line: ownerLine, character: ownerChar },
      })) as { items?: unknown[] } | unknown[] | null;
      completionTimes.push(performance.now() - start);
      items = Array.isArray(res) ? res.length : (res?.items?.length ?? 0);
    }
    const hoverChar = lines[personaLine].length - 2;
    const hoverTimes: number[] = [];
    for (let i = 0; i < o.requests; i++) {
      const start = performance.now();
      await conn.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: personaLine, character: hoverChar },
      });
      hoverTimes.push(performance.now() - start);
    }
    // Before each round of lenses the journey is edited (its owner typo made or undone), as typing
    // then looking at a teams file would: the lenses of the teams it names are counted again.
    const lens = await measureLenses(conn, o.dir, o.requests, async (i) => {
      version++;
      await conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text: i % 2 === 0 ? typo : original }],
      });
    });
    version++;
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text: original }],
    });
    const inlayTimes: number[] = [];
    let hints = 0;
    for (let i = 0; i < o.requests; i++) {
      const start = performance.now();
      const res = (await conn.sendRequest('textDocument/inlayHint', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } },
      })) as unknown[] | null;
      inlayTimes.push(performance.now() - start);
      hints = res?.length ?? 0;
    }
    return {
      initialIndexMs,
      readyMs: ready - t0,
      rssAfterIndexMb,
      rssIdleMb,
      diagnosticsPublished,
      edit: { p50: percentile(editTimes, 50), p95: percentile(editTimes, 95), n: editTimes.length },
      completion: {
        p50: percentile(completionTimes, 50),
        p95: percentile(completionTimes, 95),
        n: completionTimes.length,
        items,
      },
      hover: { p50: percentile(hoverTimes, 50), p95: percentile(hoverTimes, 95), n: hoverTimes.length },
      ...lens,
      inlayHint: { p50: percentile(inlayTimes, 50), p95: percentile(inlayTimes, 95), n: inlayTimes.length, hints },
    };
  } finally {
    try {
      await Promise.race([conn.sendRequest('shutdown'), sleep(2000)]);
      await conn.sendNotification('exit');
    } catch {
      /* the server may already be gone */
    }
    conn.dispose();
    setTimeout(() => child.kill(), 500).unref();
  }
}

/** The first file of each kind that carries usage lenses, relative to the workspace. */
export function lensFiles(dir: string): string[] {
  const first = (sub: string, suffix: string) => {
    const name = readdirSync(path.join(dir, sub))
      .filter((n) => n.endsWith(suffix))
      .sort()[0];
    return name ? `${sub}/${name}` : undefined;
  };
  return [
    first('teams', '.teams.yaml'),
    first('glossary', '.glossary.yaml'),
    first('personas', '.persona.yaml'),
    first('segments', '.segment.yaml'),
    first('kpis', '.kpi.yaml'),
  ].filter((f): f is string => f !== undefined);
}

interface CodeLensReply {
  range: unknown;
  data?: unknown;
  command?: { title: string; arguments?: unknown[] };
}

/**
 * Requests the lenses of each lens file in turn, `rounds` times over, and resolves every lens
 * each time, as VS Code does for the lenses in view after each change (`beforeRound` makes one).
 * The slowest resolve is named.
 */
export async function measureLenses(
  conn: MessageConnection,
  dir: string,
  rounds: number,
  beforeRound?: (i: number) => Promise<void>,
): Promise<Pick<LspFigures, 'codeLens' | 'codeLensResolve' | 'usagePlaces'>> {
  const files = lensFiles(dir);
  const lensTimes: number[] = [];
  const resolveTimes: number[] = [];
  let lenses = 0;
  let firstMs = NaN;
  let slowest = { ms: -1, what: '' };
  const placesTimes: number[] = [];
  let mostPlaces = 0;
  for (let i = 0; i < rounds; i++) {
    const rel = files[i % files.length];
    const uri = pathToFileURL(path.join(dir, rel)).toString();
    await beforeRound?.(i);
    let start = performance.now();
    const got =
      ((await conn.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLensReply[] | null) ?? [];
    lensTimes.push(performance.now() - start);
    lenses = Math.max(lenses, got.length);
    for (const lens of got) {
      start = performance.now();
      const r = (await conn.sendRequest('codeLens/resolve', lens)) as CodeLensReply;
      const ms = performance.now() - start;
      if (Number.isNaN(firstMs)) firstMs = ms;
      resolveTimes.push(ms);
      const inline = Array.isArray(r.command?.arguments?.[2]);
      if (ms > slowest.ms)
        slowest = { ms, what: `${rel}: "${r.command?.title ?? '?'}"${inline ? '' : ' (places asked for on click)'}` };
      // A lens sent without its places: time the click that asks for them, now and then.
      if (!inline && r.command?.arguments?.[2] && placesTimes.length < rounds) {
        start = performance.now();
        const places = (await conn.sendRequest('cxTaxonomy/usagePlaces', r.command.arguments[2])) as unknown[];
        placesTimes.push(performance.now() - start);
        mostPlaces = Math.max(mostPlaces, places.length);
      }
    }
  }
  return {
    codeLens: { p50: percentile(lensTimes, 50), p95: percentile(lensTimes, 95), n: lensTimes.length, lenses },
    codeLensResolve: {
      p50: percentile(resolveTimes, 50),
      p95: percentile(resolveTimes, 95),
      n: resolveTimes.length,
      firstMs,
      slowest: slowest.what,
    },
    usagePlaces: {
      p50: percentile(placesTimes, 50),
      p95: percentile(placesTimes, 95),
      n: placesTimes.length,
      places: mostPlaces,
    },
  };
}

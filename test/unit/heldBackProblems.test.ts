/**
 * An open document checked while its taxonomy is indexed shows only file-local problems; the end
 * of indexing must show the rest. Seen in VS Code: the last re-configuration of indexing dirties
 * every file, then awaits a read, and the early check that runs in that await cleans the open
 * document, so the final flush never re-checks it and its cross-file problems never showed.
 * This drives the scheduler and publisher through that order, with no timing involved.
 */
import * as assert from 'node:assert/strict';
import { ALL_FACET_CONTRIBUTORS, ALL_RULES, type TaxonomyDiagnostic } from '../../server/src/core';
import { TaxonomyWorkspace } from '../../server/src/core/workspace';
import type { Documents } from '../../server/src/lsp/session/documents';
import type { Indexer } from '../../server/src/lsp/session/indexer';
import { Publisher } from '../../server/src/lsp/session/publish';
import type { Roots } from '../../server/src/lsp/session/roots';
import { Scheduler } from '../../server/src/lsp/session/scheduler';
import type { FolderState, SessionHost, TaxonomyRoot } from '../../server/src/lsp/session/types';

const JOURNEY = 'file:///t/journeys/lonely.journey.yaml';
const TEAMS = 'file:///t/acme.teams.yaml';

const FILES: Record<string, string> = {
  [TEAMS]: 'kind: teams\nteams:\n  - id: care\n    name: Care\n    function: cx\n',
  [JOURNEY]: [
    'kind: journey',
    'id: lonely',
    'name: Lonely journey',
    'persona: nobody-at-all',
    'owner: care',
    'stages:',
    '  - id: aware',
    '    name: Aware',
    '    touchpoints:',
    '      - id: ad',
    '        name: Ad',
    '        channel: email',
    '        owner: care',
    '        kpis: [no-such-kpi]',
    '',
  ].join('\n'),
};

/** A one-folder session's scheduler and publisher over an in-memory workspace, and what it published. */
function session() {
  const ws = new TaxonomyWorkspace({ rules: ALL_RULES, facetContributors: ALL_FACET_CONTRIBUTORS });
  const folder = { uri: 'file:///t', dir: '/t', ready: true, indexed: false, roots: [] } as unknown as FolderState;
  const root = { dir: '/t', uri: 'file:///t', ws, folder, loose: false } as unknown as TaxonomyRoot;
  folder.roots.push(root);
  const published = new Map<string, readonly TaxonomyDiagnostic[]>();
  const log: string[] = [];
  const host: SessionHost = {
    publish: (uri, diagnostics) => {
      published.set(uri, diagnostics);
      log.push(uri);
    },
    settings: () => Promise.resolve(undefined),
    progress: () => Promise.resolve({ report: () => undefined, done: () => undefined }),
    status: () => undefined,
    log: () => undefined,
  };
  const docs = { open: new Map([[JOURNEY, {}]]), pending: new Set<string>() } as unknown as Documents;
  const publisher = new Publisher(host, docs);
  const roots = {
    allRoots: () => [root],
    locate: (uri: string) => (uri in FILES ? { root, uri, rel: uri.slice('file:///t/'.length) } : undefined),
    dropEmptyLooseRoots: () => undefined,
  } as unknown as Roots;
  const indexer = { reportChecking: () => undefined, checksDone: () => undefined } as unknown as Indexer;
  const scheduler = new Scheduler(roots, docs, publisher, indexer, () => undefined, { disposed: false });
  /** Runs one scheduled check to its end. */
  const check = async () => {
    scheduler.scheduleCheck(0);
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 1));
  };
  return { ws, folder, published, log, check };
}

const rulesOf = (d: readonly TaxonomyDiagnostic[] | undefined) => [...new Set((d ?? []).map((x) => x.ruleId))].sort();

describe('problems held back while a taxonomy is indexed', () => {
  it('are published once it is indexed, though the early check left the open document clean', async () => {
    const s = session();
    for (const [uri, text] of Object.entries(FILES)) s.ws.setFile(uri, uri.slice('file:///t/'.length), text);
    // The open document is checked early: its unresolved references are cross-file, held back.
    await s.check();
    assert.deepEqual(rulesOf(s.published.get(JOURNEY)), []);
    assert.ok(!s.ws.pending().has(JOURNEY), 'the early check cleaned the open document');
    // Indexing ends; nothing the journey looked up changed, so no flush re-checks it.
    s.folder.indexed = true;
    await s.check();
    assert.deepEqual(rulesOf(s.published.get(JOURNEY)), ['unresolved-reference']);
    assert.equal(s.published.get(JOURNEY)?.length, 2, 'the persona and the KPI');
  });

  it('are not published again when the early check held nothing back', async () => {
    const s = session();
    // No cross-file problem, and a file-local one (no name) that shows at once.
    const journey = FILES[JOURNEY].replace('persona: nobody-at-all\n', '').replace('        kpis: [no-such-kpi]\n', '');
    s.ws.setFile(TEAMS, 'acme.teams.yaml', FILES[TEAMS]);
    s.ws.setFile(JOURNEY, 'journeys/lonely.journey.yaml', journey.replace('name: Lonely journey\n', ''));
    await s.check();
    const early = rulesOf(s.published.get(JOURNEY));
    assert.ok(early.length > 0, 'a file-local problem shows early');
    const publishes = s.log.filter((u) => u === JOURNEY).length;
    s.folder.indexed = true;
    await s.check();
    assert.equal(s.log.filter((u) => u === JOURNEY).length, publishes);
    assert.deepEqual(rulesOf(s.published.get(JOURNEY)), early);
  });
});

import * as assert from 'node:assert/strict';
import type {
  DocumentHighlight,
  DocumentSymbol,
  FoldingRange,
  Range,
  SelectionRange,
} from 'vscode-languageserver-protocol';
import { spawn } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { ensureServerBuilt, lines, LspTestClient, offsetAt, SERVER } from './harness';
import type { TaxonomyViewModel } from '../../server/src/protocol';

const JOURNEY = lines(
  'kind: journey',
  'id: renewal',
  'name: Renewal',
  '# Who runs this journey:',
  '# the retention squad.',
  'owner: cx-ops',
  'description: |',
  '  First line.',
  '  # not a comment: text of the block',
  'stages:',
  '  - id: remind',
  '    name: Remind',
  '    touchpoints:',
  '      - id: reminder-email',
  '        name: Reminder email',
  '        owner: cx-ops',
  '      - id: reminder-call',
  '        name: Reminder call',
  '        handoff: cx-ops',
);

const GLOSSARY = lines(
  'kind: glossary',
  'vocabulary: ops',
  'owner: sales-team',
  'terms:',
  '  - id: churn',
  '    term: Churn',
  '    definition: Customers who leave.',
  '  - id: churn-rate',
  '    term: Churn rate',
  '    definition: The share of customers who leave in a period.',
  '    broader: [churn]',
  '    related:',
  '      - churn',
);

const DOC = lines(
  '---',
  'title: not a heading',
  '---',
  '# Guide',
  '',
  'Intro text.',
  '',
  'Setup',
  '=====',
  '',
  '```yaml',
  '# a comment in code, not a heading',
  '```',
  '',
  '## Install',
  '',
  'Usage notes',
  '-----------',
  '',
  '### Flags ###',
  '',
  '# Appendix',
);

/** The text a range covers. */
function slice(text: string, r: Range): string {
  return text.slice(offsetAt(text, r.start), offsetAt(text, r.end));
}

function outline(nodes: DocumentSymbol[]): unknown[] {
  return nodes.map((n) => (n.children?.length ? { [n.name]: outline(n.children) } : n.name));
}

describe('protocol: folding, selection ranges, highlights and Markdown outlines', function () {
  this.timeout(60000);
  let c!: LspTestClient;

  before(async () => {
    c = await LspTestClient.start({
      fixture: 'test/protocol/fixtures/basic',
      files: {
        'journeys/renewal.journey.yaml': JOURNEY,
        'ops.glossary.yaml': GLOSSARY,
        'docs/outline.md': DOC,
        'kpis/a-new-parent-signups.kpi.yaml': lines(
          'kind: kpi',
          'id: new-parent-signups',
          'name: New parent signups',
          'owner: cx-ops',
          'direction: increase',
          'unit: count',
        ),
        'kpis/b-relationship-nps.kpi.yaml': lines(
          'kind: kpi',
          'id: relationship-nps',
          'name: Relationship NPS',
          'owner: cx-ops',
          'direction: increase',
          'unit: score',
        ),
        'kpis/c-nps-detractors.kpi.yaml': lines(
          'kind: kpi',
          'id: nps-detractors',
          'name: Detractors',
          'owner: cx-ops',
          'direction: decrease',
          'unit: count',
        ),
      },
    });
    await c.waitForReady();
  });
  after(() => c?.stop());

  it('advertises folding, selection ranges and document highlights', async () => {
    const capabilities = await initializeBare();
    assert.equal(capabilities.foldingRangeProvider, true);
    assert.equal(capabilities.selectionRangeProvider, true);
    assert.equal(capabilities.documentHighlightProvider, true);
  });

  it('folds mappings, lists, list items, block scalars and comment blocks of a journey', async () => {
    await c.open('journeys/renewal.journey.yaml');
    const ranges = (await c.connection.sendRequest('textDocument/foldingRange', {
      textDocument: { uri: c.uri('journeys/renewal.journey.yaml') },
    })) as FoldingRange[];
    const shown = ranges.map((r) => `${r.startLine + 1}-${r.endLine + 1}${r.kind ? ` ${r.kind}` : ''}`);
    assert.deepEqual(shown, [
      '4-5 comment', // the comment block above `owner`
      '7-9', // the block scalar, whose `#` line is text, not a comment
      '10-19', // stages:
      '11-19', // the stage (a list item)
      '13-19', // touchpoints:
      '14-16', // first touchpoint
      '17-19', // second touchpoint
    ]);
  });

  it('expands a selection from a scalar to its pair, its mapping, the list and up to the document', async () => {
    const rel = 'journeys/renewal.journey.yaml';
    const pos = c.positionOf(rel, 'Reminder call', 3);
    const [sel] = (await c.connection.sendRequest('textDocument/selectionRange', {
      textDocument: { uri: c.uri(rel) },
      positions: [pos],
    })) as SelectionRange[];
    const steps: string[] = [];
    for (let s: SelectionRange | undefined = sel; s; s = s.parent) steps.push(slice(JOURNEY, s.range));
    assert.deepEqual(steps.slice(0, 5), [
      'Reminder call',
      'name: Reminder call',
      'id: reminder-call\n        name: Reminder call\n        handoff: cx-ops',
      '- id: reminder-email\n        name: Reminder email\n        owner: cx-ops\n      - id: reminder-call\n        name: Reminder call\n        handoff: cx-ops',
      'touchpoints:\n      - id: reminder-email\n        name: Reminder email\n        owner: cx-ops\n      - id: reminder-call\n        name: Reminder call\n        handoff: cx-ops',
    ]);
    assert.equal(steps[steps.length - 1], JOURNEY.trimEnd(), 'the last step is the whole document');
    for (let i = 1; i < steps.length; i++) assert.ok(steps[i].includes(steps[i - 1]), `step ${i} holds step ${i - 1}`);
    // On a key, the key comes first.
    const onKey = c.positionOf(rel, 'touchpoints:', 2);
    const [k] = (await c.connection.sendRequest('textDocument/selectionRange', {
      textDocument: { uri: c.uri(rel) },
      positions: [onKey],
    })) as SelectionRange[];
    assert.equal(slice(JOURNEY, k.range), 'touchpoints');
    assert.ok(slice(JOURNEY, k.parent!.range).startsWith('touchpoints:\n      - id: reminder-email'));
  });

  it('highlights an id in the current file: the definition as a write, references as reads', async () => {
    const rel = 'ops.glossary.yaml';
    await c.open(rel);
    const hs = (await c.connection.sendRequest('textDocument/documentHighlight', {
      textDocument: { uri: c.uri(rel) },
      position: c.positionOf(rel, 'churn]', 1),
    })) as DocumentHighlight[];
    assert.deepEqual(
      hs.map(
        (h) =>
          `${h.range.start.line + 1}:${slice(GLOSSARY, h.range)}:${h.kind === 3 ? 'write' : h.kind === 2 ? 'read' : h.kind}`,
      ),
      ['5:churn:write', '11:churn:read', '13:churn:read'],
    );
    // A team id named twice in a journey (defined in another file): two reads.
    const j = 'journeys/renewal.journey.yaml';
    const team = (await c.connection.sendRequest('textDocument/documentHighlight', {
      textDocument: { uri: c.uri(j) },
      position: c.positionOf(j, 'cx-ops', 1),
    })) as DocumentHighlight[];
    assert.deepEqual(
      team.map((h) => [h.range.start.line + 1, h.kind]),
      [
        [6, 2],
        [16, 2],
        [19, 2],
      ],
    );
    // Not on an id: nothing.
    assert.deepEqual(
      await c.connection.sendRequest('textDocument/documentHighlight', {
        textDocument: { uri: c.uri(j) },
        position: c.positionOf(j, 'Renewal', 2),
      }),
      [],
    );
  });

  it('outlines a Markdown doc by its headings, nested by level, ATX and setext, skipping code and front matter', async () => {
    await c.open('docs/outline.md');
    const symbols = (await c.documentSymbols('docs/outline.md'))!;
    assert.deepEqual(outline(symbols), ['Guide', { Setup: ['Install', { 'Usage notes': ['Flags'] }] }, 'Appendix']);
    const setup = symbols[1];
    assert.equal(setup.range.start.line, 7);
    assert.equal(setup.range.end.line, 20, 'a heading holds everything up to the next heading of its level');
    assert.equal(slice(DOC, setup.selectionRange), 'Setup');
    assert.equal(slice(DOC, setup.children![1].children![0].selectionRange), 'Flags');
  });

  it('ranks workspace symbols: exact, then prefix, then word prefix, then scattered letters', async () => {
    const names = (await c.workspaceSymbols('nps'))!.map((s) => s.name);
    assert.deepEqual(names.slice(0, 4), ['nps', 'nps-detractors', 'relationship-nps', 'new-parent-signups']);
    const byName = (await c.workspaceSymbols('Welcome call'))!.map((s) => s.name);
    assert.equal(byName[0], 'welcome-call', 'an exact name match comes first');
  });
});

/** The capabilities a freshly started server answers `initialize` with. */
async function initializeBare(): Promise<Record<string, unknown>> {
  ensureServerBuilt();
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.listen();
  try {
    const r = (await conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} })) as {
      capabilities: Record<string, unknown>;
    };
    return r.capabilities;
  } finally {
    conn.dispose();
    proc.kill();
  }
}

describe('protocol: the Taxonomy view request', function () {
  this.timeout(60000);
  let c!: LspTestClient;

  before(async () => {
    c = await LspTestClient.start({ fixture: 'test/protocol/fixtures/basic' });
    await c.waitForReady();
  });
  after(() => c?.stop());

  it('lists unowned touchpoints first and each team with what it owns, with places to reveal', async () => {
    const [view] = (await c.connection.sendRequest('cxTaxonomy/taxonomyView', {})) as TaxonomyViewModel[];
    assert.deepEqual(
      view.unowned.map((u) => u.touchpointId),
      ['welcome-call'],
    );
    assert.equal(view.myTeam, undefined);
    const ops = view.teams.find((t) => t.id === 'cx-ops')!;
    assert.deepEqual(
      ops.journeys.map((j) => j.id),
      ['onboarding'],
    );
    assert.deepEqual(
      ops.touchpointItems.map((t) => `${t.journeyName} › ${t.touchpointId}`),
      ['Onboarding › welcome-email'],
    );
    assert.deepEqual(
      ops.kpis.map((k) => k.id),
      ['nps'],
    );
    assert.deepEqual(
      ops.terms.map((t) => t.id),
      ['persona', 'customer-journey'],
    );
    assert.deepEqual(
      ops.personas.map((p) => p.id),
      ['busy-parent'],
    );
    assert.ok(ops.location?.uri.endsWith('org.teams.yaml'));
    assert.equal(ops.kpis[0].location.range.start.line, 1, 'a KPI is revealed at its id');
    const marketing = view.teams.find((t) => t.id === 'brand-marketing')!;
    assert.deepEqual(
      marketing.terms.map((t) => t.id),
      ['segment'],
    );
    assert.deepEqual(
      marketing.segments.map((s) => s.id),
      ['families'],
    );
  });

  it('pins `myTeam` first and counts the problems of what it owns', async () => {
    const [plain] = (await c.connection.sendRequest('cxTaxonomy/taxonomyView', {})) as TaxonomyViewModel[];
    assert.notEqual(plain.teams[0].id, 'sales-team');
    const [pinned] = (await c.connection.sendRequest('cxTaxonomy/taxonomyView', {
      myTeam: 'sales-team',
    })) as TaxonomyViewModel[];
    assert.equal(pinned.myTeam, 'sales-team');
    assert.equal(pinned.teams[0].id, 'sales-team');
    assert.deepEqual(pinned.teams.map((t) => t.id).sort(), plain.teams.map((t) => t.id).sort());
    // The unowned touchpoint's warning sits in cx-ops's journey: it counts for cx-ops.
    const journey = c.uri('journeys/onboarding.journey.yaml');
    await c.waitFor('the journey problems', () =>
      c.published.get(journey)?.diagnostics.some((d) => d.code === 'touchpoint-owner'),
    );
    const [view] = (await c.connection.sendRequest('cxTaxonomy/taxonomyView', {
      myTeam: 'cx-ops',
    })) as TaxonomyViewModel[];
    const ops = view.teams[0];
    assert.equal(ops.id, 'cx-ops');
    const inJourney = c.published.get(journey)!.diagnostics.length;
    assert.ok(
      ops.problems.warning + ops.problems.error + ops.problems.info + ops.problems.hint >= inJourney,
      JSON.stringify(ops.problems),
    );
    assert.deepEqual(view.teams.find((t) => t.id === 'sales-team')!.problems, {
      error: 0,
      warning: 0,
      info: 0,
      hint: 0,
    });
    // An unknown team pins nothing.
    const [unknown] = (await c.connection.sendRequest('cxTaxonomy/taxonomyView', {
      myTeam: 'nobody',
    })) as TaxonomyViewModel[];
    assert.equal(unknown.myTeam, undefined);
    await assert.rejects(c.connection.sendRequest('cxTaxonomy/taxonomyView', { myTeam: 3 }), /myTeam/);
  });
});

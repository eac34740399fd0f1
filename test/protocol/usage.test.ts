/**
 * Usage code lenses on definitions and ownership inlay hints on touchpoints, over the real server:
 * each lens's count and places agree with Find All References on the same id; a team's lens
 * counts the touchpoints it owns, those inherited from a stage included; a touchpoint without an
 * owner of its own shows its stage's, or `no owner` where touchpoint-owner reports it; the
 * `cxTaxonomy.inlayHints.enabled` setting turns the hints off, pulled or pushed.
 */
import * as assert from 'node:assert/strict';
import type { ClientCapabilities, CodeLens, InlayHint, Location, Position } from 'vscode-languageserver-protocol';
import { lines, LspTestClient, vscodeLikeCapabilities } from './harness';

const FILES: Record<string, string> = {
  'org.teams.yaml': lines(
    'kind: teams',
    'teams:',
    '  - id: cx-ops',
    '    name: CX Operations',
    '    function: cx',
    '  - id: sales-team',
    '    name: Sales',
    '    function: sales',
    '  - id: brand-marketing',
    '    name: Brand Marketing',
    '    function: marketing',
  ),
  'cx.glossary.yaml': lines(
    'kind: glossary',
    'vocabulary: cx',
    'owner: cx-ops',
    'terms:',
    '  - id: customer-journey',
    '    term: Customer journey',
    '    definition: Everything a customer goes through.',
    '  - id: touchpoint',
    '    term: Touchpoint',
    '    definition: One moment of a customer journey.',
    '    broader: [customer-journey]',
    '  - id: stage',
    '    term: Stage',
    '    definition: A step of a customer journey.',
    '    related: [customer-journey, touchpoint]',
  ),
  'docs/guide.md': lines(
    '# Guide',
    '',
    'Each touchpoint of a customer journey has one owner.',
    '',
    '`customer journey` in code is not a mention.',
  ),
  'personas/busy-parent.persona.yaml': lines(
    'kind: persona',
    'id: busy-parent',
    'name: Busy Parent',
    'owner: cx-ops',
    'segments: [families]',
  ),
  'personas/lonely.persona.yaml': lines('kind: persona', 'id: lonely', 'name: Lonely', 'owner: cx-ops'),
  'segments/families.segment.yaml': lines(
    'kind: segment',
    'id: families',
    'name: Families',
    'owner: brand-marketing',
    'personas: [busy-parent]',
    'lifecycleStage: acquisition',
  ),
  'segments/students.segment.yaml': lines(
    'kind: segment',
    'id: students',
    'name: Students',
    'owner: brand-marketing',
    'lifecycleStage: acquisition',
  ),
  'kpis/nps.kpi.yaml': lines(
    'kind: kpi',
    'id: nps',
    'name: Net Promoter Score',
    'owner: cx-ops',
    'direction: increase',
    'unit: score',
    'conflictsWith:',
    '  - kpi: csat',
    '    resolution: NPS wins.',
  ),
  'kpis/csat.kpi.yaml': lines(
    'kind: kpi',
    'id: csat',
    'name: Customer satisfaction',
    'owner: cx-ops',
    'direction: increase',
    'unit: percent',
  ),
  'journeys/onboarding.journey.yaml': lines(
    'kind: journey',
    'id: onboarding',
    'name: Onboarding',
    'persona: busy-parent',
    'segments: [families]',
    'owner: cx-ops',
    'stages:',
    '  - id: welcome',
    '    name: Welcome',
    '    lifecycleStage: onboarding',
    '    owner: cx-ops',
    '    touchpoints:',
    '      - id: welcome-email',
    '        name: Welcome email',
    '        channel: email',
    '        owner: sales-team',
    '        kpis: [nps]',
    '      - id: welcome-call',
    '        name: Welcome call',
    '        channel: phone',
    '      - id: welcome-sms',
    '        name: Welcome SMS',
    '        channel: sms',
    '  - id: setup',
    '    name: Setup',
    '    lifecycleStage: onboarding',
    '    touchpoints:',
    '      - id: setup-guide',
    '        name: Setup guide',
    '        channel: web',
    '        owner: cx-ops',
    '      - id: setup-visit',
    '        name: Setup visit',
    '        channel: in-person',
  ),
  'journeys/renewal.journey.yaml': lines(
    'kind: journey',
    'id: renewal',
    'name: Renewal',
    'persona: busy-parent',
    'segments: [families, students]',
    'owner: cx-ops',
    'stages:',
    '  - id: remind',
    '    name: Remind',
    '    lifecycleStage: retention',
    '    owner: [cx-ops, sales-team]',
    '    lead: cx-ops',
    '    touchpoints:',
    '      - id: reminder-email',
    '        name: Reminder email',
    '        channel: email',
    '      - id: renewal-offer',
    '        name: Renewal offer',
    '        channel: web',
    '        owner: brand-marketing',
    '        kpis: [nps, csat]',
  ),
};

const ONBOARDING = 'journeys/onboarding.journey.yaml';
const RENEWAL = 'journeys/renewal.journey.yaml';

const key = (l: Location) =>
  `${l.uri}#${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character}`;
const keys = (ls: readonly Location[]) => ls.map(key).sort();

/** Capabilities of a client that supports refreshing lenses and hints (VS Code does). */
function refreshingCapabilities(configuration = true): ClientCapabilities {
  const base = vscodeLikeCapabilities();
  return {
    ...base,
    workspace: {
      ...base.workspace,
      configuration,
      codeLens: { refreshSupport: true },
      inlayHint: { refreshSupport: true },
    },
  };
}

async function codeLenses(c: LspTestClient, rel: string): Promise<CodeLens[]> {
  const lenses: CodeLens[] | null = await c.connection.sendRequest('textDocument/codeLens', {
    textDocument: { uri: c.uri(rel) },
  });
  return lenses ?? [];
}

/** Every lens of a file, resolved as an editor resolves the lenses in view. */
async function resolvedLenses(c: LspTestClient, rel: string): Promise<CodeLens[]> {
  const out: CodeLens[] = [];
  for (const lens of await codeLenses(c, rel))
    out.push(lens.command ? lens : await c.connection.sendRequest('codeLens/resolve', lens));
  return out;
}

/** The lenses on the line of `id: <id>` in a file. */
async function lensesOf(c: LspTestClient, rel: string, id: string): Promise<CodeLens[]> {
  const at = c.positionOf(rel, `id: ${id}\n`, 4);
  const lenses = (await resolvedLenses(c, rel)).filter((l) => l.range.start.line === at.line);
  assert.ok(lenses.length > 0, `no lens on ${id} in ${rel}`);
  return lenses;
}

async function inlayHints(c: LspTestClient, rel: string): Promise<InlayHint[]> {
  const end: Position = { line: c.text(rel).split('\n').length, character: 0 };
  const hints: InlayHint[] | null = await c.connection.sendRequest('textDocument/inlayHint', {
    textDocument: { uri: c.uri(rel) },
    range: { start: { line: 0, character: 0 }, end },
  });
  return hints ?? [];
}

/** The hints as `<touchpoint id>: <label>`, in file order. */
async function hintsByTouchpoint(c: LspTestClient, rel: string): Promise<string[]> {
  const text = c.text(rel).split('\n');
  return (await inlayHints(c, rel)).map(
    (h) =>
      `${/id: (\S+)/.exec(text[h.position.line])?.[1]}: ${typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')}`,
  );
}

/** Asks again (polling, with a timeout) until an answer is the one expected. */
async function eventually<T>(what: string, ask: () => Promise<T>, expected: T, timeout = 15000): Promise<void> {
  const start = Date.now();
  let last: T | undefined;
  while (Date.now() - start < timeout) {
    last = await ask();
    if (last === expected) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`Timed out waiting for ${what}: last ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`);
}

describe('protocol: usage code lenses', function () {
  this.timeout(60000);
  let c!: LspTestClient;
  before(async () => {
    c = await LspTestClient.start({ files: FILES, capabilities: refreshingCapabilities() });
    await c.waitForReady();
  });
  after(async () => c?.stop());

  /** Asserts that a lens shows the references of the id it sits on, as Find All References lists them. */
  async function assertMatchesReferences(rel: string, id: string, title: string): Promise<void> {
    const lenses = await lensesOf(c, rel, id);
    const lens = lenses[lenses.length - 1];
    assert.equal(lens.command?.title, title, `${id}: ${JSON.stringify(lenses.map((l) => l.command?.title))}`);
    assert.equal(lens.command?.command, 'editor.action.showReferences');
    const [uri, position, locations] = lens.command?.arguments as [string, Position, Location[]];
    assert.equal(uri, c.uri(rel));
    assert.deepEqual(position, lens.range.start);
    const refs = (await c.references(rel, c.positionOf(rel, `id: ${id}\n`, 4), false)) ?? [];
    assert.deepEqual(keys(locations), keys(refs), `${id}: the lens shows what Find All References finds`);
    const counted = [...title.matchAll(/(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0) || (/once/.test(title) ? 1 : 0);
    assert.equal(counted, refs.length, `${id}: the counts of "${title}" add up to its ${refs.length} references`);
  }

  it('advertises code lenses with resolve', async () => {
    const lenses = await codeLenses(c, 'personas/busy-parent.persona.yaml');
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].command, undefined, 'lenses are resolved when in view');
  });

  it('a persona: used by journeys and segments, as Find All References', async () => {
    await assertMatchesReferences('personas/busy-parent.persona.yaml', 'busy-parent', 'used by 2 journeys, 1 segment');
    await assertMatchesReferences('personas/lonely.persona.yaml', 'lonely', 'not used');
  });

  it('a segment: used by journeys and personas, as Find All References', async () => {
    await assertMatchesReferences('segments/families.segment.yaml', 'families', 'used by 2 journeys, 1 persona');
    await assertMatchesReferences('segments/students.segment.yaml', 'students', 'used by 1 journey');
  });

  it('a KPI: measured at touchpoints (and named in conflicts), as Find All References', async () => {
    await assertMatchesReferences('kpis/nps.kpi.yaml', 'nps', 'measured at 2 touchpoints');
    await assertMatchesReferences('kpis/csat.kpi.yaml', 'csat', 'measured at 1 touchpoint, in conflict with 1 KPI');
  });

  it('a glossary term: used n times, by id and in prose (YAML free text and Markdown), as Find All References', async () => {
    // By id: `broader` and `related`; in prose: two definitions and the guide.
    await assertMatchesReferences('cx.glossary.yaml', 'customer-journey', 'used 5 times');
    await assertMatchesReferences('cx.glossary.yaml', 'touchpoint', 'used 2 times');
    await assertMatchesReferences('cx.glossary.yaml', 'stage', 'not used');
  });

  it('a team: the touchpoints it owns, those through stages included; and its references', async () => {
    const lensesFor = async (id: string) => (await lensesOf(c, 'org.teams.yaml', id)).map((l) => l.command!);
    const [cxOwns, cxRefs] = await lensesFor('cx-ops');
    assert.equal(cxOwns.title, 'owns 4 touchpoints (3 through stages)');
    const owned = (cxOwns.arguments![2] as Location[]).map(
      (l) =>
        `${l.uri === c.uri(ONBOARDING) ? 'onboarding' : 'renewal'}/${c
          .text(l.uri === c.uri(ONBOARDING) ? ONBOARDING : RENEWAL)
          .split('\n')
          [l.range.start.line].trim()}`,
    );
    assert.deepEqual(owned, [
      'onboarding/- id: welcome-call',
      'onboarding/- id: welcome-sms',
      'onboarding/- id: setup-guide',
      'renewal/- id: reminder-email',
    ]);
    const refs = (await c.references('org.teams.yaml', c.positionOf('org.teams.yaml', 'id: cx-ops', 4), false)) ?? [];
    assert.equal(cxRefs.title, `${refs.length} references`);
    assert.deepEqual(keys(cxRefs.arguments![2] as Location[]), keys(refs));
    assert.equal((await lensesFor('sales-team'))[0].title, 'owns 2 touchpoints (1 through a stage)');
    assert.equal((await lensesFor('brand-marketing'))[0].title, 'owns 1 touchpoint');
  });

  it('counts follow edits in other files, and the client is asked to refresh', async () => {
    let refreshes = 0;
    c.connection.onRequest('workspace/codeLens/refresh', () => {
      refreshes++;
      return null;
    });
    await c.open(RENEWAL);
    await c.change(RENEWAL, c.text(RENEWAL).replace('persona: busy-parent', 'persona: lonely'));
    await c.waitFor('a code lens refresh', () => refreshes > 0);
    assert.equal(
      (await lensesOf(c, 'personas/busy-parent.persona.yaml', 'busy-parent'))[0].command?.title,
      'used by 1 journey, 1 segment',
    );
    assert.equal((await lensesOf(c, 'personas/lonely.persona.yaml', 'lonely'))[0].command?.title, 'used by 1 journey');
    // A touchpoint taking an owner of its own no longer inherits its stage's.
    await c.change(
      RENEWAL,
      c
        .text(RENEWAL)
        .replace('        name: Reminder email\n', '        name: Reminder email\n        owner: brand-marketing\n'),
    );
    assert.equal(
      (await lensesOf(c, 'org.teams.yaml', 'cx-ops'))[0].command?.title,
      'owns 3 touchpoints (2 through stages)',
    );
    assert.equal((await lensesOf(c, 'org.teams.yaml', 'brand-marketing'))[0].command?.title, 'owns 2 touchpoints');
    // Closed without saving: the disk's text counts again once the server has read it back.
    await c.close(RENEWAL);
    await eventually(
      'the counts of the text on disk',
      async () => (await lensesOf(c, 'org.teams.yaml', 'cx-ops'))[0].command?.title,
      'owns 4 touchpoints (3 through stages)',
    );
  });
});

describe('protocol: usage lenses that count many places', function () {
  this.timeout(60000);
  let c!: LspTestClient;
  const JOURNEYS = 120;
  before(async () => {
    const files: Record<string, string> = {
      'org.teams.yaml': FILES['org.teams.yaml'],
      'personas/busy-parent.persona.yaml': FILES['personas/busy-parent.persona.yaml'],
      'segments/families.segment.yaml': FILES['segments/families.segment.yaml'],
    };
    for (let i = 0; i < JOURNEYS; i++) {
      files[`journeys/j${i}.journey.yaml`] = lines(
        `kind: journey`,
        `id: j${i}`,
        `name: Journey ${i}`,
        'persona: busy-parent',
        'owner: cx-ops',
        'stages:',
        '  - id: s',
        '    name: S',
        '    lifecycleStage: onboarding',
        '    owner: cx-ops',
        '    touchpoints:',
        '      - id: t',
        '        name: T',
        '        channel: email',
      );
    }
    c = await LspTestClient.start({ files });
    await c.waitForReady(60000);
  });
  after(async () => c?.stop());

  it('are resolved without their places, which cxTaxonomy/usagePlaces lists as Find All References does', async () => {
    const [lens] = await lensesOf(c, 'personas/busy-parent.persona.yaml', 'busy-parent');
    assert.equal(lens.command?.title, `used by ${JOURNEYS} journeys, 1 segment`);
    assert.equal(lens.command?.command, 'cxTaxonomy.showUsage');
    const [uri, position, data] = lens.command!.arguments as [string, Position, unknown];
    assert.equal(uri, c.uri('personas/busy-parent.persona.yaml'));
    assert.deepEqual(position, lens.range.start);
    const places: Location[] = await c.connection.sendRequest('cxTaxonomy/usagePlaces', data);
    const refs =
      (await c.references(
        'personas/busy-parent.persona.yaml',
        c.positionOf('personas/busy-parent.persona.yaml', 'id: busy-parent', 4),
        false,
      )) ?? [];
    assert.equal(places.length, JOURNEYS + 1);
    assert.deepEqual(keys(places), keys(refs));
  });

  it('a team owning many touchpoints: the places are its touchpoints', async () => {
    const [owns] = await lensesOf(c, 'org.teams.yaml', 'cx-ops');
    assert.equal(owns.command?.title, `owns ${JOURNEYS} touchpoints (${JOURNEYS} through stages)`);
    assert.equal(owns.command?.command, 'cxTaxonomy.showUsage');
    const places: Location[] = await c.connection.sendRequest('cxTaxonomy/usagePlaces', owns.command!.arguments![2]);
    assert.equal(places.length, JOURNEYS);
    assert.ok(places.every((p) => /j\d+\.journey\.yaml$/.test(p.uri) && p.range.start.line === 11));
  });
});

describe('protocol: inherited owners as inlay hints', function () {
  this.timeout(60000);
  let c: LspTestClient | undefined;
  afterEach(async () => {
    await c?.stop();
    c = undefined;
  });

  it('shows the owner a touchpoint inherits, none for its own, and "no owner" where touchpoint-owner fires', async () => {
    c = await LspTestClient.start({ files: FILES });
    await c.waitForReady();
    assert.deepEqual(await hintsByTouchpoint(c, ONBOARDING), [
      'welcome-call: owner: cx-ops (from stage)',
      'welcome-sms: owner: cx-ops (from stage)',
      'setup-visit: no owner',
    ]);
    assert.deepEqual(await hintsByTouchpoint(c, RENEWAL), [
      'reminder-email: owner: [cx-ops, sales-team], lead: cx-ops (from stage)',
    ]);
    const [hint] = await inlayHints(c, RENEWAL);
    assert.deepEqual(
      hint.position,
      c.positionOf(RENEWAL, 'reminder-email', 'reminder-email'.length),
      'the hint follows the touchpoint id',
    );
    assert.match(String(hint.tooltip), /Inherited from stage `Remind`/);
    // Only the hints in the requested range are answered.
    const firstStage: InlayHint[] = await c.connection.sendRequest('textDocument/inlayHint', {
      textDocument: { uri: c.uri(ONBOARDING) },
      range: { start: { line: 0, character: 0 }, end: { line: 22, character: 0 } },
    });
    assert.equal(firstStage.length, 2);
    assert.deepEqual(await inlayHints(c, 'org.teams.yaml'), []);
  });

  it('in the YAML people write: CRLF, a `---` header, flow-mapping touchpoints and a stage owner through an alias', async () => {
    const STYLED = 'journeys/styled.journey.yaml';
    const text = [
      '---',
      '# written by hand',
      'kind: journey',
      'id: styled',
      'name: Styled',
      'owner: cx-ops',
      'stages:',
      '  - id: greet',
      '    name: Greet',
      '    lifecycleStage: onboarding',
      '    owner: &care cx-ops',
      '    touchpoints:',
      '      - { id: greet-call, name: "Call: hello #1",',
      '          channel: phone }',
      '      - {id: greet-mail, name: Mail, channel: email, owner: sales-team}',
      '  - id: follow',
      '    name: Follow',
      '    lifecycleStage: adoption',
      '    owner: *care',
      '    touchpoints:',
      '      - id: follow-sms',
      '        name: Follow SMS',
      '        channel: sms',
      '',
    ].join('\r\n');
    c = await LspTestClient.start({ files: { ...FILES, [STYLED]: text } });
    await c.waitForReady();
    const lines = c.text(STYLED).split('\n');
    const got = (await inlayHints(c, STYLED)).map(
      (h) =>
        `${/id: ([\w-]+)/.exec(lines[h.position.line])?.[1]}@${h.position.character}: ${typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')}`,
    );
    const after = (id: string) => c!.positionOf(STYLED, id, id.length).character;
    assert.deepEqual(got, [
      `greet-call@${after('greet-call')}: owner: cx-ops (from stage)`,
      `follow-sms@${after('follow-sms')}: owner: cx-ops (from stage)`,
    ]);
  });

  it('follows the rule: "no owner" goes once touchpoint-owner is off', async () => {
    c = await LspTestClient.start({ files: FILES });
    await c.waitForReady();
    await c.writeFile('cx-taxonomy.config.yaml', lines('rules:', '  touchpoint-owner: off'));
    await c.waitForDiagnostics(ONBOARDING, (ds) => !ds.some((d) => d.code === 'touchpoint-owner'));
    assert.deepEqual(await hintsByTouchpoint(c, ONBOARDING), [
      'welcome-call: owner: cx-ops (from stage)',
      'welcome-sms: owner: cx-ops (from stage)',
    ]);
    await c.open(ONBOARDING);
    await c.change(ONBOARDING, c.text(ONBOARDING).replace('    owner: cx-ops\n    touchpoints:', '    touchpoints:'));
    assert.deepEqual(await hintsByTouchpoint(c, ONBOARDING), [], 'no stage owner left, and the rule is off');
  });

  it('the setting turns them off and on again, when the client is asked (pulled settings)', async () => {
    c = await LspTestClient.start({ files: FILES, capabilities: refreshingCapabilities() });
    await c.waitForReady();
    let refreshes = 0;
    c.connection.onRequest('workspace/inlayHint/refresh', () => {
      refreshes++;
      return null;
    });
    assert.equal((await inlayHints(c, RENEWAL)).length, 1);
    c.settings = { inlayHints: { enabled: false } };
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitFor('an inlay hint refresh', () => refreshes > 0);
    assert.deepEqual(await inlayHints(c, RENEWAL), []);
    c.settings = { inlayHints: { enabled: true } };
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitFor('a second inlay hint refresh', () => refreshes > 1);
    assert.equal((await inlayHints(c, RENEWAL)).length, 1);
  });

  it('the setting turns them off when the client pushes its settings', async () => {
    c = await LspTestClient.start({ files: FILES, capabilities: refreshingCapabilities(false) });
    await c.waitForReady();
    let refreshes = 0;
    c.connection.onRequest('workspace/inlayHint/refresh', () => {
      refreshes++;
      return null;
    });
    assert.equal((await inlayHints(c, RENEWAL)).length, 1);
    await c.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { cxTaxonomy: { inlayHints: { enabled: false } } },
    });
    await c.waitFor('an inlay hint refresh', () => refreshes > 0);
    assert.deepEqual(await inlayHints(c, RENEWAL), []);
  });
});

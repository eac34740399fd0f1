import * as assert from 'node:assert/strict';
import type { Location } from 'vscode-languageserver-protocol';
import { hoverText, lines, serveFixture, withCursor, type LspTestClient } from './harness';

/** Polls `read` until `ok` holds, for up to `timeout` ms; returns the last value read. */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeout = 10000): Promise<T> {
  const deadline = Date.now() + timeout;
  let v = await read();
  while (!ok(v) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    v = await read();
  }
  return v;
}

describe('protocol: values explained on hover', function () {
  this.timeout(60000);
  let c!: LspTestClient;
  serveFixture('test/protocol/fixtures/basic', 'suite', (client) => (c = client));

  const hoverOn = async (rel: string, needle: string) =>
    hoverText(await c.hover(rel, c.positionOf(rel, needle, needle.indexOf(':') + 3)));

  it('says what a lifecycle stage, channel, status, kind, function, direction, frequency and unit value means', async () => {
    await c.open(
      'kpis/churn.kpi.yaml',
      lines(
        'kind: kpi',
        'id: churn',
        'name: Churn',
        'owner: cx-ops',
        'direction: decrease',
        'frequency: monthly',
        'unit: percent',
        'status: draft',
      ),
    );
    const cases: [string, string, RegExp][] = [
      [
        'journeys/onboarding.journey.yaml',
        'lifecycleStage: onboarding',
        /^`onboarding` · lifecycle stage\n\nThe new customer gets set up/,
      ],
      ['journeys/onboarding.journey.yaml', 'channel: phone', /^`phone` · channel\n\nA phone call/],
      ['cx.glossary.yaml', 'status: approved', /^`approved` · status\n\nAgreed and in use/],
      [
        'journeys/onboarding.journey.yaml',
        'kind: journey',
        /^`journey` · kind of file\n\nA `\*\.journey\.yaml` document: one customer journey/,
      ],
      ['org.teams.yaml', 'function: sales', /^`sales` · team function\n\nSales: winning prospects/],
      ['kpis/churn.kpi.yaml', 'direction: decrease', /^`decrease` · direction\n\nLower is better/],
      ['kpis/churn.kpi.yaml', 'frequency: monthly', /^`monthly` · frequency\n\nMeasured and reported every month/],
      ['kpis/churn.kpi.yaml', 'unit: percent', /^`percent` · unit\n\nA share out of 100/],
    ];
    for (const [rel, needle, expected] of cases) assert.match(await hoverOn(rel, needle), expected, needle);
  });

  it('lists the stages of every journey mapped to a lifecycle stage', async () => {
    await c.open(
      'journeys/switch.journey.yaml',
      lines(
        'kind: journey',
        'id: mobile-switch',
        'name: Switching',
        'owner: cx-ops',
        'stages:',
        '  - id: start',
        '    name: Getting started',
        '    lifecycleStage: onboarding',
      ),
    );
    const md = await hoverOn('journeys/onboarding.journey.yaml', 'lifecycleStage: onboarding');
    assert.match(md, /Mapped from: Getting started \(mobile-switch\), Welcome \(onboarding\)/);
  });
});

describe('protocol: completion that knows its place', function () {
  this.timeout(60000);
  let c!: LspTestClient;
  serveFixture('test/protocol/fixtures/basic', 'suite', (client) => (c = client));

  async function completeIn(rel: string, fixture: string) {
    const { text, position } = withCursor(fixture);
    if (c.version(rel) === undefined) await c.open(rel, text);
    else await c.change(rel, text);
    return c.completion(rel, position);
  }

  it('offers only the teams of the sibling `owner` list for `lead:`', async () => {
    const items = await completeIn(
      'personas/shared.persona.yaml',
      lines('kind: persona', 'id: shared', 'name: Shared', 'owner: [cx-ops, sales-team]', 'lead: $$'),
    );
    assert.deepEqual(items.map((i) => i.label).sort(), ['cx-ops', 'sales-team']);
  });

  it('completes glossary terms in Markdown prose as in YAML free text: after emphasis, not in code', async () => {
    const bold = await completeIn('docs/notes.md', lines('# Notes', '', 'Every **customer jou$$'));
    const item = bold.find((i) => i.label === 'Customer journey');
    assert.ok(item, bold.map((i) => i.label).join());
    assert.deepEqual(item.textEdit && 'range' in item.textEdit ? item.textEdit.range : undefined, {
      start: { line: 2, character: 8 },
      end: { line: 2, character: 20 },
    });
    assert.deepEqual(await completeIn('docs/notes.md', lines('# Notes', '', '```', 'customer jou$$', '```')), []);
  });
});

describe('protocol: references of a glossary term', function () {
  this.timeout(60000);
  let c!: LspTestClient;
  serveFixture('test/protocol/fixtures/basic', 'suite', (client) => (c = client));

  const at = (l: Location) => `${l.uri.slice(c.uri('').length + 1)}:${l.range.start.line}:${l.range.start.character}`;

  it('include its prose mentions: a Markdown doc and YAML free text, found from the term or from a mention', async () => {
    await c.writeFile(
      'segments/movers.segment.yaml',
      lines(
        'kind: segment',
        'id: movers',
        'name: Movers',
        'owner: brand-marketing',
        'criteria: Households moving home, one customer persona each.',
      ),
    );
    const onTerm = c.positionOf('cx.glossary.yaml', 'id: persona', 5);
    const refs = await eventually(
      async () => ((await c.references('cx.glossary.yaml', onTerm, false)) ?? []).map(at),
      (r) => r.includes('segments/movers.segment.yaml:4:38'),
    );
    assert.deepEqual(refs.sort(), ['docs/guide.md:2:6', 'mkt.glossary.yaml:7:16', 'segments/movers.segment.yaml:4:38']);
    const fromDoc = (
      (await c.references('docs/guide.md', c.positionOf('docs/guide.md', 'persona', 2), true)) ?? []
    ).map(at);
    assert.deepEqual(fromDoc.sort(), ['cx.glossary.yaml:4:8', ...refs].sort());
  });
});

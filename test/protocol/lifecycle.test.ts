import * as assert from 'node:assert/strict';
import { LspTestClient, hoverText, lines, withCursor } from './harness';

/**
 * Status, sunset and replacement in the editor: a deprecated persona is struck through and listed
 * last in completion, and a hover dates a sunset from the "today" the server was started with.
 */
describe('protocol: status, sunset and replacement in the editor', function () {
  this.timeout(60000);
  let c: LspTestClient;

  before(async () => {
    c = await LspTestClient.start({
      fixture: 'test/protocol/fixtures/basic',
      // A day far from the machine's: the hover's "in 10 days" can only come from the pin.
      env: { CX_TAXONOMY_TODAY: '2031-03-10' },
      files: {
        'personas/aged-parent.persona.yaml': lines(
          'kind: persona',
          'id: aged-parent',
          'name: Aged Parent',
          'owner: cx-ops',
          'status: deprecated',
          'replacedBy: busy-parent',
        ),
        'personas/fading.persona.yaml': lines(
          'kind: persona',
          'id: fading',
          'name: Fading Persona',
          'owner: cx-ops',
          'sunset: 2031-03-20',
          'replacedBy: busy-parent',
        ),
        'journeys/uses-fading.journey.yaml': lines('kind: journey', 'id: uses-fading', 'persona: fading'),
      },
    });
    await c.waitForReady();
  });
  after(async () => {
    await c.stop();
  });

  it('tags a deprecated persona Deprecated, names its replacement and sorts it after the others', async () => {
    const { text, position } = withCursor(lines('kind: journey', 'id: typing', 'persona: $$'));
    await c.open('journeys/typing.journey.yaml', text);
    const items = await c.completion('journeys/typing.journey.yaml', position);
    const old = items.find((i) => i.label === 'aged-parent');
    assert.ok(old, items.map((i) => i.label).join());
    assert.deepEqual(old.tags, [1]);
    assert.equal(old.detail, 'Aged Parent · owner cx-ops · deprecated — use busy-parent (Busy Parent)');
    const order = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    assert.equal(order[order.length - 1].label, 'aged-parent');
    for (const other of items.filter((i) => i.label !== 'aged-parent')) assert.equal(other.tags, undefined);
  });

  it('shows the sunset relative to the pinned today, and the replacement, at the top of a hover', async () => {
    const rel = 'journeys/uses-fading.journey.yaml';
    const md = hoverText(await c.hover(rel, c.positionOf(rel, 'persona: fading', 'persona: '.length + 2)));
    assert.equal(
      md.split('\n\n')[0],
      '**Sunset** on 2031-03-20 (in 10 days) — use `busy-parent` (Busy Parent) instead',
    );
    assert.match(md, /\*\*Persona\*\* Fading Persona · `fading`/);
  });
});

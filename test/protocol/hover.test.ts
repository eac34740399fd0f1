import * as assert from 'node:assert/strict';
import { LspTestClient, hoverText, lines, serveFixture } from './harness';

describe('protocol: hover', function () {
  this.timeout(60000);
  let c!: LspTestClient;
  serveFixture('test/protocol/fixtures/basic', 'suite', (client) => (c = client));

  it('shows the entity card of a referenced id, in a file never opened', async () => {
    const h = await c.hover(
      'journeys/onboarding.journey.yaml',
      c.positionOf('journeys/onboarding.journey.yaml', 'busy-parent', 2),
    );
    const md = hoverText(h);
    assert.match(md, /\*\*Persona\*\* Busy Parent · `busy-parent`/);
    assert.match(md, /Owner: `cx-ops` \(CX Operations, cx\)/);
    assert.match(md, /Defined in personas\/busy-parent\.persona\.yaml:2/);
    assert.equal((h!.contents as { kind: string }).kind, 'markdown');
    // The range is the scalar with its quotes.
    assert.deepEqual(h!.range, { start: { line: 3, character: 9 }, end: { line: 3, character: 22 } });
  });

  it('shows the schema description of a key', async () => {
    const md = hoverText(await c.hover('kpis/nps.kpi.yaml', c.positionOf('kpis/nps.kpi.yaml', 'direction', 2)));
    assert.match(md, /^`direction`/);
    assert.match(md, /increase/);
  });

  it('shows the glossary card for a term in a Markdown doc, including plurals', async () => {
    await c.open('docs/guide.md', lines('# Guide', '', 'Our personas each have a customer journey.'));
    const md = hoverText(await c.hover('docs/guide.md', c.positionOf('docs/guide.md', 'personas', 3)));
    assert.match(md, /\*\*Persona\*\* · CX vocabulary · approved/);
    assert.match(md, /Equivalent in the marketing vocabulary: \*\*Segment\*\*/);
    assert.match(md, /Avoid: ~~buyer avatar~~/);
    assert.match(md, /Steward: `cx-ops`/);
  });

  it('shows the card for a label to avoid in YAML free text', async () => {
    await c.open('personas/busy-parent.persona.yaml');
    await c.change(
      'personas/busy-parent.persona.yaml',
      c.text('personas/busy-parent.persona.yaml').replace('Parents who juggle', 'Our buyer avatar, parents who juggle'),
    );
    const md = hoverText(
      await c.hover(
        'personas/busy-parent.persona.yaml',
        c.positionOf('personas/busy-parent.persona.yaml', 'buyer avatar', 4),
      ),
    );
    assert.match(md, /"buyer avatar" is a label to avoid: write \*\*Persona\*\*/);
  });

  it('escapes user text so a definition cannot inject links, commands or HTML', async () => {
    const md = hoverText(await c.hover('docs/guide.md', c.positionOf('docs/guide.md', 'customer journey', 3)));
    assert.match(md, /\*\*Customer journey\*\*/);
    assert.ok(!md.includes('](command:'), md);
    assert.ok(!md.includes('<b>'), md);
  });

  it('answers nothing on plain structure', async () => {
    assert.equal(await c.hover('kpis/nps.kpi.yaml', c.positionOf('kpis/nps.kpi.yaml', 'Net Promoter', 2)), null);
  });
});

import * as assert from 'node:assert/strict';
import { LspTestClient, lines, withCursor } from './harness';

describe('protocol: completion', function () {
  this.timeout(60000);
  let c: LspTestClient;

  before(async () => {
    c = await LspTestClient.start({ fixture: 'test/protocol/fixtures/basic', clientName: 'Visual Studio Code' });
    await c.waitForReady();
  });
  after(async () => {
    await c.stop();
  });

  /** Opens (or changes) a document with a `$$` cursor and asks for completion there. */
  async function completeIn(rel: string, fixture: string) {
    const { text, position } = withCursor(fixture);
    if (c.version(rel) === undefined) await c.open(rel, text);
    else await c.change(rel, text);
    return c.completion(rel, position);
  }

  it('offers teams with their function as detail after `owner: ` while the YAML is incomplete', async () => {
    const items = await completeIn('personas/typing.persona.yaml', lines('kind: persona', 'id: typing', 'owner: $$'));
    assert.deepEqual(items.map((i) => i.label).sort(), ['brand-marketing', 'cx-ops', 'sales-team']);
    const cx = items.find((i) => i.label === 'cx-ops')!;
    assert.equal(cx.detail, 'CX Operations · cx');
    assert.equal((cx.documentation as { kind: string }).kind, 'markdown');
  });

  it('offers KPIs in an unclosed flow list, right after an edit (no wait for the debounce)', async () => {
    const items = await completeIn(
      'journeys/typing.journey.yaml',
      lines(
        'kind: journey',
        'id: t',
        'stages:',
        '  - id: s',
        '    touchpoints:',
        '      - id: x',
        '        kpis: [nps, $$',
      ),
    );
    assert.deepEqual(
      items.map((i) => i.label),
      ['csat'],
    );
    assert.match(items[0].detail ?? '', /Customer satisfaction/);
  });

  it('offers keys with their schema docs, and inserts them as snippets', async () => {
    const items = await completeIn(
      'journeys/typing.journey.yaml',
      lines('kind: journey', 'id: t', 'stages:', '  - id: s', '    touchpoints:', '      - id: x', '        ch$$'),
    );
    const channel = items.find((i) => i.label === 'channel')!;
    assert.ok(channel, items.map((i) => i.label).join());
    assert.equal(channel.insertTextFormat, 2);
    assert.match((channel.documentation as { value: string }).value, /channel the contact happens in/);
    assert.deepEqual(channel.textEdit && 'range' in channel.textEdit ? channel.textEdit.range : undefined, {
      start: { line: 6, character: 8 },
      end: { line: 6, character: 10 },
    });
    // VS Code opens the list of channels right after the key is inserted.
    assert.equal(channel.command?.command, 'editor.action.triggerSuggest');
    assert.equal(items.find((i) => i.label === 'name')!.command, undefined);
  });

  it('offers enum values and channels', async () => {
    const dir = await completeIn('kpis/typing.kpi.yaml', lines('kind: kpi', 'id: t', 'direction: $$'));
    assert.deepEqual(
      dir.map((i) => i.label),
      ['increase', 'decrease', 'maintain'],
    );
  });

  it('offers a skeleton in an empty file', async () => {
    const items = await completeIn('segments/new-segment.segment.yaml', '$$');
    assert.equal(items.length, 1);
    assert.equal(items[0].kind, 15);
    assert.match((items[0].textEdit as { newText: string }).newText, /^kind: segment\nid: \$\{1:new-segment\}/);
  });

  it('offers glossary terms in free text and in Markdown docs', async () => {
    const items = await completeIn(
      'personas/typing.persona.yaml',
      lines('kind: persona', 'id: typing', 'description: Their customer jo$$'),
    );
    assert.ok(items.some((i) => i.label === 'Customer journey'));
    const md = await completeIn('docs/new.md', 'Each pers$$');
    assert.ok(md.some((i) => i.label === 'Persona'));
  });
});

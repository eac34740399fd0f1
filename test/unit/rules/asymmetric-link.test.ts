import * as assert from 'node:assert/strict';
import { diagnosticsOf, lines, summary, uriOf } from '../../support/workspace';
import { applyEdits, taxonomy, textOf } from '../terms/support';

const persona = (segments: string) =>
  lines('kind: persona', 'id: busy-parent', 'name: Busy Parent', 'owner: cx-ops', segments);
const segment = (id: string, personas: string[]) =>
  lines('kind: segment', `id: ${id}`, 'name: Seg', 'owner: brand-marketing', ...personas);

describe('rule asymmetric-link', () => {
  it('reports a segment listed by a persona but not listing it back, and fixes the other file (flow list)', () => {
    const ws = taxonomy({
      'p.persona.yaml': persona('segments: [families, savers]'),
      'savers.segment.yaml': segment('savers', ['personas: [someone-else]']),
      'x.persona.yaml': lines('kind: persona', 'id: someone-else', 'name: X', 'owner: cx-ops', 'segments: [savers]'),
    });
    const [d, ...rest] = diagnosticsOf(ws, 'p.persona.yaml', 'asymmetric-link');
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'warning');
    assert.equal(textOf(ws, 'p.persona.yaml', d), 'savers');
    assert.match(
      d.message,
      /^This persona lists the segment `savers` \("Seg"\), but that segment does not list `busy-parent` in its `personas`\./,
    );
    assert.equal(d.fixes?.[0].edits[0].uri, uriOf('savers.segment.yaml'));
    const after = applyEdits(ws, d.fixes![0].edits);
    assert.match(after['savers.segment.yaml'], /personas: \[someone-else, busy-parent\]\n/);
    assert.deepEqual(summary(ws, 'asymmetric-link'), []);
  });

  it('adds to a block list, an empty list, or a missing key', () => {
    for (const [personas, expected] of [
      [['personas:', '  - someone-else'], /personas:\n {2}- someone-else\n {2}- busy-parent\n/],
      [['personas: []'], /personas: \[busy-parent\]\n/],
      [[], /id: savers\npersonas: \[busy-parent\]\nname: Seg/],
    ] as [string[], RegExp][]) {
      const ws = taxonomy({
        'p.persona.yaml': persona('segments: [families, savers]'),
        'savers.segment.yaml': segment('savers', personas),
      });
      const [d] = diagnosticsOf(ws, 'p.persona.yaml', 'asymmetric-link');
      const after = applyEdits(ws, d.fixes![0].edits);
      assert.match(after['savers.segment.yaml'], expected);
      assert.deepEqual(summary(ws, 'asymmetric-link'), [], personas.join());
    }
  });

  it('reports the reverse: a segment listing a persona that does not list it', () => {
    const ws = taxonomy({ 'savers.segment.yaml': segment('savers', ['personas: [busy-parent]']) });
    const [d] = diagnosticsOf(ws, 'savers.segment.yaml', 'asymmetric-link');
    assert.match(
      d.message,
      /^This segment lists the persona `busy-parent` \("Busy Parent"\), but that persona does not list `savers` in its `segments`\./,
    );
    const after = applyEdits(ws, d.fixes![0].edits);
    assert.match(after['p.persona.yaml'], /segments: \[families, savers\]/);
  });

  it('reports an `equivalent` that is not named back, with a fix adding it', () => {
    const ws = taxonomy();
    const cx = ws.getFile(uriOf('cx.glossary.yaml'))!;
    ws.setFile(cx.uri, cx.relativePath, cx.text.replace('    equivalent: segment\n', ''));
    ws.flush();
    const [d, ...rest] = diagnosticsOf(ws, 'marketing.glossary.yaml', 'asymmetric-link');
    assert.equal(rest.length, 0);
    assert.equal(textOf(ws, 'marketing.glossary.yaml', d), 'persona');
    assert.match(d.message, /names `persona` \("Persona"\) as its equivalent, but it does not name `segment` back/);
    const after = applyEdits(ws, d.fixes![0].edits);
    assert.match(after['cx.glossary.yaml'], / {2}- id: persona\n {4}equivalent: segment\n/);
    assert.deepEqual(summary(ws, 'asymmetric-link'), []);
  });

  it('explains an `equivalent` answered by another term, without a fix', () => {
    const ws = taxonomy();
    const cx = ws.getFile(uriOf('cx.glossary.yaml'))!;
    ws.setFile(cx.uri, cx.relativePath, cx.text.replace('equivalent: segment', 'equivalent: customer-lifecycle'));
    ws.flush();
    const [d] = diagnosticsOf(ws, 'marketing.glossary.yaml', 'asymmetric-link');
    assert.match(d.message, /it names `customer-lifecycle` as its equivalent instead/);
    assert.equal(d.fixes, undefined);
  });

  it('recomputes the fix when the other file moves, so it never edits the wrong place', () => {
    const ws = taxonomy({
      'p.persona.yaml': persona('segments: [families, savers]'),
      'savers.segment.yaml': segment('savers', ['personas: [someone-else]']),
    });
    const text = ws.getFile(uriOf('savers.segment.yaml'))!.text;
    ws.setFile(
      uriOf('savers.segment.yaml'),
      'savers.segment.yaml',
      '# Savers, by Brand\n# (moved down two lines)\n' + text,
    );
    assert.ok(ws.pending().has(uriOf('p.persona.yaml')), 'the persona is re-checked');
    ws.flush();
    const [d] = diagnosticsOf(ws, 'p.persona.yaml', 'asymmetric-link');
    const after = applyEdits(ws, d.fixes![0].edits);
    assert.match(after['savers.segment.yaml'], /personas: \[someone-else, busy-parent\]\n/);
  });

  it('is quiet for mutual links and for ids that do not exist', () => {
    assert.deepEqual(summary(taxonomy(), 'asymmetric-link'), []);
    assert.deepEqual(
      summary(taxonomy({ 'p.persona.yaml': persona('segments: [families, nowhere]') }), 'asymmetric-link'),
      [],
    );
  });
});

import * as assert from 'node:assert/strict';
import { LineIndex, parseYaml } from '../../server/src/core';
import { diagnosticsOf, lines, memoryWorkspace } from '../support/workspace';

describe('parse: source ranges', () => {
  it('keeps a span for every value, keyed by JSON pointer', () => {
    const text = lines('kind: journey', 'stages:', '  - id: a', '    touchpoints:', '      - id: t1');
    const { docs } = parseYaml(text);
    const span = docs[0].spans.get('/stages/0/touchpoints/0/id')!;
    assert.equal(text.slice(span.start, span.end), 't1');
    assert.equal(text.slice(span.keyStart, span.keyEnd), 'id');
  });

  it('reads several documents', () => {
    const { docs } = parseYaml('a: 1\n---\na: 2\n');
    assert.deepEqual(
      docs.map((d) => d.value),
      [{ a: 1 }, { a: 2 }],
    );
  });

  it('gives exact positions with CRLF line endings and a BOM', () => {
    const text = '\uFEFFkind: kpi\r\nid: nps\r\nname: NPS\r\ndirection: up\r\n';
    const ws = memoryWorkspace({ 'k.kpi.yaml': text });
    const d = diagnosticsOf(ws, 'k.kpi.yaml', 'schema')[0];
    assert.deepEqual(d.range, { start: { line: 3, character: 11 }, end: { line: 3, character: 13 } });
  });

  it('counts characters in UTF-16 code units, as LSP does (emoji and combining marks)', () => {
    const text = 'kind: kpi\nname: "📈 Café"\nid: nps\ndirection: up\n';
    const ws = memoryWorkspace({ 'k.kpi.yaml': text });
    const d = diagnosticsOf(ws, 'k.kpi.yaml', 'schema')[0];
    assert.deepEqual(d.range.start, { line: 3, character: 11 });
    const li = new LineIndex('a📈b\n');
    assert.deepEqual(li.positionAt(3), { line: 0, character: 3 });
  });

  it('reports a key written twice at the second key, and keeps the first value', () => {
    const r = parseYaml('name: A\nid: x\nname: B\n');
    assert.deepEqual(r.docs[0].value, { name: 'A', id: 'x' });
    assert.equal(r.problems.length, 1);
    assert.deepEqual([r.problems[0].start, r.problems[0].end], [14, 18]);
  });

  it('never throws on deep nesting or an empty file', () => {
    const deep = '['.repeat(10000) + ']'.repeat(10000);
    const r = parseYaml(deep);
    assert.ok(r.problems.length >= 1);
    assert.deepEqual(parseYaml('').docs, []);
  });
});

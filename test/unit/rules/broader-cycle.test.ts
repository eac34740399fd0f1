import * as assert from 'node:assert/strict';
import { diagnosticsOf, lines, summary, uriOf } from '../../support/workspace';
import { taxonomy, textOf } from '../terms/support';

const glossary = (...terms: [string, string[]][]) =>
  lines(
    'kind: glossary',
    'vocabulary: cx',
    'terms:',
    ...terms.flatMap(([id, broader]) => [
      `  - id: ${id}`,
      `    term: T ${id}`,
      '    definition: Something.',
      ...(broader.length ? [`    broader: [${broader.join(', ')}]`] : []),
    ]),
  );

describe('rule broader-cycle', () => {
  it('reports each link of a circle, naming the whole circle', () => {
    const ws = taxonomy({ 'h.glossary.yaml': glossary(['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]) });
    assert.deepEqual(summary(ws, 'broader-cycle'), [
      'h.glossary.yaml:11 broader-cycle',
      'h.glossary.yaml:15 broader-cycle',
      'h.glossary.yaml:7 broader-cycle',
    ]);
    const [d] = diagnosticsOf(ws, 'h.glossary.yaml', 'broader-cycle');
    assert.equal(d.severity, 'error');
    assert.equal(textOf(ws, 'h.glossary.yaml', d), 'b');
    assert.match(d.message, /^These `broader` links go round in a circle: `a` → `b` → `c` → `a`\./);
  });

  it('reports a term broader than itself', () => {
    assert.deepEqual(summary(taxonomy({ 'h.glossary.yaml': glossary(['a', ['a']]) }), 'broader-cycle'), [
      'h.glossary.yaml:7 broader-cycle',
    ]);
  });

  it('finds circles across glossaries and follows edits of the other file', () => {
    const ws = taxonomy({ 'h.glossary.yaml': glossary(['a', ['b']]), 'i.glossary.yaml': glossary(['b', ['a']]) });
    assert.deepEqual(summary(ws, 'broader-cycle'), [
      'h.glossary.yaml:7 broader-cycle',
      'i.glossary.yaml:7 broader-cycle',
    ]);
    ws.setFile(uriOf('i.glossary.yaml'), 'i.glossary.yaml', glossary(['b', []]));
    ws.flush();
    assert.deepEqual(summary(ws, 'broader-cycle'), []);
  });

  it('is quiet for a hierarchy, diamonds included', () => {
    assert.deepEqual(
      summary(
        taxonomy({ 'h.glossary.yaml': glossary(['a', ['b', 'c']], ['b', ['d']], ['c', ['d']], ['d', []]) }),
        'broader-cycle',
      ),
      [],
    );
  });
});

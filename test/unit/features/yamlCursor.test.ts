import * as assert from 'node:assert/strict';
import { yamlCursorAt } from '../../../server/src/core/features/yamlCursor';
import { lines, withCursor } from '../../support/workspace';

function at(fixture: string) {
  const { text, offset } = withCursor(fixture);
  return yamlCursorAt(text, offset);
}

describe('features: the YAML path at the cursor, read from indentation', () => {
  it('a value with nothing after the key yet', () => {
    const c = at(lines('kind: persona', 'id: busy-parent', 'owner: $$'));
    assert.equal(c.role, 'value');
    assert.deepEqual(c.path, ['owner']);
    assert.equal(c.prefix, '');
  });

  it('a half-typed value, replacing the whole word', () => {
    const { text, offset } = withCursor(lines('kind: persona', 'owner: cx-o$$ps'));
    const c = yamlCursorAt(text, offset);
    assert.equal(c.prefix, 'cx-o');
    assert.equal(text.slice(c.replaceStart, c.replaceEnd), 'cx-ops');
  });

  it('an unclosed flow list counts the items before the cursor', () => {
    const c = at(
      lines('kind: journey', 'stages:', '  - id: a', '    touchpoints:', '      - id: t', '        kpis: [nps, $$'),
    );
    assert.equal(c.role, 'value');
    assert.deepEqual(c.path, ['stages', 0, 'touchpoints', 0, 'kpis', 1]);
    assert.equal(c.inList, true);
    assert.deepEqual(c.listValues, ['nps']);
  });

  it('a flow list that continues on the next line', () => {
    const c = at(lines('kind: persona', 'segments: [families,', '  young$$'));
    assert.equal(c.role, 'value');
    assert.deepEqual(c.path, ['segments', 1]);
    assert.equal(c.prefix, 'young');
  });

  it('a key being typed in a nested list item', () => {
    const c = at(
      lines(
        'kind: journey',
        'stages:',
        '  - id: a',
        '    name: A',
        '  - id: b',
        '    touchpoints:',
        '      - id: t',
        '        na$$',
      ),
    );
    assert.equal(c.role, 'key');
    assert.deepEqual(c.path, ['stages', 1, 'touchpoints', 0]);
    assert.equal(c.prefix, 'na');
    assert.deepEqual(c.siblingKeys.sort(), ['id']);
  });

  it('a blank line at the indentation of a mapping item', () => {
    const c = at(lines('kind: teams', 'teams:', '  - id: a', '    name: A', '    $$', '    function: cx'));
    assert.equal(c.role, 'key');
    assert.deepEqual(c.path, ['teams', 0]);
    assert.deepEqual(c.siblingKeys.sort(), ['function', 'id', 'name']);
  });

  it('a blank line back at the top level', () => {
    const c = at(lines('kind: persona', 'goals:', '  - one', '$$'));
    assert.equal(c.role, 'key');
    assert.deepEqual(c.path, []);
    assert.ok(c.siblingKeys.includes('kind') && c.siblingKeys.includes('goals'));
  });

  it('a block list item is a bare item under its key', () => {
    const c = at(lines('kind: persona', 'segments:', '  - families', '  - $$'));
    assert.equal(c.role, 'key');
    assert.equal(c.bareItem, true);
    assert.deepEqual(c.path, ['segments', 1]);
    assert.deepEqual(c.listValues, ['families']);
  });

  it('free text inside a block scalar', () => {
    const c = at(lines('kind: persona', 'description: |', '  Parents who juggle work and cust$$', 'owner: x'));
    assert.equal(c.role, 'value');
    assert.deepEqual(c.path, ['description']);
    assert.equal(c.inBlockText, true);
    assert.equal(c.prefix, 'cust');
  });

  it('a new key after a block scalar ends it', () => {
    const c = at(lines('kind: persona', 'description: |', '  Text', 'own$$'));
    assert.equal(c.role, 'key');
    assert.deepEqual(c.path, []);
  });

  it('the second document of a file', () => {
    const c = at(lines('kind: persona', 'id: a', '---', 'kind: persona', 'owner: $$'));
    assert.equal(c.docIndex, 1);
    assert.deepEqual(c.path, ['owner']);
  });

  it('a leading --- does not start a second document', () => {
    const c = at(lines('# comment', '---', 'kind: persona', 'owner: $$'));
    assert.equal(c.docIndex, 0);
  });

  it('a quoted value', () => {
    const c = at(lines('kind: persona', 'owner: "cx$$"'));
    assert.equal(c.quote, '"');
    assert.equal(c.prefix, 'cx');
  });

  it('the value of a key in a conflictsWith entry', () => {
    const c = at(lines('kind: kpi', 'conflictsWith:', '  - kpi: $$'));
    assert.deepEqual(c.path, ['conflictsWith', 0, 'kpi']);
  });

  it('CRLF line endings', () => {
    const c = at('kind: persona\r\nowner: cx$$\r\n');
    assert.deepEqual(c.path, ['owner']);
    assert.equal(c.prefix, 'cx');
  });
});

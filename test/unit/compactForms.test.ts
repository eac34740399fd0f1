import * as assert from 'node:assert/strict';
import { Bucket } from '../../server/src/core/index/buckets';
import { createTaxonomyFile } from '../../server/src/core/taxonomyFile';

describe('index memory: compact forms read as before', () => {
  it('a bucket tells whether an entry is its file’s first, and keeps files in the order they first added', () => {
    const b = new Bucket<{ n: number }>();
    const e = (n: number) => ({ n });
    assert.equal(b.add('a', e(1)), true);
    assert.equal(b.add('a', e(2)), false);
    assert.deepEqual(b.list(), [e(1), e(2)]);
    // A second file turns the one-file form into two lists, keeping the first file first. (A file
    // adds all its entries in one go, once its old ones are removed, as the index replaces it.)
    assert.equal(b.add('b', e(3)), true);
    assert.equal(b.add('b', e(4)), false);
    assert.deepEqual(b.list(), [e(1), e(2), e(3), e(4)]);
    b.remove('a');
    assert.equal(b.add('a', e(5)), true);
    assert.deepEqual(b.list(), [e(3), e(4), e(5)]);
    b.remove('a');
    b.remove('b');
    assert.ok(b.empty);
    assert.deepEqual(b.list(), []);
    // The one-file form empties and fills again the same way.
    const c = new Bucket<{ n: number }>();
    c.add('x', e(1));
    c.remove('y');
    assert.deepEqual(c.list(), [e(1)]);
    c.remove('x');
    assert.ok(c.empty);
    assert.equal(c.add('y', e(2)), true);
    assert.deepEqual(c.list(), [e(2)]);
  });

  it("an owner's range is read from the text when asked, a fresh object each time, and serialises as before", () => {
    const text = 'id: p\nowner:\n  - team-a\n  - team-b\nlead: team-a\n';
    const file = createTaxonomyFile('file:///p.persona.yaml', 'p.persona.yaml', text, 1, { maxFileSize: 1e9 });
    const owner = file.models[0].entities[0].owner;
    assert.ok(owner);
    assert.notEqual(owner.range, owner.range);
    assert.deepStrictEqual(owner.range, { start: { line: 2, character: 2 }, end: { line: 4, character: 0 } });
    assert.deepStrictEqual(JSON.parse(JSON.stringify(owner)), {
      teams: owner.teams.map((t) => JSON.parse(JSON.stringify(t))),
      isList: true,
      range: { start: { line: 2, character: 2 }, end: { line: 4, character: 0 } },
      lead: JSON.parse(JSON.stringify(owner.lead)),
    });
  });

  it('free-text sites are built when read, a fresh list each time, with their fields, offsets and styles', () => {
    const text = 'id: p\nname: "Busy parent"\ndescription: |\n  Short on time.\ngoals:\n  - Save time\n  - 7\n';
    const file = createTaxonomyFile('file:///p.persona.yaml', 'p.persona.yaml', text, 1, { maxFileSize: 1e9 });
    const model = file.models[0];
    assert.notEqual(model.texts, model.texts);
    // The number 7 in the list is not free text; a block scalar's span runs to the end of its last line.
    assert.deepStrictEqual(model.texts, [
      { field: 'name', text: 'Busy parent', start: 12, end: 25, scalarType: 'QUOTE_DOUBLE' },
      { field: 'description', text: 'Short on time.\n', start: 39, end: 58, scalarType: 'BLOCK_LITERAL' },
      { field: 'goals', text: 'Save time', start: 69, end: 78, scalarType: 'PLAIN' },
    ]);
  });
});

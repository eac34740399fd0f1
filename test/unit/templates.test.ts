import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { fileNameFor, renderTemplate, validateName, yamlString, type NewFileKind } from '../../client/src/templates';
import { toKebabId } from '../../server/src/core/domain';

describe('new-file templates', () => {
  it('derives kebab-case ids from names', () => {
    assert.equal(toKebabId('Sam, the Remote Professional'), 'sam-the-remote-professional');
    assert.equal(toKebabId('  Café Crème  '), 'cafe-creme');
    assert.equal(toKebabId('NPS (30 days)'), 'nps-30-days');
    assert.equal(toKebabId('Sales & Service'), 'sales-and-service');
    assert.equal(toKebabId('---'), '');
    assert.equal(toKebabId('x'.repeat(100)).length, 64);
  });

  it('refuses names without letters or digits', () => {
    assert.ok(validateName(''));
    assert.ok(validateName('!!!'));
    assert.ok(validateName('a\u0001b'));
    assert.equal(validateName('Busy parent'), undefined);
  });

  it('quotes names that YAML would misread', () => {
    assert.equal(yamlString('Busy parent'), 'Busy parent');
    assert.equal(yamlString('yes'), '"yes"');
    assert.equal(yamlString('a: b'), '"a: b"');
    assert.equal(yamlString('# heading'), '"# heading"');
    assert.equal(yamlString('42'), '"42"');
  });

  for (const kind of ['persona', 'segment', 'journey', 'kpi', 'glossary'] as NewFileKind[]) {
    it(`writes a ${kind} that parses, with the right kind, id and name, and the cursor after owner`, () => {
      const name = 'Tricky: "name" #1';
      const t = renderTemplate(kind, name, toKebabId(name));
      const doc = parseDocument(t.text);
      assert.deepEqual(doc.errors, []);
      const value = doc.toJS() as Record<string, unknown>;
      assert.equal(value.kind, kind);
      assert.equal(value.id, 'tricky-name-1');
      assert.equal(value.name, name);
      const line = t.text.split('\n')[t.cursor.line];
      assert.equal(line.slice(0, t.cursor.character), 'owner: ');
      assert.equal(fileNameFor(kind, 'x'), `x.${kind}.yaml`);
    });
  }
});

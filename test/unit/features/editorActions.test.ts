import * as assert from 'node:assert/strict';
import {
  applyTextEdits,
  disableEdits,
  editorActions,
  fixAllEdits,
  SAFE_FIX_RULE_IDS,
} from '../../../server/src/core/features';
import type { TaxonomyWorkspace } from '../../../server/src/core';
import { diagnosticsOf, lines, memoryWorkspace, uriOf } from '../../support/workspace';

const TEAMS = lines('kind: teams', 'teams:', '  - id: cx-ops', '    name: CX operations', '    function: cx');
const GLOSSARY = lines(
  'kind: glossary',
  'vocabulary: cx',
  'owner: cx-ops',
  'terms:',
  '  - id: persona',
  '    term: Persona',
  '    definition: A portrait of one type of customer.',
  '    avoid: [buyer avatar]',
);

function fileOf(ws: TaxonomyWorkspace, path: string) {
  return ws.getFile(uriOf(path))!;
}

/** The text after applying an edit set, set back into the workspace and checked again. */
function applied(ws: TaxonomyWorkspace, path: string, edits: Parameters<typeof applyTextEdits>[1]): string {
  const text = applyTextEdits(fileOf(ws, path), edits);
  ws.setFile(uriOf(path), path, text);
  ws.flush();
  return text;
}

describe('editor actions: fix all and disable comments', () => {
  it('the safe rules are those flagged fixable: safe', () => {
    assert.deepEqual([...SAFE_FIX_RULE_IDS].sort(), [
      'deprecated-reference',
      'deprecated-term',
      'kind-mismatch',
      'unused-disable-directive',
    ]);
  });

  it('fix all applies every safe fix of a file in one edit set, and leaves the other findings', () => {
    const persona = lines(
      'kind: segment',
      'id: solo',
      'name: Solo buyer avatar',
      'owner: cx-ops',
      'description: Each buyer avatar differs.',
      'segments: [nowhere]',
    );
    const ws = memoryWorkspace({ 'org.teams.yaml': TEAMS, 'cx.glossary.yaml': GLOSSARY, 'solo.persona.yaml': persona });
    const before = diagnosticsOf(ws, 'solo.persona.yaml')
      .map((d) => d.ruleId)
      .sort();
    assert.deepEqual(before, ['deprecated-term', 'deprecated-term', 'kind-mismatch', 'unresolved-reference']);
    const text = applied(ws, 'solo.persona.yaml', fixAllEdits(ws, fileOf(ws, 'solo.persona.yaml')));
    assert.equal(
      text,
      lines(
        'kind: persona',
        'id: solo',
        'name: Solo persona',
        'owner: cx-ops',
        'description: Each persona differs.',
        'segments: [nowhere]',
      ),
    );
    assert.deepEqual(
      diagnosticsOf(ws, 'solo.persona.yaml').map((d) => d.ruleId),
      ['unresolved-reference'],
    );
  });

  it('disable for this line goes above the line a block scalar starts on, indented as it is', () => {
    const persona = lines(
      'kind: persona',
      'id: solo',
      'name: Solo',
      'owner: cx-ops',
      'description: |',
      '  First line.',
      '  Each buyer avatar differs.',
    );
    const ws = memoryWorkspace({ 'org.teams.yaml': TEAMS, 'cx.glossary.yaml': GLOSSARY, 'solo.persona.yaml': persona });
    const [d] = diagnosticsOf(ws, 'solo.persona.yaml', 'deprecated-term');
    assert.equal(d.range.start.line, 6);
    const [line] = disableEdits(fileOf(ws, 'solo.persona.yaml'), 'deprecated-term', d.range.start.line);
    assert.equal(line.edit.newText.slice(line.reason.start, line.reason.end), 'reason');
    const text = applied(ws, 'solo.persona.yaml', [line.edit]);
    assert.match(text, /^owner: cx-ops\n# cx-taxonomy-disable-next-line deprecated-term -- reason\ndescription: \|\n/m);
    assert.deepEqual(
      diagnosticsOf(ws, 'solo.persona.yaml').filter((x) => x.ruleId !== 'orphan-persona'),
      [],
    );
  });

  it('disable for this file merges into a file-level comment and keeps its reason', () => {
    const persona = lines(
      '# cx-taxonomy-disable kind-mismatch -- migrating',
      'kind: segment',
      'id: solo',
      'name: Solo buyer avatar',
      'owner: cx-ops',
    );
    const ws = memoryWorkspace({ 'org.teams.yaml': TEAMS, 'cx.glossary.yaml': GLOSSARY, 'solo.persona.yaml': persona });
    const [d] = diagnosticsOf(ws, 'solo.persona.yaml', 'deprecated-term');
    const file = disableEdits(fileOf(ws, 'solo.persona.yaml'), 'deprecated-term', d.range.start.line)[1];
    assert.equal(file.title, 'Disable `deprecated-term` for this file');
    assert.equal(file.edit.newText, '# cx-taxonomy-disable kind-mismatch, deprecated-term -- migrating');
    assert.equal(file.edit.newText.slice(file.reason.start, file.reason.end), 'migrating');
    applied(ws, 'solo.persona.yaml', [file.edit]);
    assert.deepEqual(
      diagnosticsOf(ws, 'solo.persona.yaml').filter((x) => x.ruleId !== 'orphan-persona'),
      [],
    );
  });

  it('disable comments go on a line of their own at the end of a file without a final line break', () => {
    const ws = memoryWorkspace(
      { 'org.teams.yaml': TEAMS, 'cx.glossary.yaml': GLOSSARY, 'doc.md': '<!-- header -->' },
      { docs: ['*.md'] },
    );
    const [, top] = disableEdits(fileOf(ws, 'doc.md'), 'deprecated-term', 0);
    assert.equal(
      applyTextEdits(fileOf(ws, 'doc.md'), [top.edit]),
      '<!-- header -->\n<!-- cx-taxonomy-disable deprecated-term -- reason -->\n',
    );
  });

  it('no disable action for the directive rules, which no comment silences', () => {
    const ws = memoryWorkspace({
      'org.teams.yaml': TEAMS,
      'a.persona.yaml': lines(
        '# cx-taxonomy-disable-next-line kpi-ownr',
        'kind: persona',
        'id: a',
        'name: A',
        'owner: cx-ops',
      ),
    });
    const [d] = diagnosticsOf(ws, 'a.persona.yaml', 'disable-directive');
    const titles = editorActions(ws, fileOf(ws, 'a.persona.yaml'), d.range, [
      { ruleId: d.ruleId, range: d.range, message: d.message },
    ]).map((a) => a.title);
    assert.deepEqual(titles, ['Change to `kpi-owner`', 'Show documentation for `disable-directive`']);
  });
});

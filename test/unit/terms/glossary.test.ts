import * as assert from 'node:assert/strict';
import { termAtInFile, workspaceGlossary, findTermsInFile } from '../../../server/src/core/terms';
import { lines, memoryWorkspace, uriOf } from '../../support/workspace';

const glossary = (extra = '') =>
  lines(
    'kind: glossary',
    'vocabulary: marketing',
    'terms:',
    '  - id: segment',
    '    term: Segment',
    '    definition: A group of customers.',
    '    aliases: [customer segment]',
    '    avoid: [target group]',
    '    equivalent: persona',
    extra,
  );

describe('terms: the workspace glossary', () => {
  it('compiles every label of every glossary, with its role and vocabulary', () => {
    const ws = memoryWorkspace({
      'm.glossary.yaml': glossary(),
      'c.glossary.yaml': lines(
        'kind: glossary',
        'vocabulary: cx',
        'terms:',
        '  - id: persona',
        '    term: Persona',
        '    definition: A portrait.',
        '    equivalent: segment',
      ),
    });
    const g = workspaceGlossary(ws);
    assert.equal(g.matcher.size, 4);
    const roles = g.matcher
      .findAll('Target groups, customer segments and personas')
      .map((m) => `${m.text}:${m.labels.map((l) => `${l.termId}/${l.role}/${l.vocabulary}`).join()}`);
    assert.deepEqual(roles, [
      'Target groups:segment/avoid/marketing',
      'customer segments:segment/alias/marketing',
      'personas:persona/preferred/cx',
    ]);
    assert.deepEqual(
      g.equivalentsIn('segment', 'cx').map((t) => t.preferred),
      ['Persona'],
    );
    assert.deepEqual(
      g.equivalentsIn('persona', 'marketing').map((t) => t.id),
      ['segment'],
    );
  });

  it('is built once and rebuilt only when a label changes', () => {
    const ws = memoryWorkspace({
      'm.glossary.yaml': glossary(),
      'p.persona.yaml': lines('kind: persona', 'id: p', 'name: P'),
    });
    const first = workspaceGlossary(ws);
    assert.equal(workspaceGlossary(ws), first, 'cached');
    ws.setFile(uriOf('p.persona.yaml'), 'p.persona.yaml', lines('kind: persona', 'id: p', 'name: Other'));
    assert.equal(workspaceGlossary(ws), first, 'other files do not rebuild it');
    ws.setFile(
      uriOf('m.glossary.yaml'),
      'm.glossary.yaml',
      '# moved down\n' + glossary().replace('A group of customers.', 'A group.'),
    );
    assert.equal(workspaceGlossary(ws), first, 'moving a term or editing its definition does not rebuild it');
    ws.setFile(uriOf('m.glossary.yaml'), 'm.glossary.yaml', glossary().replace('target group', 'audience'));
    const second = workspaceGlossary(ws);
    assert.notEqual(second, first, 'a label change rebuilds it');
    assert.equal(second.matcher.findAll('audience').length, 1);
    ws.removeFile(uriOf('m.glossary.yaml'));
    assert.equal(workspaceGlossary(ws).matcher.size, 0);
  });

  it('finds terms in free text at their offsets in the file, block scalars and quotes included, code spans skipped', () => {
    const persona = lines(
      'kind: persona',
      'id: p',
      'name: "The target group"',
      'description: >-',
      '  Part of a customer',
      '  segment; not a `target group`.',
      'goals:',
      '  - Leave the target group',
    );
    const ws = memoryWorkspace({ 'm.glossary.yaml': glossary(), 'p.persona.yaml': persona });
    const file = ws.getFile(uriOf('p.persona.yaml'))!;
    const found = findTermsInFile(file, workspaceGlossary(ws).matcher).map(
      (m) =>
        `${file.lines.positionAt(m.start).line}:${file.lines.positionAt(m.start).character} ${m.text} (${m.site?.field})`,
    );
    assert.deepEqual(found, [
      '2:11 target group (name)',
      '4:12 customer\n  segment (description)',
      '7:14 target group (goals)',
    ]);
  });

  it('finds the term under the cursor in Markdown, not in code', () => {
    const md = 'A target group, not `target group`.\n';
    const ws = memoryWorkspace({ 'm.glossary.yaml': glossary(), 'docs/a.md': md });
    const file = ws.getFile(uriOf('docs/a.md'))!;
    const { matcher } = workspaceGlossary(ws);
    assert.equal(termAtInFile(file, 4, matcher)?.text, 'target group');
    assert.equal(termAtInFile(file, 25, matcher), undefined);
    assert.equal(findTermsInFile(file, matcher).length, 1);
  });
});

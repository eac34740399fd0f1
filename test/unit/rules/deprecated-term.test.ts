import * as assert from 'node:assert/strict';
import { diagnosticsOf, lines, summary, uriOf } from '../../support/workspace';
import { applyEdits, taxonomy, textOf } from '../terms/support';

const persona = (description: string) =>
  lines(
    'kind: persona',
    'id: busy-parent',
    'name: Busy Parent',
    'owner: cx-ops',
    'segments: [families]',
    `description: ${description}`,
  );

describe('rule deprecated-term', () => {
  it('reports an avoid label in free text at the exact words, as a deprecated warning', () => {
    const ws = taxonomy({ 'p.persona.yaml': persona('Parents are our main target group for bundles.') });
    const [d, ...rest] = diagnosticsOf(ws, 'p.persona.yaml', 'deprecated-term');
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'warning');
    assert.equal(d.deprecated, true);
    assert.equal(textOf(ws, 'p.persona.yaml', d), 'target group');
    assert.deepEqual(d.range, { start: { line: 5, character: 34 }, end: { line: 5, character: 46 } });
    assert.equal(
      d.message,
      'Avoid "target group": the glossary lists it as a label not to use. Write "Segment" (term `segment`) instead.',
    );
  });

  it('offers the preferred term in the case and number written', () => {
    for (const [written, expected] of [
      ['Target group', 'Segment'],
      ['TARGET GROUP', 'SEGMENT'],
      ['target group', 'segment'],
      ['target groups', 'segments'],
      ['Target Groups', 'Segments'],
    ]) {
      const ws = taxonomy({ 'p.persona.yaml': persona(`About the ${written} here.`) });
      const [d] = diagnosticsOf(ws, 'p.persona.yaml', 'deprecated-term');
      assert.equal(d.fixes?.[0].edits[0].newText, expected, written);
      assert.equal(d.fixes?.[0].title, `Replace with "${expected}"`);
    }
  });

  it('applies the fix in place, inside quotes and across a line break', () => {
    const text = lines(
      'kind: persona',
      'id: busy-parent',
      'name: "The Target Group"',
      'owner: cx-ops',
      'segments: [families]',
      'description: >-',
      '  Parents are our target',
      '  group for bundles.',
    );
    const ws = taxonomy({ 'p.persona.yaml': text });
    const ds = diagnosticsOf(ws, 'p.persona.yaml', 'deprecated-term');
    assert.deepEqual(
      ds.map((d) => textOf(ws, 'p.persona.yaml', d)),
      ['Target Group', 'target\n  group'],
    );
    const after = applyEdits(
      ws,
      ds.map((d) => d.fixes![0].edits[0]),
    );
    assert.match(after['p.persona.yaml'], /name: "The Segment"\n/);
    assert.match(after['p.persona.yaml'], /Parents are our segment for bundles\./);
    assert.deepEqual(summary(ws, 'deprecated-term'), []);
  });

  it('reports in Markdown docs, skipping code, URLs and comments', () => {
    const md = lines(
      '# Notes',
      '',
      'The customer path is long.',
      '',
      '`customer path` and [link](https://x.test/customer-path)',
      '```',
      'customer path',
      '```',
      '<!-- customer path -->',
    );
    const ws = taxonomy({ 'docs/notes.md': md });
    const ds = diagnosticsOf(ws, 'docs/notes.md', 'deprecated-term');
    assert.deepEqual(
      ds.map((d) => `${d.range.start.line}:${d.range.start.character}`),
      ['2:4'],
    );
    assert.equal(ds[0].fixes?.[0].edits[0].newText, 'customer journey');
  });

  it('reads the docs the config names (default: every Markdown file)', () => {
    const configured = taxonomy({}, 'docs:\n  - "docs/**/*.md"\n');
    assert.equal(configured.accepts('docs/a/notes.md'), true);
    assert.equal(configured.accepts('README.md'), false);
    const byDefault = taxonomy();
    assert.equal(byDefault.accepts('README.md'), true);
    assert.equal(byDefault.accepts('docs/a/notes.md'), true);
  });

  it('ignores other words and parts of words', () => {
    const ws = taxonomy({ 'p.persona.yaml': persona('Group targets and target groupings; a customer segment.') });
    assert.deepEqual(summary(ws, 'deprecated-term'), []);
  });

  it('lets a term mention the label it replaces in its own definition', () => {
    const g = lines(
      'kind: glossary',
      'vocabulary: shared',
      'terms:',
      '  - id: churn',
      '    term: Churn',
      '    definition: Customers leaving; formerly called attrition.',
      '    avoid: [attrition]',
      '  - id: retention',
      '    term: Retention',
      '    definition: The opposite of attrition.',
    );
    const ws = taxonomy({ 'shared.glossary.yaml': g });
    assert.deepEqual(summary(ws, 'deprecated-term'), ['shared.glossary.yaml:10 deprecated-term']);
  });

  it('is quiet when another term accepts the label (label-clash reports the glossary)', () => {
    const g = lines(
      'kind: glossary',
      'vocabulary: sales',
      'terms:',
      '  - id: target-group',
      '    term: Target group',
      '    definition: Accounts a sales team is assigned.',
    );
    const ws = taxonomy({ 'sales.glossary.yaml': g, 'p.persona.yaml': persona('Our target group.') });
    assert.deepEqual(summary(ws, 'deprecated-term'), []);
  });

  it('follows glossary edits: a label added or removed re-checks the files that use it', () => {
    const ws = taxonomy({ 'p.persona.yaml': persona('Parents want a buyer avatar and a target group.') });
    assert.equal(diagnosticsOf(ws, 'p.persona.yaml', 'deprecated-term').length, 2);
    const cx = ws.getFile(uriOf('cx.glossary.yaml'))!;
    ws.setFile(cx.uri, cx.relativePath, cx.text.replace('avoid: [buyer avatar]', 'aliases: [buyer avatar]'));
    assert.ok(ws.pending().has(uriOf('p.persona.yaml')));
    ws.flush();
    assert.deepEqual(
      diagnosticsOf(ws, 'p.persona.yaml', 'deprecated-term').map((d) => textOf(ws, 'p.persona.yaml', d)),
      ['target group'],
    );
  });

  it('can be turned off', () => {
    const ws = taxonomy({ 'p.persona.yaml': persona('target group') }, 'rules:\n  deprecated-term: off\n');
    assert.deepEqual(summary(ws, 'deprecated-term'), []);
  });
});

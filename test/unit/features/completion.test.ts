import * as assert from 'node:assert/strict';
import { complete, type CompletionEntry } from '../../../server/src/core/features/completion';
import { lines, memoryWorkspace, uriOf, withCursor } from '../../support/workspace';
import { featureTaxonomy, workspaceWithCursor } from './fixture';

function completeAt(path: string, text: string, extra: Record<string, string> = {}) {
  const { ws, uri, offset } = workspaceWithCursor(path, text, extra);
  return complete(ws, ws.getFile(uri)!, offset);
}

const labels = (items: { label: string }[]) => items.map((i) => i.label).sort();

describe('features: completion', () => {
  it('offers teams with their function for `owner:` with nothing typed yet', () => {
    const items = completeAt('new.persona.yaml', lines('kind: persona', 'id: new', 'name: New', 'owner: $$'));
    assert.deepEqual(labels(items), ['brand-marketing', 'cx-ops', 'sales-team']);
    const cx = items.find((i) => i.label === 'cx-ops')!;
    assert.equal(cx.kind, 'reference');
    assert.match(cx.detail!, /CX Operations · cx/);
    assert.match(cx.documentation!, /\*\*Team\*\*/);
  });

  it('offers KPIs in an unclosed flow list and leaves out the ones already listed', () => {
    const extra = { 'c.kpi.yaml': lines('kind: kpi', 'id: csat', 'name: CSAT', 'owner: cx-ops') };
    const items = completeAt(
      'j.journey.yaml',
      lines(
        'kind: journey',
        'id: onboarding',
        'name: Onboarding',
        'owner: cx-ops',
        'stages:',
        '  - id: welcome',
        '    name: Welcome',
        '    touchpoints:',
        '      - id: t',
        '        name: T',
        '        kpis: [nps, $$',
      ),
      extra,
    );
    assert.deepEqual(labels(items), ['csat']);
  });

  it('offers personas for a journey `persona` and segments in a block list', () => {
    assert.deepEqual(labels(completeAt('x.journey.yaml', lines('kind: journey', 'id: x', 'persona: bu$$'))), [
      'busy-parent',
    ]);
    assert.deepEqual(labels(completeAt('q.persona.yaml', lines('kind: persona', 'id: q', 'segments:', '  - $$'))), [
      'families',
    ]);
  });

  it('offers only the teams of the sibling `owner` list for `lead`', () => {
    assert.deepEqual(
      labels(
        completeAt(
          'q.persona.yaml',
          lines('kind: persona', 'id: q', 'name: Q', 'owner: [cx-ops, sales-team]', 'lead: $$'),
        ),
      ),
      ['cx-ops', 'sales-team'],
    );
    // On a touchpoint, the touchpoint's own owners, not the journey's.
    const tp = completeAt(
      'l.journey.yaml',
      lines(
        'kind: journey',
        'id: l',
        'name: L',
        'owner: brand-marketing',
        'stages:',
        '  - id: a',
        '    name: A',
        '    touchpoints:',
        '      - id: t',
        '        name: T',
        '        owner:',
        '          - sales-team',
        '          - cx-ops',
        '        lead: c$$',
      ),
    );
    assert.deepEqual(labels(tp), ['cx-ops', 'sales-team']);
    // With no owner written yet, every team is a candidate.
    assert.deepEqual(labels(completeAt('r.persona.yaml', lines('kind: persona', 'id: r', 'name: R', 'lead: $$'))), [
      'brand-marketing',
      'cx-ops',
      'sales-team',
    ]);
  });

  it('says what each enumerated value means in its documentation', () => {
    const items = completeAt('k4.kpi.yaml', lines('kind: kpi', 'id: k4', 'direction: $$'));
    assert.match(items.find((i) => i.label === 'decrease')!.documentation ?? '', /Lower is better/);
  });

  it('completes glossary terms in Markdown prose as in free text: after emphasis marks, never in code', () => {
    assert.ok(labels(completeAt('docs/a.md', lines('# Notes', '', 'Each **custom$$'))).includes('Customer journey'));
    assert.ok(labels(completeAt('docs/b.md', lines('- _pers$$'))).includes('Persona'));
    assert.deepEqual(completeAt('docs/c.md', lines('```yaml', 'pers$$', '```')), []);
    assert.deepEqual(completeAt('docs/d.md', lines('See `pers$$` here')), []);
  });

  it('offers enum values, lifecycle stages and channels', () => {
    assert.deepEqual(labels(completeAt('k2.kpi.yaml', lines('kind: kpi', 'id: k2', 'direction: $$'))), [
      'decrease',
      'increase',
      'maintain',
    ]);
    assert.ok(
      labels(completeAt('s2.segment.yaml', lines('kind: segment', 'id: s2', 'lifecycleStage: $$'))).includes(
        'win-back',
      ),
    );
    const channels = labels(
      completeAt(
        'j2.journey.yaml',
        lines('kind: journey', 'stages:', '  - id: a', '    touchpoints:', '      - id: t', '        channel: $$'),
      ),
    );
    assert.ok(channels.includes('email') && channels.includes('in-product'));
  });

  it('adds a space when completing right after the colon', () => {
    const items = completeAt('k3.kpi.yaml', lines('kind: kpi', 'id: k3', 'direction:$$'));
    assert.equal(items.find((i) => i.label === 'increase')!.insertText, ' increase');
  });

  it('offers the keys a mapping may still have, with their schema docs', () => {
    const items = completeAt(
      'j3.journey.yaml',
      lines(
        'kind: journey',
        'id: j3',
        'name: J3',
        'stages:',
        '  - id: a',
        '    name: A',
        '    touchpoints:',
        '      - id: t',
        '        na$$',
      ),
    );
    const names = labels(items);
    assert.ok(names.includes('name') && names.includes('owner') && names.includes('kpis'));
    assert.ok(!names.includes('id'), 'id is already written');
    const owner = items.find((i) => i.label === 'owner')!;
    assert.match(owner.documentation!, /accountable/);
    const kpis = items.find((i) => i.label === 'kpis')!;
    assert.equal(kpis.insertText, 'kpis: [$0]');
    const name = items.find((i) => i.label === 'name')!;
    assert.equal(name.detail, 'required');
    assert.equal(owner.retrigger, true, 'owner has team ids to offer');
    assert.equal(kpis.retrigger, true);
    assert.ok(!name.retrigger, 'a name is free text');
  });

  it('indents a list of mappings under the key', () => {
    const items = completeAt('j4.journey.yaml', lines('kind: journey', 'id: j4', 'st$$'));
    assert.equal(items.find((i) => i.label === 'stages')!.insertText, 'stages:\n  - $0');
  });

  it('inserts only the key when a colon already follows', () => {
    const items = completeAt('q5.persona.yaml', lines('kind: persona', 'ow$$: cx-ops'));
    assert.equal(items.find((i) => i.label === 'owner')!.insertText, 'owner');
  });

  it('offers a skeleton in an empty file, with the id from the file name', () => {
    const items = completeAt('busy-dad.persona.yaml', '$$');
    assert.equal(items.length, 1);
    assert.equal(items[0].kind, 'skeleton');
    assert.match(items[0].insertText, /^kind: persona\nid: \$\{1:busy-dad\}/);
  });

  it('offers glossary terms in free text, continuing several words', () => {
    const items = completeAt('q6.persona.yaml', lines('kind: persona', 'id: q6', 'description: Their customer jou$$'));
    const j = items.find((i) => i.label === 'Customer journey')!;
    assert.ok(j, 'the term continues "customer jou"');
    assert.equal(j.insertText, 'customer journey', 'lower case, as typed');
    assert.equal(j.range.start.character, 'description: Their '.length);
    assert.ok(!items.some((i) => i.label === 'buyer avatar'), 'labels to avoid are never offered');
  });

  it('offers glossary terms in Markdown docs', () => {
    const items = completeAt('docs/new.md', 'We map each pers$$');
    assert.ok(items.some((i) => i.label === 'Persona'));
  });

  it('offers terms of the other vocabulary first for `equivalent`', () => {
    const items = completeAt(
      'cx2.glossary.yaml',
      lines('kind: glossary', 'vocabulary: cx', 'terms:', '  - id: x', '    term: X', '    equivalent: $$'),
    );
    assert.ok(items.find((i) => i.label === 'segment')!.sortText!.startsWith('0'));
    assert.ok(items.find((i) => i.label === 'persona')!.sortText!.startsWith('1'));
  });

  it('offers rule ids and severities in the config file', () => {
    const keys = labels(completeAt('cx-taxonomy.config.yaml', lines('rules:', '  touch$$')));
    assert.ok(keys.includes('touchpoint-owner'));
    assert.deepEqual(labels(completeAt('cx-taxonomy.config.yaml', lines('rules:', '  touchpoint-owner: $$'))), [
      'error',
      'hint',
      'info',
      'off',
      'warning',
    ]);
  });
});

describe('features: completion marks what is retired', () => {
  /** Personas: busy-parent deprecated in favour of family-planner, old-saver past its sunset, new-mover fine. */
  function personasAt(textWithCursor: string, today = '2026-12-03') {
    const files = featureTaxonomy();
    files['p.persona.yaml'] += lines('status: deprecated', 'replacedBy: family-planner');
    files['p2.persona.yaml'] = lines('kind: persona', 'id: family-planner', 'name: Family Planner', 'owner: cx-ops');
    files['p3.persona.yaml'] = lines('kind: persona', 'id: old-saver', 'name: Old Saver', 'sunset: 2026-12-02');
    files['p4.persona.yaml'] = lines('kind: persona', 'id: new-mover', 'name: New Mover', 'status: draft');
    const { text, offset } = withCursor(textWithCursor);
    const ws = memoryWorkspace({ ...files, 'new.journey.yaml': text }, { today });
    return complete(ws, ws.getFile(uriOf('new.journey.yaml'))!, offset);
  }
  const byLabel = (items: CompletionEntry[]) => new Map(items.map((i) => [i.label, i]));
  const sorted = (items: CompletionEntry[]) =>
    [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);

  it('strikes through a deprecated persona, names its replacement in the detail and sorts it last', () => {
    const items = personasAt(lines('kind: journey', 'id: new', 'persona: $$'));
    const it = byLabel(items);
    assert.equal(it.get('busy-parent')!.deprecated, true);
    assert.equal(
      it.get('busy-parent')!.detail,
      'Busy Parent · owner cx-ops · deprecated — use family-planner (Family Planner)',
    );
    assert.equal(it.get('family-planner')!.deprecated, undefined);
    assert.equal(it.get('new-mover')!.deprecated, undefined, 'a draft is not deprecated');
    assert.deepEqual(sorted(items), ['family-planner', 'new-mover', 'busy-parent', 'old-saver']);
  });

  it('marks an entry whose sunset has passed, but not on the sunset day itself', () => {
    const after = byLabel(personasAt(lines('kind: journey', 'id: new', 'persona: $$')));
    assert.equal(after.get('old-saver')!.deprecated, true);
    assert.equal(after.get('old-saver')!.detail, 'Old Saver · sunset passed');
    const onTheDay = byLabel(personasAt(lines('kind: journey', 'id: new', 'persona: $$'), '2026-12-02'));
    assert.equal(onTheDay.get('old-saver')!.deprecated, undefined);
    assert.equal(onTheDay.get('old-saver')!.detail, 'Old Saver');
  });

  it('offers the ids of the same kind for `replacedBy`, but not the entity itself, retired ones last', () => {
    const files = featureTaxonomy();
    files['p3.persona.yaml'] = lines('kind: persona', 'id: old-saver', 'name: Old Saver', 'status: deprecated');
    files['p2.persona.yaml'] = lines('kind: persona', 'id: family-planner', 'name: Family Planner');
    const { text, offset } = withCursor(
      lines('kind: persona', 'id: busy-parent', 'status: deprecated', 'replacedBy: $$'),
    );
    const ws = memoryWorkspace({ ...files, 'p.persona.yaml': text }, { today: '2026-12-03' });
    const items = complete(ws, ws.getFile(uriOf('p.persona.yaml'))!, offset);
    assert.deepEqual(sorted(items), ['family-planner', 'old-saver']);
    const term = withCursor(
      lines('kind: glossary', 'vocabulary: cx', 'terms:', '  - id: buyer-persona', '    replacedBy: per$$'),
    );
    const ws2 = memoryWorkspace({ ...featureTaxonomy(), 'g.glossary.yaml': term.text });
    assert.ok(labels(complete(ws2, ws2.getFile(uriOf('g.glossary.yaml'))!, term.offset)).includes('persona'));
  });

  it('marks a deprecated glossary term in free text and names the replacing term by its label', () => {
    const files = featureTaxonomy();
    files['cx.glossary.yaml'] += lines(
      '  - id: buyer-persona',
      '    term: Buyer persona',
      '    definition: Old word for a persona.',
      '    status: deprecated',
      '    replacedBy: persona',
    );
    const { text, offset } = withCursor(lines('kind: persona', 'id: x', 'description: Our bu$$'));
    const ws = memoryWorkspace({ ...files, 'x.persona.yaml': text }, { today: '2026-12-03' });
    const items = complete(ws, ws.getFile(uriOf('x.persona.yaml'))!, offset);
    const old = byLabel(items).get('Buyer persona')!;
    assert.equal(old.deprecated, true);
    assert.equal(old.detail, 'glossary term · CX · deprecated — use Persona');
    assert.match(old.sortText!, /^2/);
  });
});

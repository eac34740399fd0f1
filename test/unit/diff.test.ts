import * as assert from 'node:assert/strict';
import { diffTaxonomies, introducesErrors, type TaxonomyDiff } from '../../server/src/core/diff';
import { applyHabits, HABITS } from '../../bench/styles';
import { mulberry32 } from '../../bench/random';
import { baseTaxonomy, lines, memoryWorkspace } from '../support/workspace';

type Files = Record<string, string>;

/** The diff of the base taxonomy (plus `extra`) against a copy changed by `change`. */
function diffOf(change: (f: Files) => void, extra: Files = {}, headConfig?: string): TaxonomyDiff {
  const base = { ...baseTaxonomy(), ...extra };
  const head = { ...base };
  change(head);
  return diffTaxonomies(memoryWorkspace(base), memoryWorkspace(head, headConfig));
}

/** Replaces text in one file, failing when it is not there (so a fixture drift shows). */
function edit(f: Files, file: string, from: string | RegExp, to: string): void {
  const before = f[file];
  const found = typeof from === 'string' ? before?.includes(from) : from.test(before ?? '');
  assert.ok(before !== undefined && found, `${String(from)} is not in ${file}`);
  f[file] = before.replace(from, to);
}

const GLOSSARY = lines(
  'kind: glossary',
  'vocabulary: cx',
  'owner: cx-ops',
  'terms:',
  '  - id: churn',
  '    term: Churn',
  '    definition: Customers who leave in a month.',
  '    aliases: [attrition]',
  '  - id: lead',
  '    term: Lead',
  '    definition: A person who showed interest.',
);

describe('core diff (cx-taxonomy diff)', () => {
  it('two equal versions: nothing in any section', () => {
    const d = diffOf(() => undefined, { 'g.glossary.yaml': GLOSSARY });
    assert.deepEqual(d.entities, { added: [], removed: [], renamed: [] });
    assert.deepEqual(d.ownership, []);
    assert.deepEqual(d.kpis, []);
    assert.deepEqual(d.governance, []);
    assert.deepEqual(d.glossary.redefined, []);
    assert.deepEqual(d.lifecycle.mappings, []);
    assert.deepEqual(d.problems, { introduced: [], fixed: [] });
    assert.equal(introducesErrors(d), false);
  });

  it('an id changed with its uses and nothing else: renamed, not removed and added', () => {
    const d = diffOf((f) => {
      edit(f, 'p.persona.yaml', 'id: busy-parent', 'id: busy-carer');
      edit(f, 's.segment.yaml', 'personas: [busy-parent]', 'personas: [busy-carer]');
      edit(f, 'j.journey.yaml', 'persona: busy-parent', 'persona: busy-carer');
    });
    assert.deepEqual(d.entities, {
      added: [],
      removed: [],
      renamed: [{ kind: 'persona', from: 'busy-parent', to: 'busy-carer', file: 'p.persona.yaml' }],
    });
    assert.deepEqual(d.problems.introduced, []);
  });

  it('an id changed along with its name, in its own file: still a rename (same place); a new file is an addition', () => {
    const d = diffOf((f) => {
      edit(f, 'p.persona.yaml', /id: busy-parent\nname: Busy Parent/, 'id: busy-carer\nname: Busy Carer');
      f['q.persona.yaml'] = lines('kind: persona', 'id: student', 'name: Student', 'owner: cx-ops');
    });
    assert.deepEqual(
      d.entities.renamed.map((r) => `${r.from}>${r.to}`),
      ['busy-parent>busy-carer'],
    );
    assert.deepEqual(d.entities.added, [{ kind: 'persona', id: 'student', file: 'q.persona.yaml', label: 'Student' }]);
    assert.deepEqual(d.entities.removed, []);
  });

  it('a renamed journey keeps its stages and touchpoints matched; a renamed team is no change of owner', () => {
    const d = diffOf((f) => {
      edit(f, 'j.journey.yaml', 'id: onboarding', 'id: first-weeks');
      for (const file of Object.keys(f)) f[file] = f[file].replace(/\bcx-ops\b/g, 'cx-operations');
    });
    assert.deepEqual(d.entities.renamed.map((r) => `${r.kind}:${r.from}>${r.to}`).sort(), [
      'journey:onboarding>first-weeks',
      'team:cx-ops>cx-operations',
    ]);
    assert.deepEqual(d.entities.added, []);
    assert.deepEqual(d.lifecycle.stages, { added: [], removed: [], renamed: [] });
    assert.deepEqual(d.ownership, []);
    assert.deepEqual(d.kpis, []);
  });

  it('a team renamed where its uses still name the old id: no change of owner, but a new problem', () => {
    const d = diffOf((f) => edit(f, 'org.teams.yaml', 'id: cx-ops', 'id: cx-operations'));
    assert.deepEqual(
      d.entities.renamed.map((r) => `${r.kind}:${r.from}>${r.to}`),
      ['team:cx-ops>cx-operations'],
    );
    // The KPI and the touchpoints still say `cx-ops`, as before: what they name is gone, which is a
    // problem, not an owner changed to the same id.
    assert.deepEqual(d.kpis, []);
    assert.deepEqual(d.ownership, []);
    assert.deepEqual(d.governance, []);
    assert.ok(
      d.problems.introduced.some((p) => p.message.includes('cx-ops')),
      'the old id, now unknown, is a new problem',
    );
  });

  it('touchpoint ownership: lost, changed, and shared without a lead', () => {
    const journey = (owner: string) =>
      lines(
        'kind: journey',
        'id: j2',
        'name: J2',
        'stages:',
        '  - id: s',
        '    name: S',
        '    owner: sales-team',
        '    touchpoints:',
        '      - id: a',
        '        name: A',
        '        channel: web',
        '      - id: b',
        '        name: B',
        '        channel: web',
        `        owner: ${owner}`,
      );
    const d = diffOf(
      (f) => {
        edit(f, 'j.journey.yaml', '        owner: cx-ops\n', '');
        edit(f, 'j2.journey.yaml', '    owner: sales-team\n', '    owner: brand-marketing\n');
        edit(f, 'j2.journey.yaml', 'owner: cx-ops', 'owner: [cx-ops, sales-team]');
      },
      { 'j2.journey.yaml': journey('cx-ops') },
    );
    assert.deepEqual(d.ownership, [
      {
        journey: 'onboarding',
        touchpoint: 'welcome-email',
        file: 'j.journey.yaml',
        change: 'unowned',
        before: { teams: ['cx-ops'] },
      },
      {
        journey: 'j2',
        touchpoint: 'a',
        file: 'j2.journey.yaml',
        change: 'changed',
        before: { teams: ['sales-team'] },
        after: { teams: ['brand-marketing'] },
      },
      {
        journey: 'j2',
        touchpoint: 'b',
        file: 'j2.journey.yaml',
        change: 'sharedWithoutLead',
        before: { teams: ['cx-ops'] },
        after: { teams: ['cx-ops', 'sales-team'] },
      },
    ]);
  });

  it('glossary: a term added, one deprecated with its replacement, one redefined and relabelled', () => {
    const d = diffOf(
      (f) => {
        edit(f, 'g.glossary.yaml', 'Customers who leave in a month.', 'Customers who cancel in a month.');
        edit(f, 'g.glossary.yaml', 'aliases: [attrition]', 'aliases: [attrition, customer loss]');
        edit(
          f,
          'g.glossary.yaml',
          '    definition: A person who showed interest.\n',
          '    definition: A person who showed interest.\n    status: deprecated\n    replacedBy: prospect\n' +
            '  - id: prospect\n    term: Prospect\n    definition: Someone who may buy.\n',
        );
      },
      { 'g.glossary.yaml': GLOSSARY },
    );
    assert.deepEqual(
      d.glossary.added.map((t) => t.id),
      ['prospect'],
    );
    assert.deepEqual(d.glossary.deprecated, [
      { id: 'lead', label: 'Lead', file: 'g.glossary.yaml', replacedBy: 'prospect' },
    ]);
    assert.deepEqual(d.glossary.redefined, [
      {
        id: 'churn',
        file: 'g.glossary.yaml',
        field: 'definition',
        before: 'Customers who leave in a month.',
        after: 'Customers who cancel in a month.',
      },
    ]);
    assert.deepEqual(d.glossary.relabelled, [
      {
        id: 'churn',
        file: 'g.glossary.yaml',
        before: ['Churn', 'attrition'],
        after: ['Churn', 'attrition', 'customer loss'],
      },
    ]);
    assert.deepEqual(d.entities.added, [], 'terms are the glossary section');
  });

  it('a reflowed definition or reordered aliases is no change', () => {
    const d = diffOf(
      (f) => {
        edit(
          f,
          'g.glossary.yaml',
          '    definition: Customers who leave in a month.',
          '    definition: >-\n      Customers who leave\n      in a month.',
        );
        edit(f, 'g.glossary.yaml', 'aliases: [attrition]', 'aliases:\n      - attrition');
      },
      { 'g.glossary.yaml': GLOSSARY },
    );
    assert.deepEqual([d.glossary.redefined, d.glossary.relabelled], [[], []]);
  });

  it('KPIs: direction, unit, target, formula and owner, each field once', () => {
    const d = diffOf((f) => {
      edit(f, 'k.kpi.yaml', 'direction: increase', 'direction: decrease');
      edit(f, 'k.kpi.yaml', 'unit: score', 'unit: percent\ntarget: 40\nformula: promoters - detractors');
      edit(f, 'k.kpi.yaml', 'owner: cx-ops', 'owner: [cx-ops, brand-marketing]\nlead: cx-ops');
    });
    assert.deepEqual(
      d.kpis.map((v) => [v.id, v.field, v.before, v.after]),
      [
        ['nps', 'formula', undefined, 'promoters - detractors'],
        ['nps', 'unit', 'score', 'percent'],
        ['nps', 'direction', 'increase', 'decrease'],
        ['nps', 'target', undefined, '40'],
        ['nps', 'owner', 'cx-ops', 'brand-marketing, cx-ops (lead cx-ops)'],
      ],
    );
  });

  /** A persona handed over, a segment shared, a journey deprecated with its replacement, a team retired, a KPI in draft. */
  const handOver = (f: Files) => {
    edit(f, 'p.persona.yaml', 'owner: cx-ops', 'owner: brand-marketing');
    edit(f, 's.segment.yaml', 'owner: brand-marketing', 'owner: [brand-marketing, sales-team]\nlead: sales-team');
    edit(
      f,
      'j.journey.yaml',
      'owner: cx-ops\nstages:',
      'owner: cx-ops\nstatus: deprecated\nsunset: 2031-01-01\nreplacedBy: j2\nstages:',
    );
    edit(f, 'org.teams.yaml', '    function: sales', '    function: sales\n    status: deprecated');
    edit(f, 'k.kpi.yaml', 'unit: score', 'unit: score\nstatus: draft');
  };
  const J2 = {
    'j2.journey.yaml': lines('kind: journey', 'id: j2', 'name: J2', 'persona: busy-parent', 'owner: cx-ops'),
  };
  const HANDED_OVER = [
    ['journey', 'onboarding', 'status', undefined, 'deprecated'],
    ['journey', 'onboarding', 'sunset', undefined, '2031-01-01'],
    ['journey', 'onboarding', 'replacedBy', undefined, 'j2'],
    ['kpi', 'nps', 'status', undefined, 'draft'],
    ['team', 'sales-team', 'status', undefined, 'deprecated'],
    ['persona', 'busy-parent', 'owner', 'cx-ops', 'brand-marketing'],
    ['segment', 'families', 'owner', 'brand-marketing', 'brand-marketing, sales-team (lead sales-team)'],
  ];
  const governanceRows = (d: TaxonomyDiff) => d.governance.map((v) => [v.kind, v.id, v.field, v.before, v.after]);

  it('owners and status: a persona handed over, a segment shared, a journey deprecated with its replacement, a team retired', () => {
    const d = diffOf(handOver, J2);
    assert.deepEqual(governanceRows(d), HANDED_OVER);
    // A KPI's owner is the KPI section's alone.
    assert.ok(!d.governance.some((v) => v.kind === 'kpi' && v.field === 'owner'));
  });

  it('owners and status: the head written with CRLF, a BOM, `---`, flow mappings, quoted keys, `key: # note` and anchors reads the same', () => {
    const applied = new Set<string>();
    const restyle = (f: Files) => {
      const rand = mulberry32(7);
      for (const [file, text] of Object.entries(f)) {
        const r = applyHabits(text, HABITS, rand, { markers: 0 });
        f[file] = r.text;
        for (const h of r.applied) applied.add(h);
      }
    };
    // Restyled alone: no change of owner or status.
    assert.deepEqual(governanceRows(diffOf(restyle, J2)), []);
    // Restyled after the change: the same changes.
    assert.deepEqual(
      governanceRows(
        diffOf((f) => {
          handOver(f);
          restyle(f);
        }, J2),
      ),
      HANDED_OVER,
    );
    for (const h of ['crlf', 'bom', 'documentMarkers', 'flowMappings', 'quotedKeys', 'keyComments', 'anchors'])
      assert.ok(applied.has(h), h);
  });

  it('owners and status: a renamed team or replacement is no change; an owner removed is', () => {
    const d = diffOf(
      (f) => {
        edit(f, 'org.teams.yaml', 'id: cx-ops', 'id: cx-operations');
        for (const file of ['p.persona.yaml', 'k.kpi.yaml', 'j.journey.yaml'])
          f[file] = f[file].replace(/cx-ops/g, 'cx-operations');
        edit(f, 'j2.journey.yaml', 'id: j2', 'id: journey-two');
        edit(f, 'j3.journey.yaml', 'replacedBy: j2', 'replacedBy: journey-two');
        edit(f, 's.segment.yaml', 'owner: brand-marketing\n', '');
      },
      {
        'j2.journey.yaml': lines('kind: journey', 'id: j2', 'name: J2', 'persona: busy-parent', 'owner: sales-team'),
        'j3.journey.yaml': lines(
          'kind: journey',
          'id: j3',
          'name: J3',
          'persona: busy-parent',
          'owner: sales-team',
          'status: deprecated',
          'replacedBy: j2',
        ),
      },
    );
    // The journey j3 now names `journey-two`, the new id of the same journey: not a change.
    assert.deepEqual(
      d.governance.map((v) => [v.kind, v.id, v.field, v.before, v.after]),
      [['segment', 'families', 'owner', 'brand-marketing', undefined]],
    );
  });

  it('lifecycle: a stage added, mappings of a stage and a segment changed, a lifecycle stage added in the config', () => {
    const d = diffOf(
      (f) => {
        edit(f, 'j.journey.yaml', 'lifecycleStage: onboarding', 'lifecycleStage: adoption');
        f['j.journey.yaml'] += lines(
          '  - id: stay',
          '    name: Stay',
          '    lifecycleStage: retention',
          '    owner: cx-ops',
        );
        edit(f, 's.segment.yaml', 'lifecycleStage: acquisition', 'lifecycleStage: migration');
      },
      {},
      'lifecycleStages: [migration]\n',
    );
    assert.deepEqual(
      d.lifecycle.stages.added.map((s) => s.id),
      ['onboarding/stay'],
    );
    assert.deepEqual(
      d.lifecycle.mappings.map((v) => [v.field, v.id, v.before, v.after]),
      [
        ['stage', 'onboarding/welcome', 'onboarding', 'adoption'],
        ['segment', 'families', 'acquisition', 'migration'],
      ],
    );
    assert.deepEqual(d.lifecycle.vocabulary, { added: ['migration'], removed: [] });
    assert.deepEqual(d.problems.introduced, [], 'migration is a known stage on the head side');
  });

  it('problems: by rule, file and message; one that only moved is neither introduced nor fixed', () => {
    const d = diffOf(
      (f) => {
        // Fixed: the persona's unknown segment. Introduced: a KPI id nobody defines. Moved: the comment lines.
        edit(f, 'p.persona.yaml', 'segments: [families, nobody]', 'segments: [families]');
        edit(f, 'j.journey.yaml', 'kpis: [nps]', 'kpis: [nps, csat]');
        f['x.segment.yaml'] = '# a\n# b\n' + f['x.segment.yaml'];
      },
      {
        'p.persona.yaml': baseTaxonomy()['p.persona.yaml'].replace(
          'segments: [families]',
          'segments: [families, nobody]',
        ),
        'x.segment.yaml': lines('kind: segment', 'id: other', 'name: Other', 'personas: [ghost]'),
      },
    );
    assert.deepEqual(
      d.problems.introduced.map((p) => [p.ruleId, p.file, p.severity]),
      [['unresolved-reference', 'j.journey.yaml', 'error']],
    );
    assert.match(d.problems.introduced[0].message, /csat/);
    assert.deepEqual(
      d.problems.fixed.map((p) => [p.ruleId, p.file]),
      [['unresolved-reference', 'p.persona.yaml']],
    );
    assert.equal(introducesErrors(d), true);
  });
});

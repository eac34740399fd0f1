import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  createTaxonomyWorkspace,
  normaliseLabel,
  type RuleReport,
  type TaxonomyWorkspace,
} from '../../../server/src/core';
import { lifecycleMappingConflict, STAGE_NAME_FACET } from '../../../server/src/core/rules/lifecycle-mapping-conflict';
import type { IndexView } from '../../../server/src/core/rules/types';
import type { FacetEntry } from '../../../server/src/core/index/entries';
import { lines, uriOf } from '../../support/workspace';

const RULE = 'lifecycle-mapping-conflict';

/** A journey with stages given as [name, lifecycle stage] (an empty stage leaves the field out). */
function journey(id: string | undefined, stages: readonly (readonly [string, string])[]): string {
  const out = ['kind: journey'];
  if (id !== undefined) out.push(`id: ${id}`);
  out.push(`name: Journey ${id ?? 'without id'}`, 'owner: cx-ops', 'stages:');
  stages.forEach(([name, lifecycle], i) => {
    out.push(`  - id: s${i}`, `    name: ${name}`);
    if (lifecycle !== '') out.push(`    lifecycleStage: ${lifecycle}`);
    out.push('    owner: cx-ops', '    touchpoints: []');
  });
  return lines(...out);
}

/** Everything the rule reports, in a form that compares whole: range, message and every related place. */
function conflicts(ws: TaxonomyWorkspace, paths: Iterable<string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of [...paths].sort()) {
    const ds = ws.diagnostics(uriOf(p)).filter((d) => d.ruleId === RULE);
    if (ds.length === 0) continue;
    out[p] = ds.map((d) => JSON.stringify({ range: d.range, message: d.message, related: d.related }));
  }
  return out;
}

/** A workspace loaded from scratch, files added in the given order. */
function fresh(texts: Record<string, string>, order: readonly string[] = Object.keys(texts)): TaxonomyWorkspace {
  const ws = createTaxonomyWorkspace();
  for (const p of order) ws.setFile(uriOf(p), p, texts[p]);
  ws.flush();
  return ws;
}

function load(texts: Record<string, string>): TaxonomyWorkspace {
  return fresh(texts);
}

const TEXTS: Record<string, string> = {
  'a.journey.yaml': journey('a', [['Discover', 'awareness']]),
  'b.journey.yaml': journey('b', [['discover', 'consideration']]),
  'c.journey.yaml': journey('c', [['Discover', 'consideration']]),
  'd.journey.yaml': journey('d', [
    ['Discovers', 'retention'],
    ['Renew', 'retention'],
  ]),
  'e.journey.yaml': journey('e', [['Renew', 'retention']]),
};

describe('rule lifecycle-mapping-conflict: counts kept by the index', () => {
  it('words the message as before: each other lifecycle stage with its journeys, in file order', () => {
    const ws = load(TEXTS);
    const [d] = ws.diagnostics(uriOf('a.journey.yaml')).filter((x) => x.ruleId === RULE);
    assert.equal(
      d.message,
      'The stage "Discover" maps to the lifecycle stage `awareness` here, but to `consideration` in 2 journeys (`b`, `c`), `retention` in journey `d`. ' +
        'A stage of one name should mean one step of the lifecycle: map both to the same stage, or rename one of them.',
    );
    assert.deepEqual(
      d.related?.map((r) => [r.location.uri, r.location.range.start.line, r.message]),
      [
        [uriOf('b.journey.yaml'), 7, 'Stage "discover" of journey `b` maps to `consideration`'],
        [uriOf('c.journey.yaml'), 7, 'Stage "Discover" of journey `c` maps to `consideration`'],
        [uriOf('d.journey.yaml'), 7, 'Stage "Discovers" of journey `d` maps to `retention`'],
      ],
    );
    const [fromD] = ws.diagnostics(uriOf('d.journey.yaml')).filter((x) => x.ruleId === RULE);
    assert.match(
      fromD.message,
      /^The stage "Discovers" maps to the lifecycle stage `retention` here, but to `awareness` in journey `a`, `consideration` in 2 journeys \(`b`, `c`\)\./,
    );
    // Renew agrees everywhere.
    assert.deepEqual(
      ws.diagnostics(uriOf('e.journey.yaml')).filter((x) => x.ruleId === RULE),
      [],
    );
  });

  it('names three journeys and links twenty places when more disagree, counting them all', () => {
    const texts: Record<string, string> = { 'a.journey.yaml': journey('a', [['Discover', 'awareness']]) };
    for (let i = 0; i < 30; i++)
      texts[`j${String(i).padStart(2, '0')}.journey.yaml`] = journey(`j${i}`, [
        ['Discover', i % 3 === 0 ? 'retention' : 'consideration'],
      ]);
    const ws = load(texts);
    const [d] = ws.diagnostics(uriOf('a.journey.yaml')).filter((x) => x.ruleId === RULE);
    assert.match(
      d.message,
      /but to `retention` in 10 journeys \(`j0`, `j3`, `j6`, …\), `consideration` in 20 journeys \(`j1`, `j2`, `j4`, …\)\./,
    );
    assert.deepEqual(
      d.related?.map((r) => r.location.uri),
      Array.from({ length: 20 }, (_, i) => uriOf(`j${String(i).padStart(2, '0')}.journey.yaml`)),
    );
  });

  it("leaves out the journey's own stages, also when its id is defined in another file too", () => {
    const ws = load({
      'x.journey.yaml': journey('x', [
        ['Discover', 'awareness'],
        ['Discover', 'consideration'],
      ]),
      'x2.journey.yaml': journey('x', [['Discover', 'retention']]),
    });
    assert.deepEqual(conflicts(ws, ['x.journey.yaml', 'x2.journey.yaml']), {});
    ws.setFile(uriOf('y.journey.yaml'), 'y.journey.yaml', journey('y', [['Discover', 'awareness']]));
    ws.flush();
    const [d] = ws.diagnostics(uriOf('y.journey.yaml')).filter((x) => x.ruleId === RULE);
    assert.match(d.message, /but to `consideration` in journey `x`, `retention` in journey `x`\./);
    // Only x's consideration and retention mappings disagree with y's awareness.
    assert.deepEqual(Object.keys(conflicts(ws, ['x.journey.yaml', 'x2.journey.yaml'])), [
      'x.journey.yaml',
      'x2.journey.yaml',
    ]);
    assert.equal(ws.diagnostics(uriOf('x.journey.yaml')).filter((x) => x.ruleId === RULE).length, 1);
  });

  it('counts per lifecycle stage follow files in and out, and go back to zero when they leave', () => {
    const ws = load(TEXTS);
    const groups = () => ws.index.facetGroups(STAGE_NAME_FACET, normaliseLabel('Discover'));
    assert.deepEqual([...groups().counts()].sort(), [
      ['awareness', 1],
      ['consideration', 2],
      ['retention', 1],
    ]);
    assert.deepEqual([...groups().counts('b')].sort(), [
      ['awareness', 1],
      ['consideration', 1],
      ['retention', 1],
    ]);
    ws.setFile(uriOf('b.journey.yaml'), 'b.journey.yaml', journey('b', [['Discover', 'awareness']]));
    assert.deepEqual([...groups().counts()].sort(), [
      ['awareness', 2],
      ['consideration', 1],
      ['retention', 1],
    ]);
    for (const p of Object.keys(TEXTS)) ws.removeFile(uriOf(p));
    ws.flush();
    assert.equal(groups().counts().size, 0);
    assert.equal(ws.index.facetGroups(STAGE_NAME_FACET, normaliseLabel('Renew')).counts().size, 0);
    assert.equal(ws.index.facet(STAGE_NAME_FACET, normaliseLabel('Discover')).length, 0);
    assert.equal(ws.index.facetEntries(STAGE_NAME_FACET).size, 0);
    // Coming back starts from zero, not from what was left.
    ws.setFile(uriOf('c.journey.yaml'), 'c.journey.yaml', TEXTS['c.journey.yaml']);
    assert.deepEqual([...groups().counts()], [['consideration', 1]]);
  });

  it('gives the same diagnostics after edits as a fresh workspace of the same texts, loaded in any order', () => {
    const texts = { ...TEXTS };
    const ws = load(texts);
    const step = (what: string, change: () => void) => {
      change();
      ws.flush();
      const expected = conflicts(fresh(texts, Object.keys(texts).reverse()), Object.keys(texts));
      assert.deepEqual(conflicts(ws, Object.keys(texts)), expected, `after ${what}`);
      return expected;
    };
    const set = (p: string, text: string) => {
      texts[p] = text;
      ws.setFile(uriOf(p), p, text);
    };
    // Every step changes what some file reports, so an incremental result that fell behind shows.
    assert.notDeepEqual(
      step('changing a lifecycle stage', () => set('b.journey.yaml', journey('b', [['Discover', 'awareness']]))),
      conflicts(load(TEXTS), Object.keys(TEXTS)),
    );
    assert.ok(
      'c.journey.yaml' in
        step('moving a journey to the end of the load order', () =>
          set('c.journey.yaml', journey('c', [['Discover', 'retention']])),
        ),
    );
    assert.deepEqual(
      step('deleting a journey', () => {
        delete texts['d.journey.yaml'];
        ws.removeFile(uriOf('d.journey.yaml'));
      }),
      conflicts(fresh(texts), Object.keys(texts)),
    );
    assert.ok(
      'e.journey.yaml' in
        step('renaming a stage', () => set('e.journey.yaml', journey('e', [['Discover', 'onboarding']]))),
    );
    assert.deepEqual(
      step('renaming it back', () => set('e.journey.yaml', journey('e', [['Renew', 'retention']]))),
      conflicts(fresh(texts), Object.keys(texts)),
    );
    step('changing a journey id', () => set('a.journey.yaml', journey('b', [['Discover', 'consideration']])));
    step('a journey without an id', () => set('f.journey.yaml', journey(undefined, [['Discover', 'adoption']])));
  });

  it('stays equal to a fresh workspace over random edit sequences', () => {
    const names = ['Discover', 'discover', 'Renew', 'Order'];
    const stages = ['awareness', 'consideration', 'retention', ''];
    const ids = ['a', 'b', 'c', undefined];
    const paths = ['p.journey.yaml', 'q.journey.yaml', 'r.journey.yaml', 's.journey.yaml', 't.journey.yaml'];
    const text = fc
      .tuple(
        fc.constantFrom(...ids),
        fc.array(fc.tuple(fc.constantFrom(...names), fc.constantFrom(...stages)), { minLength: 1, maxLength: 3 }),
      )
      .map(([id, st]) => journey(id, st));
    const op = fc.tuple(fc.constantFrom(...paths), fc.option(text, { freq: 4 }));
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 12 }), (ops) => {
        const ws = createTaxonomyWorkspace();
        const texts: Record<string, string> = {};
        for (const [p, t] of ops) {
          if (t === null) {
            delete texts[p];
            ws.removeFile(uriOf(p));
          } else {
            texts[p] = t;
            ws.setFile(uriOf(p), p, t);
          }
          ws.flush();
        }
        assert.deepEqual(conflicts(ws, paths), conflicts(fresh(texts, Object.keys(texts).reverse()), paths));
        // Whatever came and went, the counts are those of the files present.
        for (const name of new Set(names.map(normaliseLabel))) {
          const expected = new Map<string, number>();
          for (const e of ws.index.facet<{ lifecycleStage: string }>(STAGE_NAME_FACET, name))
            expected.set(e.data.lifecycleStage, (expected.get(e.data.lifecycleStage) ?? 0) + 1);
          assert.deepEqual(
            new Map([...ws.index.facetGroups(STAGE_NAME_FACET, name).counts()].sort()),
            new Map([...expected].sort()),
          );
        }
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('reports the same through an index view without facetGroups (hand-made views)', () => {
    const ws = load(TEXTS);
    for (const p of Object.keys(TEXTS)) {
      const file = ws.getFile(uriOf(p));
      assert.ok(file);
      const index: IndexView = {
        definitions: (k, id) => ws.index.definitions(k, id),
        references: (k, id) => ws.index.references(k, id),
        ids: (k) => ws.index.ids(k),
        facet: (f, k) => ws.index.facet(f, k),
        facetEntries: (f) => ws.index.facetEntries(f),
      };
      const reports: RuleReport[] = [];
      lifecycleMappingConflict.check({
        file,
        config: ws.currentConfig,
        index,
        own: <T>(facet: string) =>
          (ws.index.contribution(file.uri)?.facets.get(facet) ?? new Map()) as ReadonlyMap<
            string,
            readonly FacetEntry<T>[]
          >,
        fileAt: (u) => ws.getFile(u),
        knownRules: new Set(),
        report: (r) => reports.push(r),
      });
      const viaWorkspace = ws.diagnostics(uriOf(p)).filter((d) => d.ruleId === RULE);
      assert.deepEqual(
        reports.map((r) => [r.message, r.related]),
        viaWorkspace.map((d) => [d.message, d.related]),
        p,
      );
    }
  });
});

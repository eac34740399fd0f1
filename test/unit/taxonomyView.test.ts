import * as assert from 'node:assert/strict';
import {
  createTaxonomyWorkspace,
  modelsHeld,
  type TaxonomyWorkspace,
  type WorkspaceSetup,
} from '../../server/src/core';
import { buildOwnershipReport } from '../../server/src/core/ownershipReport';
import { buildTaxonomyView } from '../../server/src/core/taxonomyView';
import { lines, memoryWorkspace, uriOf } from '../support/workspace';

const TEAMS = lines(
  'kind: teams',
  'teams:',
  '  - id: cx-ops',
  '    name: CX Operations',
  '    function: cx',
  '  - id: sales-team',
  '    name: Sales',
  '    function: sales',
);
const JOURNEY = lines(
  'kind: journey',
  'id: renewal',
  'name: Renewal',
  'owner: cx-ops',
  'stages:',
  '  - id: remind',
  '    name: Remind',
  '    touchpoints:',
  '      - id: a',
  '        name: A',
  '      - id: b',
  '        name: B',
  '      - id: c',
  '        name: C',
  '      - id: d',
  '        name: D',
  '        owner: sales-team',
  '        kpis: [no-such-kpi]',
);

describe('Taxonomy view model (core)', () => {
  const ws = memoryWorkspace({ 'org.teams.yaml': TEAMS, 'renewal.journey.yaml': JOURNEY });

  it('cuts long lists at the item limit and keeps whole counts', () => {
    const view = buildTaxonomyView(ws, undefined, 2);
    assert.equal(view.unownedTotal, 3);
    assert.deepEqual(
      view.unowned.map((u) => u.touchpointId),
      ['a', 'b'],
    );
    assert.equal(view.itemLimit, 2);
  });

  it('counts a problem for the owner of the innermost owned entity around it', () => {
    const view = buildTaxonomyView(ws, 'sales-team');
    const sales = view.teams[0];
    assert.equal(sales.id, 'sales-team');
    const problemsOfD = ws.diagnostics('mem:///renewal.journey.yaml').filter((d) => d.range.start.line >= 14);
    assert.ok(problemsOfD.length > 0, 'the unknown KPI of touchpoint d is reported');
    const total = (p: typeof sales.problems) => p.error + p.warning + p.info + p.hint;
    assert.equal(total(sales.problems), problemsOfD.length, 'the problems inside d count for its owner');
    const ops = view.teams.find((t) => t.id === 'cx-ops')!;
    assert.equal(
      total(ops.problems),
      ws.diagnostics('mem:///renewal.journey.yaml').length - problemsOfD.length,
      'the rest of the journey counts for its owner',
    );
  });

  /**
   * 24 journeys (j01..j24, so journey name order is path order). `busy` owns every stage; `rare`
   * owns one touchpoint, in j24 only; j13 has an unowned touchpoint; written in block and flow
   * styles, with CRLF in every third file.
   */
  function manyJourneys(): Record<string, string> {
    const files: Record<string, string> = {
      'org.teams.yaml': lines(
        'kind: teams',
        'teams:',
        '  - {id: busy, name: Busy, function: cx}',
        '  - {id: rare, name: Rare, function: sales}',
      ),
    };
    for (let n = 1; n <= 24; n++) {
      const id = `j${String(n).padStart(2, '0')}`;
      const tps = [1, 2, 3].map((k) =>
        n === 24 && k === 3
          ? `      - {id: ${id}-t${k}, name: "T ${k}", owner: rare}`
          : n === 13 && k === 2
            ? `      - id: ${id}-t${k}\n        name: T ${k}`
            : `      - {id: ${id}-t${k}, name: "T ${k}"}`,
      );
      const owner = n === 13 ? [] : ['    owner: busy'];
      const text = lines(
        'kind: journey',
        `id: ${id}`,
        `name: ${id}`,
        'stages:',
        `  - id: s`,
        '    name: S',
        ...owner,
        '    touchpoints:',
        ...tps,
      );
      files[`journeys/${id}.journey.yaml`] = n % 3 === 0 ? text.replace(/\n/g, '\r\n') : text;
    }
    return files;
  }

  /** Each team's touchpoint ids as the ownership report lists them (every item, journeys by name). */
  function reportItems(ws: ReturnType<typeof memoryWorkspace>): Map<string, string[]> {
    const report = buildOwnershipReport(ws);
    return new Map(
      report.teams.map((t, i) => [t.id, report.cells[i].flatMap((c) => c.items.map((it) => it.touchpointId!))]),
    );
  }

  for (const released of [false, true])
    it(`gives each list its first items across files and whole counts (${released ? 'models let go' : 'models kept'})`, () => {
      const files = manyJourneys();
      const ws = createTaxonomyWorkspace(undefined, released ? { releaseAbove: 0 } : {});
      for (const [path, text] of Object.entries(files)) ws.setFile(uriOf(path), path, text);
      ws.flush();
      const all = reportItems(ws);
      for (const limit of [1, 4, 50]) {
        const view = buildTaxonomyView(ws, undefined, limit);
        const team = (id: string) => view.teams.find((t) => t.id === id)!;
        for (const id of ['busy', 'rare']) {
          assert.deepEqual(
            team(id).touchpointItems.map((i) => i.touchpointId),
            all.get(id)!.slice(0, limit),
            `${id}'s first ${limit} touchpoints`,
          );
          assert.equal(team(id).touchpoints, all.get(id)!.length, `${id}'s count`);
        }
        assert.equal(team('rare').touchpoints, 1);
        // j13's stage has no owner, nor have its touchpoints.
        assert.equal(view.unownedTotal, 3, 'every touchpoint of j13');
        assert.deepEqual(
          view.unowned.map((u) => u.touchpointId),
          ['j13-t1', 'j13-t2', 'j13-t3'].slice(0, limit),
        );
        assert.equal(team('busy').owns.journey ?? 0, 0, 'busy owns stages, not journeys');
      }
    });

  /** A workspace of `manyJourneys` whose journeys let their models go once checked. */
  function released(setup: WorkspaceSetup): TaxonomyWorkspace {
    const ws = createTaxonomyWorkspace(undefined, { releaseAbove: 0, ...setup });
    for (const [path, text] of Object.entries(manyJourneys())) ws.setFile(uriOf(path), path, text);
    ws.flush();
    return ws;
  }

  /** The journeys whose models a view rebuilt: those held when it lets them go again at its end. */
  function rebuiltBy(ws: TaxonomyWorkspace, view: () => unknown): string[] {
    const rebuilt: string[] = [];
    const letGoAgain = ws.releaseRebuilt.bind(ws);
    ws.releaseRebuilt = () => {
      for (const f of ws.allFiles()) if (f.kind === 'journey' && modelsHeld(f)) rebuilt.push(f.relativePath);
      letGoAgain();
    };
    view();
    return rebuilt.sort();
  }

  it('counts a journey for the view before it lets its model go, and reads items only where a list is short', () => {
    const counted = released({ keepViewParts: true });
    const uncounted = released({});
    const all = reportItems(uncounted);
    // Without the counts, the first view rebuilds every journey; with them, only the files whose
    // items it shows: the first for busy's one item and j13 for the unowned, j24 for rare's.
    assert.equal(rebuiltBy(uncounted, () => buildTaxonomyView(uncounted, undefined, 1)).length, 24);
    assert.deepEqual(
      rebuiltBy(counted, () => buildTaxonomyView(counted, undefined, 1)),
      ['journeys/j01.journey.yaml', 'journeys/j13.journey.yaml', 'journeys/j24.journey.yaml'],
    );
    const views = [counted, uncounted].map((ws) => JSON.stringify(buildTaxonomyView(ws, undefined, 1)));
    assert.equal(views[0], views[1]);
    const busy = buildTaxonomyView(counted, undefined, 1).teams.find((t) => t.id === 'busy')!;
    assert.equal(busy.touchpoints, all.get('busy')!.length);
    assert.ok(counted.diagnostics(uriOf('journeys/j13.journey.yaml')).length > 0, 'j13 has problems to count');
    assert.deepEqual(
      busy.problems,
      buildTaxonomyView(uncounted, undefined, 1).teams.find((t) => t.id === 'busy')!.problems,
    );
  });
});

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PACKAGE_JSON } from '../../scripts/gen-contributes';
import {
  buildTree,
  HAS_TAXONOMY_CONTEXT,
  myTeamStatus,
  TAXONOMY_VIEW_ID,
  type ViewNode,
} from '../../client/src/taxonomyView/model';
import type { Location, TaxonomyViewModel, ViewTeam } from '../../server/src/protocol';

const at = (uri: string, line: number): Location => ({
  uri,
  range: { start: { line, character: 0 }, end: { line, character: 4 } },
});

function team(id: string, name: string, extra: Partial<ViewTeam> = {}): ViewTeam {
  return {
    id,
    name,
    known: true,
    owns: {},
    touchpoints: 0,
    journeys: [],
    touchpointItems: [],
    kpis: [],
    terms: [],
    personas: [],
    segments: [],
    problems: { error: 0, warning: 0, info: 0, hint: 0 },
    location: at('file:///t/org.teams.yaml', 3),
    ...extra,
  };
}

const OPS = team('cx-ops', 'CX Operations', {
  journeys: [
    { kind: 'journey', id: 'onboarding', name: 'Onboarding', location: at('file:///t/onboarding.journey.yaml', 1) },
  ],
  touchpointItems: [
    {
      touchpointId: 'welcome-email',
      touchpointName: 'Welcome email',
      stageName: 'Welcome',
      inherited: true,
      teams: ['cx-ops'],
      lead: 'cx-ops',
      location: at('file:///t/onboarding.journey.yaml', 10),
      journeyName: 'Onboarding',
    },
  ],
  kpis: [{ kind: 'kpi', id: 'nps', name: 'Net Promoter Score', location: at('file:///t/nps.kpi.yaml', 1) }],
  owns: { journey: 1, kpi: 3 },
  touchpoints: 1,
  problems: { error: 1, warning: 2, info: 0, hint: 0 },
});

const MODEL: TaxonomyViewModel = {
  root: 'file:///t',
  unowned: [
    {
      journeyName: 'Onboarding',
      stageName: 'Welcome',
      touchpointId: 'welcome-call',
      touchpointName: 'Welcome call',
      location: at('file:///t/onboarding.journey.yaml', 15),
      journey: 0,
    },
  ],
  teams: [OPS, team('sales-team', 'Sales')],
  unownedTotal: 1,
  myTeam: 'cx-ops',
  itemLimit: 1,
};

function labels(nodes: ViewNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.label}${n.description ? ` — ${n.description}` : ''}`,
    ...labels(n.children, depth + 1),
  ]);
}

describe('Taxonomy view tree model', () => {
  it('puts unowned touchpoints first, then the pinned team expanded with what it owns', () => {
    const tree = buildTree([MODEL]);
    assert.deepEqual(labels(tree), [
      'Unowned touchpoints (1)',
      '  Welcome call — Onboarding › Welcome',
      'CX Operations — cx-ops · my team · 3 problems',
      '  Journeys (1)',
      '    Onboarding — onboarding',
      '  Touchpoints (1)',
      '    Welcome email — Onboarding › Welcome · from stage',
      '  KPIs (3)',
      '    Net Promoter Score — nps',
      '    2 more… — all of them in the ownership report',
      'Sales — sales-team · owns nothing',
    ]);
    assert.equal(tree[0].expanded, true);
    assert.equal(tree[1].expanded, true, 'the pinned team is expanded');
    assert.equal(tree[1].icon, 'star-full');
    assert.equal(tree[2].expanded, undefined, 'a team owning nothing is a leaf');
    assert.deepEqual(
      tree[0].children[0].location,
      MODEL.unowned[0].location,
      'an unowned touchpoint reveals its definition',
    );
    assert.equal(
      tree[1].children[2].children[1].command,
      'cxTaxonomy.showOwnershipReport',
      'a list cut at the limit ends with a row opening the report',
    );
    const keys = labels(tree).length;
    const unique = new Set<string>();
    const walk = (ns: ViewNode[]) => ns.forEach((n) => (unique.add(n.key), walk(n.children)));
    walk(tree);
    assert.equal(unique.size, keys, 'every row has its own key');
  });

  it('names each taxonomy by its folder when there are several', () => {
    const tree = buildTree([
      MODEL,
      { ...MODEL, root: 'file:///other/brand%20team', myTeam: undefined, unowned: [], unownedTotal: 0 },
    ]);
    assert.deepEqual(
      tree.map((n) => n.label),
      ['t', 'brand team'],
    );
    assert.equal(tree[1].children[0].label, 'Unowned touchpoints (0)');
    assert.equal(tree[1].children[0].expanded, undefined);
  });

  it('counts the pinned team problems for the status bar, and says when the team is unknown', () => {
    assert.deepEqual(myTeamStatus([MODEL], 'cx-ops'), {
      text: '$(organization) CX Operations $(error) 1 $(warning) 2',
      tooltip:
        'CX Taxonomy: 3 open problems in what CX Operations owns (1 error, 2 warnings, 0 hint or infos). Click to show the Taxonomy view.',
    });
    assert.equal(myTeamStatus([MODEL], ''), undefined);
    assert.match(myTeamStatus([{ ...MODEL, myTeam: undefined }], 'nobody')!.text, /nobody: not found/);
  });
});

describe('Taxonomy view contribution', () => {
  it('is contributed to the explorer under the id the client registers, shown when a taxonomy is present', () => {
    const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8'));
    const view = (pkg.contributes.views.explorer as { id: string; when?: string }[]).find(
      (v) => v.id === TAXONOMY_VIEW_ID,
    );
    assert.ok(view, `${TAXONOMY_VIEW_ID} is not in contributes.views.explorer`);
    assert.equal(view.when, HAS_TAXONOMY_CONTEXT);
  });
});

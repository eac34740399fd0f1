/**
 * The Taxonomy view's tree, as plain data: what each row says and reveals. Pure (no `vscode`
 * import) so it is unit-tested; provider.ts turns these nodes into tree items.
 */
import type {
  Location,
  ReportTouchpoint,
  TaxonomyViewModel,
  ViewOwnedItem,
  ViewProblemCounts,
  ViewTeam,
} from '../../../server/src/protocol';

/** The view's id in package.json (`contributes.views.explorer`). */
export const TAXONOMY_VIEW_ID = 'cxTaxonomy.taxonomyView';
/** The context key the view's `when` reads: true once the server reports a taxonomy with files. */
export const HAS_TAXONOMY_CONTEXT = 'cxTaxonomy.hasTaxonomy';

/** One row of the view. */
export interface ViewNode {
  /** Unique and stable across refreshes, so VS Code keeps what the user expanded. */
  key: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** A codicon id. */
  icon?: string;
  /** Undefined for a leaf; true shows it expanded at first, false collapsed. */
  expanded?: boolean;
  /** What a click reveals: the definition. */
  location?: Location;
  /** A command a click runs instead (the "more" row opens the ownership report). */
  command?: string;
  /** For menus: `team`, `myTeam`, `group`, `item`, `unowned`. */
  contextValue: string;
  children: ViewNode[];
}

/** The label of the first group. Scenarios look for it. */
function unownedLabel(n: number): string {
  return `Unowned touchpoints (${n})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Problems of every severity, added up. */
function problemTotal(p: ViewProblemCounts): number {
  return p.error + p.warning + p.info + p.hint;
}

/** The last row of a list cut at the model's item limit. */
function moreRow(key: string, more: number): ViewNode[] {
  if (more <= 0) return [];
  return [
    {
      key: `${key}/more`,
      label: `${more} more…`,
      description: 'all of them in the ownership report',
      icon: 'ellipsis',
      command: 'cxTaxonomy.showOwnershipReport',
      contextValue: 'more',
      children: [],
    },
  ];
}

function unownedNode(prefix: string, unowned: ReportTouchpoint[], total: number): ViewNode {
  return {
    key: `${prefix}unowned`,
    label: unownedLabel(total),
    tooltip: total
      ? 'Touchpoints with no owner of their own and none from their stage.'
      : 'Every touchpoint has an owner.',
    icon: total ? 'warning' : 'pass',
    expanded: total ? true : undefined,
    contextValue: 'unowned',
    children: [
      ...unowned.map((u, i) => ({
        key: `${prefix}unowned/${u.location.uri}#${u.location.range.start.line}:${i}`,
        label: u.touchpointName,
        description: `${u.journeyName} › ${u.stageName}`,
        tooltip: `${u.touchpointId ?? u.touchpointName}: no owner (journey ${u.journeyName}, stage ${u.stageName})`,
        icon: 'circle-slash',
        location: u.location,
        contextValue: 'item',
        children: [],
      })),
      ...moreRow(`${prefix}unowned`, total - unowned.length),
    ],
  };
}

function itemNode(key: string, item: ViewOwnedItem, icon: string, index: number): ViewNode {
  return {
    key: `${key}/${item.location.uri}#${item.location.range.start.line}:${index}`,
    label: item.name,
    description: item.id && item.id !== item.name ? item.id : undefined,
    icon,
    location: item.location,
    contextValue: 'item',
    children: [],
  };
}

/** A group of owned things: `total` counts them all, `children` holds the first ones. */
function group(key: string, label: string, total: number, children: ViewNode[]): ViewNode[] {
  return total
    ? [
        {
          key,
          label: `${label} (${total})`,
          expanded: false,
          contextValue: 'group',
          children: [...children, ...moreRow(key, total - children.length)],
        },
      ]
    : [];
}

function teamNode(prefix: string, team: ViewTeam, pinned: boolean): ViewNode {
  const key = `${prefix}team/${team.id}`;
  const children = [
    ...group(
      `${key}/journeys`,
      'Journeys',
      team.owns.journey ?? team.journeys.length,
      team.journeys.map((j, i) => itemNode(`${key}/journeys`, j, 'milestone', i)),
    ),
    ...group(
      `${key}/touchpoints`,
      'Touchpoints',
      team.touchpoints,
      team.touchpointItems.map((t, i) => ({
        key: `${key}/touchpoints/${t.location.uri}#${t.location.range.start.line}:${i}`,
        label: t.touchpointName,
        description: `${t.journeyName} › ${t.stageName}${t.inherited ? ' · from stage' : ''}`,
        tooltip:
          t.teams.length > 1
            ? `Shared by ${t.teams.join(', ')}${t.lead ? `; ${t.lead} leads` : '; no lead'}`
            : undefined,
        icon: 'location',
        location: t.location,
        contextValue: 'item',
        children: [],
      })),
    ),
    ...group(
      `${key}/kpis`,
      'KPIs',
      team.owns.kpi ?? team.kpis.length,
      team.kpis.map((k, i) => itemNode(`${key}/kpis`, k, 'graph', i)),
    ),
    ...group(
      `${key}/terms`,
      'Terms',
      team.owns.term ?? team.terms.length,
      team.terms.map((t, i) => itemNode(`${key}/terms`, t, 'book', i)),
    ),
    ...group(
      `${key}/personas`,
      'Personas',
      team.owns.persona ?? team.personas.length,
      team.personas.map((p, i) => itemNode(`${key}/personas`, p, 'person', i)),
    ),
    ...group(
      `${key}/segments`,
      'Segments',
      team.owns.segment ?? team.segments.length,
      team.segments.map((s, i) => itemNode(`${key}/segments`, s, 'symbol-class', i)),
    ),
  ];
  const problems = problemTotal(team.problems);
  const description = [
    team.name !== team.id ? team.id : undefined,
    pinned ? 'my team' : undefined,
    team.known ? undefined : 'not in any teams file',
    problems ? plural(problems, 'problem') : undefined,
    children.length ? undefined : 'owns nothing',
  ].filter(Boolean);
  return {
    key,
    label: team.name,
    description: description.join(' · ') || undefined,
    tooltip: `${team.name} (${team.id}): ${plural(team.touchpoints, 'touchpoint')}, ${plural(team.owns.journey ?? 0, 'journey')}, ${plural(team.owns.kpi ?? 0, 'KPI')}, ${plural(team.owns.term ?? 0, 'term')}; ${plural(problems, 'open problem')}`,
    icon: pinned ? 'star-full' : 'organization',
    expanded: children.length ? pinned : undefined,
    location: team.location,
    contextValue: pinned ? 'myTeam' : 'team',
    children,
  };
}

/** The rows of one taxonomy: its unowned touchpoints first, then its teams (the pinned one first). */
function taxonomyRows(model: TaxonomyViewModel, prefix: string): ViewNode[] {
  return [
    unownedNode(prefix, model.unowned, model.unownedTotal),
    ...model.teams.map((t) => teamNode(prefix, t, t.id === model.myTeam)),
  ];
}

/** The last segment of a folder URI, for naming a taxonomy when there are several. */
function folderName(uri: string): string {
  const parts = uri.replace(/\/+$/, '').split('/');
  return decodeURIComponent(parts[parts.length - 1] || uri);
}

/**
 * The whole tree: one taxonomy's rows at the top, or, when the workspace holds several, one
 * expanded folder row per taxonomy.
 */
export function buildTree(models: readonly TaxonomyViewModel[]): ViewNode[] {
  if (models.length === 1) return taxonomyRows(models[0], '');
  return models.map((m) => ({
    key: `root/${m.root}`,
    label: folderName(m.root),
    description: m.unownedTotal ? plural(m.unownedTotal, 'unowned touchpoint') : undefined,
    icon: 'root-folder',
    expanded: true,
    contextValue: 'taxonomy',
    children: taxonomyRows(m, `${m.root}/`),
  }));
}

/** What the status bar shows for the pinned team, or undefined when no team is pinned. */
export interface MyTeamStatus {
  text: string;
  tooltip: string;
}

/**
 * The status bar's "my team" item: the pinned team's open problems, added over the taxonomies
 * that have it; "not found" when no taxonomy has a team with that id.
 */
export function myTeamStatus(models: readonly TaxonomyViewModel[], myTeam: string): MyTeamStatus | undefined {
  if (!myTeam) return undefined;
  const teams = models.flatMap((m) => m.teams.filter((t) => t.id === myTeam && m.myTeam === myTeam));
  if (!teams.length) {
    return {
      text: `$(organization) ${myTeam}: not found`,
      tooltip: `CX Taxonomy: no team has the id "${myTeam}" (setting cxTaxonomy.myTeam).`,
    };
  }
  const p: ViewProblemCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const t of teams) for (const k of ['error', 'warning', 'info', 'hint'] as const) p[k] += t.problems[k];
  const total = problemTotal(p);
  const name = teams[0].name;
  const text =
    total === 0
      ? `$(organization) ${name} $(check)`
      : `$(organization) ${name} $(error) ${p.error} $(warning) ${p.warning}${p.info + p.hint ? ` $(info) ${p.info + p.hint}` : ''}`;
  const tooltip =
    total === 0
      ? `CX Taxonomy: no open problems in what ${name} owns. Click to show the Taxonomy view.`
      : `CX Taxonomy: ${plural(total, 'open problem')} in what ${name} owns (${plural(p.error, 'error')}, ${plural(p.warning, 'warning')}, ${plural(p.info + p.hint, 'hint or info')}). Click to show the Taxonomy view.`;
  return { text, tooltip };
}

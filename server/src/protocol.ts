/**
 * Every custom message between the cx-taxonomy extension and its language server, in one place.
 * Standard LSP covers diagnostics, completion, hover and the rest; these messages carry what LSP
 * has no word for (the journey map, the ownership matrix, the indexing state for the status bar).
 *
 * This file is shared by both sides, so it imports nothing: the client bundles it next to
 * vscode-languageclient, the server next to vscode-languageserver, and the webview reads its
 * types. Each message says who sends it and why. Positions are LSP positions (zero-based line,
 * UTF-16 character), URIs are the strings LSP uses.
 */

/** A typed request: the method name plus, for the compiler only, its params and result. */
export interface RequestSpec<P, R> {
  readonly method: string;
  /** Never set at run time; carries the types to `sendRequest` / `onRequest` helpers. */
  readonly __types?: { params: P; result: R };
}

/** A typed notification: the method name plus, for the compiler only, its params. */
export interface NotificationSpec<P> {
  readonly method: string;
  readonly __types?: { params: P };
}

/** Positions, ranges and locations are the core's, which already follow the LSP shapes. */
export type { Position, Range, Location } from './core/types';
import type { OwnedKind } from './core/domain';
import type { Location, Range } from './core/types';

// ---------------------------------------------------------------------------------------------
// Journey map
// ---------------------------------------------------------------------------------------------

/** A team as the map shows it: id, display name and business function (which picks the colour). */
export interface MapTeam {
  id: string;
  /** The team's `name`, or its id when it has none. */
  name: string;
  /** The team's `function` (`marketing`, `cx`, ...); undefined when the team is not defined. */
  function?: string;
  /** False when no team with this id exists in the workspace (the card says so). */
  known: boolean;
  /** Set when the team is deprecated (or past its sunset) or a draft. */
  lifecycle?: MapLifecycle;
}

/** A problem the workspace reports inside a card's source range (e.g. `touchpoint-owner`). */
export interface MapProblem {
  ruleId: string;
  severity: 'hint' | 'info' | 'warning' | 'error';
  message: string;
}

/** A life-cycle mark on something the map shows: it is deprecated (or past its sunset), or a draft. */
export interface MapLifecycle {
  /** `deprecated` covers a passed sunset too: nothing new should use it. */
  state: 'deprecated' | 'draft';
  /** What the badge says: `deprecated`, `sunset passed` or `draft`. */
  label: string;
  /** One sentence for the tooltip, with the sunset date and the replacement when set. */
  detail: string;
}

/** An entity the map names by id (the journey's persona and segments, a touchpoint's KPIs). */
export interface MapRef {
  id: string;
  /** Set when the entity is deprecated, past its sunset, or a draft. */
  lifecycle?: MapLifecycle;
}

/** Who owns a card, after inheritance from the stage. */
export interface MapOwnership {
  teams: MapTeam[];
  /** The lead of a shared ownership, as written (may name a team outside the list). */
  lead?: string;
  /** True when several teams own it. */
  shared: boolean;
  /** True when the owner comes from the stage, not the touchpoint itself. */
  inherited: boolean;
}

/** One touchpoint card. */
export interface MapTouchpoint {
  /** The touchpoint id; cards without an id get a synthetic `#<stage>-<n>` key. */
  key: string;
  id?: string;
  name: string;
  channel?: string;
  /** Undefined when nobody owns it: the card is red. */
  owner?: MapOwnership;
  kpis: MapRef[];
  /** Set when the touchpoint itself is deprecated or a draft. */
  lifecycle?: MapLifecycle;
  /** The team this touchpoint hands the customer to, and the card that team picks it up at. */
  handoff?: { team: MapTeam; targetKey?: string };
  problems: MapProblem[];
  /** The whole touchpoint mapping: what a click reveals. */
  range: Range;
  /** The id (or name) scalar: what a click selects. */
  selection: Range;
}

/** One stage column. */
export interface MapStage {
  key: string;
  id?: string;
  name: string;
  lifecycleStage?: string;
  owner?: MapOwnership;
  touchpoints: MapTouchpoint[];
  problems: MapProblem[];
  range: Range;
  selection: Range;
}

/** One journey (a file may hold several YAML documents). */
export interface MapJourney {
  id?: string;
  name: string;
  persona?: MapRef;
  segments: MapRef[];
  /** Set when the journey itself is deprecated, past its sunset, or a draft: a badge in its header. */
  lifecycle?: MapLifecycle;
  owner?: MapOwnership;
  stages: MapStage[];
  range: Range;
  selection: Range;
}

/** Everything the journey map webview draws for one file. */
export interface JourneyMapModel {
  uri: string;
  /** The version of the file the model was built from. */
  version: number;
  journeys: MapJourney[];
  /** Every business function in use on this map, in legend order. */
  functions: string[];
  /** Counts of problems in the whole file, by severity, for the header. */
  problemCounts: { error: number; warning: number; info: number; hint: number };
}

export interface JourneyMapParams {
  uri: string;
}

/**
 * Client -> server. The journey map webview asks for the picture of one journey file when it
 * opens, when the file is edited (debounced) and when its diagnostics change. The result is
 * plain JSON; `null` when the server does not know the file or it is not a journey file.
 */
export const JourneyMapRequest: RequestSpec<JourneyMapParams, JourneyMapModel | null> = {
  method: 'cxTaxonomy/journeyMap',
};

// ---------------------------------------------------------------------------------------------
// Ownership report
// ---------------------------------------------------------------------------------------------

/** A touchpoint as listed in the report. */
export interface ReportTouchpoint {
  journeyId?: string;
  journeyName: string;
  stageName: string;
  touchpointId?: string;
  touchpointName: string;
  location: Location;
  /** The index of its journey in `OwnershipReport.journeys`. */
  journey: number;
}

/** An entity owned by several teams without a single accountable lead. */
export interface ReportSharedWithoutLead {
  kind: string;
  id?: string;
  name: string;
  teams: string[];
  /** The lead as written when it is not one of the owners; undefined when there is none. */
  invalidLead?: string;
  location: Location;
  /** For a stage, its journey; for a touchpoint, "journey › stage". */
  context?: string;
  /** For a stage: how many of its touchpoints inherit the leaderless owner (0 otherwise). */
  inheritedBy: number;
}

/** One touchpoint in a matrix cell, with how it is owned. */
export interface ReportCellItem {
  touchpointId?: string;
  touchpointName: string;
  stageName: string;
  /** True when the owner comes from the stage (the touchpoint names none of its own). */
  inherited: boolean;
  /** The effective owner's teams (deduplicated). */
  teams: string[];
  /** The accountable team: the only owner, or a lead that is one of the owners. */
  lead?: string;
  location: Location;
}

/** How much of one journey a team owns. */
export interface ReportCell {
  /** Touchpoints whose effective owner includes the team. */
  touchpoints: number;
  /** Of those, the ones the team is accountable for (sole owner or lead). */
  accountable: number;
  /** The touchpoints counted, in journey order. */
  items: ReportCellItem[];
}

/** A row of the matrix. */
export interface ReportTeam {
  id: string;
  name: string;
  function?: string;
  /** False for ids used as owners but defined nowhere. */
  known: boolean;
  /** Non-journey things the team owns, by kind (persona, segment, kpi, term, journey). */
  owns: Record<string, number>;
  /** Touchpoints it owns in all journeys. */
  touchpoints: number;
}

/** A column of the matrix. */
export interface ReportJourney {
  id?: string;
  name: string;
  touchpoints: number;
  unowned: number;
  location: Location;
}

/** The ownership matrix of one taxonomy (one configuration root). */
export interface OwnershipReport {
  /** The root folder's URI, for the title. */
  root: string;
  /** Unowned touchpoints come first: they are what the report is for. */
  unowned: ReportTouchpoint[];
  sharedWithoutLead: ReportSharedWithoutLead[];
  teams: ReportTeam[];
  journeys: ReportJourney[];
  /** `cells[t][j]` is team `teams[t]` in journey `journeys[j]`. */
  cells: ReportCell[][];
  /** Teams that own nothing at all. */
  idleTeams: string[];
}

export interface OwnershipReportParams {
  /** A file of the taxonomy to report on; every taxonomy of the workspace when absent. */
  uri?: string;
}

/**
 * Client -> server. "CX Taxonomy: Show Ownership Report" asks for the teams x journeys matrix,
 * unowned touchpoints and shared ownership without a lead, computed from the server's index so
 * files never opened count too.
 */
export const OwnershipReportRequest: RequestSpec<OwnershipReportParams, OwnershipReport[]> = {
  method: 'cxTaxonomy/ownershipReport',
};

// ---------------------------------------------------------------------------------------------
// Taxonomy view
// ---------------------------------------------------------------------------------------------

/** Something a team owns, as a row of the Taxonomy view: a click reveals `location`. */
export interface ViewOwnedItem {
  kind: OwnedKind;
  id?: string;
  name: string;
  location: Location;
}

/** Problems by severity. */
export interface ViewProblemCounts {
  error: number;
  warning: number;
  info: number;
  hint: number;
}

/**
 * A team of the view: the ownership report's row (whose `owns` and `touchpoints` count everything
 * the team owns) plus the owned things item by item, each list cut at `itemLimit` of the model.
 */
export interface ViewTeam extends ReportTeam {
  journeys: ViewOwnedItem[];
  /** Touchpoints whose effective owner (own, else the stage's) includes the team, in file order. */
  touchpointItems: (ReportCellItem & { journeyName: string })[];
  kpis: ViewOwnedItem[];
  terms: ViewOwnedItem[];
  personas: ViewOwnedItem[];
  segments: ViewOwnedItem[];
  /**
   * The team's open problems: every problem whose nearest enclosing owned entity is owned by the
   * team (see `teamOfProblem` in server/src/core/taxonomyView.ts).
   */
  problems: ViewProblemCounts;
  /** The location of the team's definition, when it is defined. */
  location?: Location;
}

/** The Taxonomy view of one taxonomy (one configuration root). */
export interface TaxonomyViewModel {
  /** The root folder's URI (the view names the folder when there are several). */
  root: string;
  /** Touchpoints nobody owns, neither themselves nor through their stage: the view's first group (cut at `itemLimit`). */
  unowned: ReportTouchpoint[];
  /** How many touchpoints are unowned in all. */
  unownedTotal: number;
  /** The pinned team first (when it exists), then by business function, then name, as the ownership report. */
  teams: ViewTeam[];
  /** The id of the pinned team when this taxonomy has a team with that id. */
  myTeam?: string;
  /**
   * The most items any one list holds: a large taxonomy owns hundreds of thousands of touchpoints,
   * which no tree shows usefully (the ownership report lists them all). Counts are never cut.
   */
  itemLimit: number;
}

export interface TaxonomyViewParams {
  /** The `cxTaxonomy.myTeam` setting: the id of the team to pin. */
  myTeam?: string;
}

/**
 * Client -> server. The Taxonomy view in the explorer asks for every taxonomy's teams, what each
 * owns and the unowned touchpoints, when the server is ready, when diagnostics change and when a
 * taxonomy file is edited (debounced); the status bar reads the pinned team's problem counts
 * from the same answer. Computed from the server's index, so files never opened count too.
 */
export const TaxonomyViewRequest: RequestSpec<TaxonomyViewParams, TaxonomyViewModel[]> = {
  method: 'cxTaxonomy/taxonomyView',
};

// ---------------------------------------------------------------------------------------------
// Usage lenses
// ---------------------------------------------------------------------------------------------

/** A usage lens, as the server gave it in `CodeLens.data` and in the arguments of `cxTaxonomy.showUsage`. */
export interface UsagePlacesParams {
  /** The file of the definition the lens sits on. */
  uri: string;
  kind: 'persona' | 'segment' | 'kpi' | 'team' | 'term';
  id: string;
  /** `usage`: the id's references (a term's prose mentions too); `touchpoints`: the touchpoints a team owns. */
  lens: 'usage' | 'touchpoints';
}

/**
 * Client -> server. A lens counting many places (a team's thousands of touchpoints) is resolved
 * without them, with the command `cxTaxonomy.showUsage` (uri, position, these params); when it is
 * clicked the VS Code extension asks for the places here and shows them in the references peek.
 * Lenses with few places carry them in `editor.action.showReferences` instead.
 */
export const UsagePlacesRequest: RequestSpec<UsagePlacesParams, Location[]> = {
  method: 'cxTaxonomy/usagePlaces',
};

// ---------------------------------------------------------------------------------------------
// Server status
// ---------------------------------------------------------------------------------------------

export interface StatusParams {
  /** `indexing` while the workspace is read, `ready` once every file is indexed and checked. */
  state: 'indexing' | 'ready';
  /** Files read so far and found in all (while indexing). */
  done?: number;
  total?: number;
}

/**
 * Server -> client. Sent when indexing starts, on progress (throttled by the server) and when it
 * ends, so the status bar can say "indexing 120/400" and then show problem counts. LSP work-done
 * progress shows the same in the notification area, but a client cannot observe it reliably.
 */
export const StatusNotification: NotificationSpec<StatusParams> = {
  method: 'cxTaxonomy/status',
};

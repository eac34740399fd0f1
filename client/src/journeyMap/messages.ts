/**
 * Messages between the journey map panel (extension host) and its webview script. Both sides
 * import these types; the webview validates what it receives before drawing it.
 */
import type { JourneyMapModel, Range } from '../../../server/src/protocol';

/** Extension -> webview. */
export type ToJourneyMapView =
  /** The map to draw (sent on open, on edits and when diagnostics change). */
  | { type: 'model'; model: JourneyMapModel; fileLabel: string }
  /** Nothing to draw, and why (no journey file active, server not running, ...). */
  | { type: 'empty'; message: string };

/** Webview -> extension. */
export type FromJourneyMapView =
  /** The script has loaded and wants the current model. */
  | { type: 'ready' }
  /** A card was clicked: reveal `range` and select `selection` in the editor. */
  | { type: 'reveal'; uri: string; range: Range; selection: Range }
  /** The "Export SVG" button. */
  | { type: 'exportSvg' };

/** What the webview keeps in `vscode.setState` so a hidden panel redraws at once. */
export interface JourneyMapViewState {
  uri?: string;
}

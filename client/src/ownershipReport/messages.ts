/** Messages between the ownership report panel and its webview script. */
import type { Location, OwnershipReport } from '../../../server/src/protocol';

/** Extension -> webview. */
export type ToOwnershipView =
  { type: 'report'; reports: OwnershipReport[]; labels: string[] } | { type: 'empty'; message: string };

/** Webview -> extension. */
export type FromOwnershipView =
  | { type: 'ready' }
  | { type: 'refresh' }
  /** A row was clicked: open its file at the location. */
  | { type: 'reveal'; location: Location };

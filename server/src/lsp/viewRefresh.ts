/**
 * Asks the client to re-request its code lenses and inlay hints after the taxonomy changed: a
 * persona's usage count shown in one editor changes when a journey in another names it. The
 * client re-requests only what is in view, and only once changes pause (debounced), so typing
 * costs one refresh, not one per keystroke.
 */

/** How long after the last change the refresh is sent. */
const VIEW_REFRESH_DEBOUNCE_MS = 300;

/** The refresh requests a client supports (`workspace.codeLens.refreshSupport`, ...). */
export interface ViewRefreshSenders {
  codeLens?: () => Promise<unknown>;
  inlayHint?: () => Promise<unknown>;
}

export class ViewRefresher {
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private readonly senders: () => ViewRefreshSenders,
    private readonly delay = VIEW_REFRESH_DEBOUNCE_MS,
  ) {}

  /** Asks for a refresh `delay` ms from now; a later call moves it later. */
  schedule(): void {
    if (this.disposed) return;
    const { codeLens, inlayHint } = this.senders();
    if (!codeLens && !inlayHint) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A client that fails a refresh (or has gone) changes nothing here: the next edit asks again.
      void codeLens?.().catch(() => undefined);
      void inlayHint?.().catch(() => undefined);
    }, this.delay);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

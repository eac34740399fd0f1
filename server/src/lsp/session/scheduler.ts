/**
 * Scheduling checks. A request for a check replaces a waiting one (the debounce of typing); the
 * dirty files are then re-checked in slices of a few milliseconds, yielding to the event loop in
 * between so requests stay responsive, and only the files a slice re-checked are published.
 */
import type { Documents } from './documents';
import type { Indexer } from './indexer';
import type { Publisher } from './publish';
import type { Roots } from './roots';
import { isIndexed, type Lifetime, type TaxonomyRoot } from './types';

/** The longest a slice of work (checking, a workspace symbol search) runs before it yields to requests. */
export const SLICE_MS = 15;

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(
    private readonly roots: Roots,
    private readonly docs: Documents,
    private readonly publisher: Publisher,
    private readonly indexer: Indexer,
    /** Parses every pending edit, so a check sees the text the user sees. */
    private readonly syncAll: () => void,
    private readonly lifetime: Lifetime,
  ) {}

  /**
   * Asks for a check after `delay` ms. A new request replaces a waiting one, which is what
   * debounces typing; a check already running continues and picks up what is new.
   */
  scheduleCheck(delay: number): void {
    if (this.lifetime.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.syncAll();
      this.runChecks();
    }, delay);
  }

  private runChecks(): void {
    if (this.checking) return;
    this.checking = true;
    const slice = () => {
      if (this.lifetime.disposed) return;
      const deadline = performance.now() + SLICE_MS;
      const stop = () => performance.now() > deadline;
      let left = 0;
      for (const root of this.roots.allRoots()) {
        if (!isIndexed(root)) {
          // Before the whole taxonomy is read only open documents are checked (their file-local
          // problems show at once); the rest waits for the end of indexing, which re-checks all.
          if (root.ws.pending().size > 0 && !stop()) this.checkOpenEarly(root);
          continue;
        }
        if (root.ws.pending().size > 0 && !stop()) this.publisher.publish(root, root.ws.flush(stop));
        const dirty = root.ws.pending().size;
        // Checked early and not dirtied since, a file would otherwise keep its early problems.
        if (dirty === 0) this.publisher.publishHeldBack(root);
        left += dirty;
      }
      if (left > 0) {
        this.indexer.reportChecking(left);
        setImmediate(slice);
        return;
      }
      this.checking = false;
      this.roots.dropEmptyLooseRoots();
      this.indexer.checksDone();
    };
    setImmediate(slice);
  }

  private checkOpenEarly(root: TaxonomyRoot): void {
    for (const uri of this.docs.open.keys()) {
      if (this.roots.locate(uri)?.root === root && root.ws.flushFile(uri)) this.publisher.publish(root, [uri]);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

import type { FacetEntry } from './index/entries';
import { facetOfWholeKey, type IndexKey } from './index/keys';
import type { WorkspaceIndex } from './index/workspaceIndex';

/** What hands out derived values (the workspace), for callers that need nothing else of it. */
export interface DerivedSource {
  derived<T>(facet: string, build: (entries: ReadonlyMap<string, readonly FacetEntry[]>) => T): T;
}

/**
 * Values computed from every entry of a facet (the glossary's term matcher), by facet and
 * builder, each built once and kept until an entry of the facet changes in substance (moving an
 * entry to another line does not count), so the matcher is compiled once per glossary change
 * rather than once per file.
 */
export class DerivedValues {
  private readonly cache = new Map<string, Map<unknown, unknown>>();

  constructor(private readonly index: WorkspaceIndex) {}

  get<T>(facet: string, build: (entries: ReadonlyMap<string, readonly FacetEntry[]>) => T): T {
    let byBuilder = this.cache.get(facet);
    if (!byBuilder) {
      byBuilder = new Map();
      this.cache.set(facet, byBuilder);
    }
    if (byBuilder.has(build)) return byBuilder.get(build) as T;
    const value = build(this.index.facetEntries(facet));
    byBuilder.set(build, value);
    return value;
  }

  /** Drops the values of a facet when the key that changed is its whole-facet key. */
  invalidate(changed: IndexKey): void {
    const facet = facetOfWholeKey(changed);
    if (facet !== undefined) this.cache.delete(facet);
  }
}

import * as assert from 'node:assert/strict';
import type { Entity } from '../../server/src/core/model';
import {
  ContainedTable,
  contributedDefinitions,
  DetachedDefinition,
  detachedFields,
} from '../../server/src/core/index/detached';
import {
  SiteReferences,
  type Definition,
  type EntitySource,
  type FileContribution,
} from '../../server/src/core/index/entries';
import type { LineIndex } from '../../server/src/core/lineIndex';
import type { Located } from '../../server/src/core/model';
import { CONTAINED_KINDS, defKey, idSetKey, qualifiedId, type IndexKey } from '../../server/src/core/index/keys';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import type { EntityKind } from '../../server/src/core/types';

/**
 * Stages and touchpoints are found through the files that define their journey, not kept under a
 * key of their own (BENCHMARKS.md, item 38). Held here to what a plain list of every definition
 * gives, over random sequences of files added, replaced and removed: journeys sharing ids across
 * files, ids with a `/` in them, stages and touchpoints of journeys without an id, and duplicates.
 */

/** A small deterministic generator, so a failure names the seed that shows it. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const JOURNEY_IDS = ['onboard', 'onboard/web', 'renew', 'a/b/c'];
const LOCAL_IDS = ['sign-up', 'web', 'b/c', 'call', 'a'];
const OTHER_KINDS: EntityKind[] = ['kpi', 'team'];

function definition(kind: EntityKind, id: string, uri: string, at: number, container?: string): Definition {
  const entity = { kind, id: { value: id }, name: { value: `${id} ${at}` } } as unknown as Entity;
  return {
    kind,
    id,
    uri,
    container,
    range: { start: { line: at, character: 0 }, end: { line: at, character: id.length } },
    entity,
  };
}

/** A journey file's definitions: its journeys (some without an id), each with stages and touchpoints. */
function contribution(uri: string, next: () => number): FileContribution {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const definitions: Definition[] = [];
  let at = 0;
  for (let j = 1 + Math.floor(next() * 2); j > 0; j--) {
    const journey = next() < 0.85 ? pick(JOURNEY_IDS) : undefined;
    if (journey !== undefined) definitions.push(definition('journey', journey, uri, at++));
    for (let n = Math.floor(next() * 5); n > 0; n--)
      definitions.push(definition(next() < 0.5 ? 'stage' : 'touchpoint', pick(LOCAL_IDS), uri, at++, journey));
  }
  if (next() < 0.3) definitions.push(definition(pick(OTHER_KINDS), pick(LOCAL_IDS), uri, at));
  const plain: FileContribution = { definitions, references: new SiteReferences(uri, []), facets: new Map() };
  return next() < 0.5 ? plain : detached(plain);
}

/**
 * The same definitions as a file that may let its model go holds them: its stages and
 * touchpoints in a `ContainedTable`, the others as `DetachedDefinition`s (each definition's line
 * is its id's offset here).
 */
function detached(c: FileContribution): FileContribution {
  const uri = c.definitions[0]?.uri ?? 'file:///empty.journey.yaml';
  const entities = c.definitions.map((d) => d.entity);
  const lines = {
    range: (start: number, end: number) => ({ start: { line: start, character: 0 }, end: { line: end, character: 3 } }),
  } as unknown as LineIndex;
  const source: EntitySource = { lines, definedEntity: (ordinal) => entities[ordinal] };
  const table = new ContainedTable(uri, source);
  const definitions: Definition[] = [];
  c.definitions.forEach((d, ordinal) => {
    const fields = detachedFields(d.entity as Entity & { id: Located<string> }, d.container);
    const line = d.range.start.line;
    if (d.container !== undefined && CONTAINED_KINDS.has(d.kind)) table.add(ordinal, fields, line, line);
    else definitions.push(new DetachedDefinition(uri, source, ordinal, fields, line, line));
  });
  return { ...c, definitions, contained: table.length ? table.seal() : undefined };
}

/** Every definition of a file, in the file's order. */
const all = (c: FileContribution) => [...contributedDefinitions(c)];

/** Every qualified id a plain list of the files' definitions has, by kind. */
function expectedIds(files: ReadonlyMap<string, FileContribution>, kind: EntityKind): Set<string> {
  const out = new Set<string>();
  for (const c of files.values())
    for (const d of all(c)) if (d.kind === kind) out.add(qualifiedId(d.kind, d.id, d.container));
  return out;
}

function expectedDefinitions(files: ReadonlyMap<string, FileContribution>, kind: EntityKind, qid: string): string[] {
  const out: string[] = [];
  for (const c of files.values())
    for (const d of all(c)) if (d.kind === kind && qualifiedId(d.kind, d.id, d.container) === qid) out.push(label(d));
  return out.sort();
}

const label = (d: Definition) => `${d.uri}:${d.range.start.line}`;
const KINDS: EntityKind[] = ['journey', 'stage', 'touchpoint', ...OTHER_KINDS];

describe('stages and touchpoints found through their journey', () => {
  it('gives what a list of every definition gives, through random adds, replacements and removals', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const next = random(seed);
      const index = new WorkspaceIndex();
      const files = new Map<string, FileContribution>();
      const uris = ['a', 'b', 'c', 'd', 'e'].map((n) => `file:///${n}.journey.yaml`);
      for (let step = 0; step < 300; step++) {
        const uri = uris[Math.floor(next() * uris.length)];
        const where = `seed ${seed}, step ${step}`;
        const before = new Map(KINDS.map((k) => [k, expectedIds(files, k)]));
        const isNew = !files.has(uri);
        const c = next() < 0.2 && !isNew ? undefined : contribution(uri, next);
        if (c) files.set(uri, c);
        else files.delete(uri);
        // Every key watched: a new file names what changed as it is added.
        const changed: Set<IndexKey> = index.replaceFile(uri, c, () => true);
        if (c) {
          const lines = all(c).map((d) => d.range.start.line);
          assert.deepEqual(
            lines,
            lines.map((_, i) => i),
            `${where}: every definition, in the file's order`,
          );
        }
        for (const kind of KINDS) {
          const ids = expectedIds(files, kind);
          assert.deepEqual(new Set(index.ids(kind)), ids, `${where}: ids of ${kind}`);
          for (const qid of ids)
            assert.deepEqual(
              index.definitions(kind, qid).map(label).sort(),
              expectedDefinitions(files, kind, qid),
              `${where}: ${kind} ${qid}`,
            );
          const was = before.get(kind)!;
          const idsChanged = ids.size !== was.size || [...ids].some((q) => !was.has(q));
          assert.equal(changed.has(idSetKey(kind)), idsChanged, `${where}: whether the ids of ${kind} changed`);
          if (isNew && c)
            for (const d of all(c))
              if (d.kind === kind)
                assert.ok(changed.has(defKey(kind, qualifiedId(kind, d.id, d.container))), `${where}: ${d.id}`);
        }
        // Ids no file defines find nothing, whichever way they split.
        for (const qid of ['onboard/none', 'none/web', 'a/b/c/none'])
          assert.deepEqual(index.definitions('touchpoint', qid), expectedDefinitions(files, 'touchpoint', qid));
      }
    }
  });
});

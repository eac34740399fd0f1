import * as assert from 'node:assert/strict';
import { FileSet } from '../../server/src/core/fileSet';
import { Bucket } from '../../server/src/core/index/buckets';

/**
 * The containers the index and the dependency tracker keep their entries in (BENCHMARKS.md, item
 * 36), held to what a `Set` and a map by file gave, over random sequences of changes.
 */

/** A small deterministic generator, so a failure names the seed that shows it. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('index containers', () => {
  describe('FileSet', () => {
    it('holds what a Set holds through random adds and deletes, small and large', () => {
      for (const [seed, files] of [
        [1, 40],
        [2, 300],
        [3, 5000],
      ] as const) {
        const next = random(seed);
        const set = new FileSet();
        const model = new Set<number>();
        for (let step = 0; step < 20000; step++) {
          const n = Math.floor(next() * files);
          // Grow for a while, then shrink, so the set crosses from a list to bits and empties again.
          if (next() < (step < 12000 ? 0.8 : 0.2)) {
            set.add(n);
            model.add(n);
          } else {
            set.delete(n);
            model.delete(n);
          }
          assert.equal(set.size, model.size, `seed ${seed}, step ${step}`);
          assert.equal(set.has(n), model.has(n), `seed ${seed}, step ${step}`);
        }
        assert.deepEqual(
          [...set].sort((a, b) => a - b),
          [...model].sort((a, b) => a - b),
          `seed ${seed}`,
        );
      }
    });

    it('lists a few members in the order they came, and many in ascending order', () => {
      const few = new FileSet();
      for (const n of [9, 3, 7, 3]) few.add(n);
      assert.deepEqual([...few], [9, 3, 7]);
      const many = new FileSet();
      for (let n = 199; n >= 0; n--) many.add(n * 37);
      assert.deepEqual(
        [...many],
        Array.from({ length: 200 }, (_, i) => i * 37),
      );
      many.add(31);
      many.add(32);
      assert.ok(many.has(31) && many.has(32) && !many.has(33));
    });
  });

  describe('Bucket', () => {
    it('lists what a map by file listed, in the order files first added, through random changes', () => {
      const next = random(7);
      const bucket = new Bucket<{ n: number }>();
      const model = new Map<string, { n: number }[]>();
      let counter = 0;
      for (let step = 0; step < 5000; step++) {
        // As the index changes a file: its entries out, then its new ones (none, one or several) in.
        const uri = `file:///f${Math.floor(next() * 12)}.yaml`;
        bucket.remove(uri);
        model.delete(uri);
        const added = Math.floor(next() * 4);
        for (let i = 0; i < added; i++) {
          const v = { n: counter++ };
          assert.equal(bucket.add(uri, v), i === 0, `step ${step}`);
          model.set(uri, [...(model.get(uri) ?? []), v]);
        }
        assert.deepEqual(bucket.list(), [...model.values()].flat(), `step ${step}`);
        assert.equal(bucket.empty, model.size === 0);
        const files: string[] = [];
        bucket.forEachFile((u, entries) => {
          files.push(u);
          assert.deepEqual(Array.isArray(entries) ? entries : [entries], model.get(u));
        });
        assert.deepEqual(files, [...model.keys()]);
      }
    });

    it('never changes a list it handed out', () => {
      const bucket = new Bucket<{ n: number }>();
      bucket.add('a', { n: 1 });
      bucket.add('a', { n: 2 });
      const lent = bucket.list();
      bucket.add('a', { n: 3 });
      assert.deepEqual(lent, [{ n: 1 }, { n: 2 }]);
      assert.deepEqual(bucket.list(), [{ n: 1 }, { n: 2 }, { n: 3 }]);
      const again = bucket.list();
      bucket.add('b', { n: 4 });
      bucket.remove('a');
      assert.deepEqual(again, [{ n: 1 }, { n: 2 }, { n: 3 }]);
      assert.deepEqual(bucket.list(), [{ n: 4 }]);
    });
  });
});

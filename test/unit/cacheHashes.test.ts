import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { contentHash } from '../../server/src/cli/cache';
import { fileStamps, quickHashOf, textLater } from '../../server/src/cli/cacheHashes';
import { createTaxonomyWorkspace } from '../../server/src/core';

describe('the warm cache path', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'cx-cache-hashes-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('hashes files through one buffer exactly as contentHash hashes their bytes', () => {
    // Sizes around the 64 KiB chunk, multi-byte characters split across chunk ends.
    const sizes = [0, 1, 65535, 65536, 65537, 131072 + 3, 300000];
    const files = sizes.map((n, i) => {
      const p = path.join(dir, `f${i}.persona.yaml`);
      writeFileSync(p, 'é'.repeat(Math.floor(n / 2)) + 'x'.repeat(n % 2));
      return p;
    });
    const hashes = files.map((f) => quickHashOf(f, 1 << 20));
    assert.deepEqual(
      hashes,
      files.map((f) => contentHash(readFileSync(f))),
    );
  });

  it('gives the size of a file over the limit, and leaves anything but plain files to the host', () => {
    const big = path.join(dir, 'big.journey.yaml');
    writeFileSync(big, 'x'.repeat(100));
    assert.equal(quickHashOf(big, 99), 'size:100');
    const link = path.join(dir, 'link.journey.yaml');
    symlinkSync(big, link);
    assert.equal(quickHashOf(link, 1000), undefined);
    assert.equal(quickHashOf(path.join(dir, 'gone.kpi.yaml'), 1000), undefined);
    assert.equal(quickHashOf('relative.kpi.yaml', 1000), undefined);
  });

  describe('stamps (--cache-strategy metadata)', () => {
    const later = (ms: number) => ms + 10_000; // A run 10 s after the writes.

    it('stamps plain files only, and none written within the last two seconds', () => {
      const file = path.join(dir, 'a.persona.yaml');
      writeFileSync(file, 'kind: persona\nid: pat\n');
      const link = path.join(dir, 'l.persona.yaml');
      symlinkSync(file, link);
      const [plain, linked, gone, relative] = fileStamps(
        [file, link, path.join(dir, 'gone.kpi.yaml'), 'relative.kpi.yaml'],
        later(Date.now()),
      );
      assert.match(plain ?? '', /^22:[\d.]+:[\d.]+:\d+$/);
      assert.deepEqual([linked, gone, relative], [undefined, undefined, undefined]);
      // Just written: a write in the same tick of a coarse clock could follow unseen.
      assert.deepEqual(fileStamps([file], Date.now()), [undefined]);
    });

    it('gives a new stamp to every write: longer, shorter, the same size, and with the old time put back', () => {
      const file = path.join(dir, 'a.journey.yaml');
      writeFileSync(file, 'kind: journey\nid: one\n');
      const seen = new Set<string | undefined>();
      const stamp = () => fileStamps([file], later(Date.now()))[0];
      seen.add(stamp());
      assert.equal(stamp(), stamp(), 'an unchanged file keeps its stamp');
      const old = statSync(file);
      for (const text of ['kind: journey\nid: two\n', 'kind: journey\nid: three\n', 'kind: journey\nid: t\n']) {
        // File times come from a clock that ticks every few milliseconds; the stamps the CLI
        // remembers are of files written two seconds before (the first test), never within a tick.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
        writeFileSync(file, text);
        // A tool that restores the modification time (rsync -t, an archive) cannot restore the change time.
        utimesSync(file, old.atime, old.mtime);
        const s = stamp();
        assert.ok(!seen.has(s), `a new stamp after writing ${JSON.stringify(text)}`);
        seen.add(s);
      }
    });
  });

  it('reads a restored file only when its text or lines are asked for', () => {
    const file = path.join(dir, 'a.persona.yaml');
    writeFileSync(file, 'kind: persona\nid: pat\n');
    let reads = 0;
    const later = textLater(file);
    const ws = createTaxonomyWorkspace(undefined, { trackDependencies: false });
    ws.restoreFile(file, 'a.persona.yaml', () => (reads++, later()), []);
    const restored = ws.getFile(file)!;
    assert.equal(reads, 0);
    assert.equal(restored.lines.offsetAt({ line: 1, character: 4 }), 18);
    assert.equal(restored.text, 'kind: persona\nid: pat\n');
    assert.equal(reads, 1);
  });
});

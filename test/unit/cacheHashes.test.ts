import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { contentHash } from '../../server/src/cli/cache';
import { quickHashes, textLater } from '../../server/src/cli/cacheHashes';
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
    const hashes = quickHashes(files, 1 << 20);
    assert.deepEqual(
      hashes,
      files.map((f) => contentHash(readFileSync(f))),
    );
  });

  it('gives the size of a file over the limit, and leaves anything but plain files to the host', () => {
    const big = path.join(dir, 'big.journey.yaml');
    writeFileSync(big, 'x'.repeat(100));
    assert.deepEqual(quickHashes([big], 99), ['size:100']);
    const link = path.join(dir, 'link.journey.yaml');
    symlinkSync(big, link);
    assert.equal(quickHashes([big, link], 1000), undefined);
    assert.equal(quickHashes([path.join(dir, 'gone.kpi.yaml')], 1000), undefined);
    assert.equal(quickHashes(['relative.kpi.yaml'], 1000), undefined);
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

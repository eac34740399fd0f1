import * as assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';
import { generateWorkspace, SIZES } from '../../bench/generate';
import { CLEAN as CLEAN_PATH, cli, ROOT, tempTree } from './support/cli';

/** A small generated taxonomy with planted problems, as files. */
function taxonomy(): Record<string, string> {
  const ws = generateWorkspace(
    { ...SIZES.S, journeys: 4, personas: 3, segments: 3, kpis: 3, docs: 2, glossaryFiles: 1, termsPerGlossary: 10 },
    3,
  );
  return Object.fromEntries(ws.files);
}

describe('cli: lint --cache', () => {
  it('reuses the results of an unchanged taxonomy, and reports exactly what a fresh lint reports', async () => {
    const t = tempTree(taxonomy());
    try {
      const cacheDir = path.join(t.dir, '.cache-here');
      const fresh = await cli(['lint', '.', '--format', 'json'], { cwd: t.dir });
      const first = await cli(['lint', '.', '--format', 'json', '--cache-location', cacheDir], { cwd: t.dir });
      assert.ok(readdirSync(cacheDir).length === 1, 'the cache file is written');
      const second = await cli(['lint', '.', '--format', 'json', '--cache-location', cacheDir], { cwd: t.dir });
      assert.equal(first.stdout, fresh.stdout);
      assert.equal(second.stdout, fresh.stdout);
      assert.equal(second.code, fresh.code);
    } finally {
      t.dispose();
    }
  });

  it('serves every report format from the cache exactly as a fresh lint writes it', async () => {
    const t = tempTree(taxonomy());
    try {
      for (const format of ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown']) {
        const fresh = await cli(['lint', '.', '--format', format], { cwd: t.dir });
        const args = ['lint', '.', '--format', format, '--cache'];
        await cli(args, { cwd: t.dir });
        const warm = await cli(args, { cwd: t.dir });
        assert.equal(warm.stdout, fresh.stdout, format);
        assert.equal(warm.code, fresh.code, format);
      }
    } finally {
      t.dispose();
    }
  });

  it('re-checks when a file, a severity or the set of files changes', async () => {
    const files = taxonomy();
    const t = tempTree(files);
    try {
      const args = ['lint', '.', '--format', 'json', '--cache'];
      await cli(args, { cwd: t.dir });
      assert.ok(existsSync(path.join(t.dir, '.cx-taxonomy-cache')), 'the default cache folder is used');
      // A changed file: a touchpoint loses its owner.
      const journey = Object.keys(files).find((p) => p.endsWith('.journey.yaml'))!;
      const edited = files[journey].replace(/^( {8})owner: [a-z0-9-]+\n/m, '');
      assert.notEqual(edited, files[journey]);
      writeFileSync(path.join(t.dir, journey), edited);
      const afterEdit = await cli(args, { cwd: t.dir });
      assert.equal(afterEdit.stdout, (await cli(['lint', '.', '--format', 'json'], { cwd: t.dir })).stdout);
      // A changed severity.
      const off = await cli([...args, '--rule', 'touchpoint-owner=off'], { cwd: t.dir });
      assert.ok(!off.stdout.includes('"touchpoint-owner"'), 'a rule turned off is not served from the cache');
      // A new file.
      writeFileSync(path.join(t.dir, 'extra.kpi.yaml'), 'kind: kpi\nid: extra-kpi\nname: Extra\n');
      const added = await cli(args, { cwd: t.dir });
      assert.equal(added.stdout, (await cli(['lint', '.', '--format', 'json'], { cwd: t.dir })).stdout);
    } finally {
      t.dispose();
    }
  });

  it('tells unchanged files by their stamps, remembers a new stamp of unchanged bytes, and reads again a file written since, even with its old time put back', async () => {
    const files = taxonomy();
    const t = tempTree(files);
    try {
      // Files written within two seconds of a run are not stamped (a coarse clock could hide a write).
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const env = { ...process.env, CX_TAXONOMY_TRACE_CACHE: '1' };
      const args = ['lint', '.', '--format', 'json', '--cache'];
      const traced = async (extra: string[] = []) => {
        const r = await cli([...args, ...extra], { cwd: t.dir, env });
        const m = /lint cache: (answered|not answered); files unchanged by their stamps: (\d+), hashed: (\d+)/.exec(
          r.stderr,
        );
        assert.ok(m, r.stderr);
        return { stdout: r.stdout, answered: m[1] === 'answered', stamped: Number(m[2]), hashed: Number(m[3]) };
      };
      const cold = await traced();
      assert.deepEqual(
        [cold.answered, cold.stamped, cold.hashed],
        [false, 0, 0],
        'no cache yet: nothing is read twice',
      );
      const warm = await traced();
      const n = Object.keys(files).length;
      assert.deepEqual([warm.answered, warm.stamped, warm.hashed], [true, n, 0], 'every file told by its stamp');
      assert.equal(warm.stdout, cold.stdout);

      // The same bytes written again: a new stamp, so the file is hashed, and the hash is as remembered.
      const journey = Object.keys(files).find((p) => p.endsWith('.journey.yaml'))!;
      const file = path.join(t.dir, journey);
      writeFileSync(file, readFileSync(file));
      const touched = await traced();
      assert.deepEqual([touched.answered, touched.stamped, touched.hashed], [true, n - 1, 1]);
      assert.equal(touched.stdout, cold.stdout);
      // Once the write is two seconds old, the run that hashes it remembers its new stamp.
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const restamped = await traced();
      assert.deepEqual([restamped.answered, restamped.stamped, restamped.hashed], [true, n - 1, 1]);
      const again = await traced();
      assert.deepEqual([again.answered, again.stamped, again.hashed], [true, n, 0], 'the new stamp is remembered');
      assert.equal(again.stdout, cold.stdout);

      // An owner swapped for another of the same length, and the file given its old times back.
      const before = statSync(file);
      const edited = files[journey].replace(
        /^( +owner: )([a-z0-9-]+)$/m,
        (_, key: string, id: string) => key + 'x'.repeat(id.length),
      );
      assert.notEqual(edited, files[journey]);
      assert.equal(Buffer.byteLength(edited), Buffer.byteLength(files[journey]));
      writeFileSync(file, edited);
      utimesSync(file, before.atime, before.mtime);
      const afterEdit = await traced();
      assert.equal(afterEdit.answered, false, 'the edited file is read and the taxonomy re-checked');
      assert.equal(afterEdit.stdout, (await cli(['lint', '.', '--format', 'json'], { cwd: t.dir })).stdout);
      assert.notEqual(afterEdit.stdout, cold.stdout);

      // --cache-strategy content reads every file, and answers the same.
      const content = await traced(['--cache-strategy', 'content']);
      assert.deepEqual([content.answered, content.stamped, content.hashed], [true, 0, n]);
      assert.equal(content.stdout, afterEdit.stdout);
    } finally {
      t.dispose();
    }
  });

  it('refuses an unknown --cache-strategy with the ones it knows', async () => {
    const r = await cli(['lint', CLEAN_PATH, '--cache-strategy', 'fast'], { cwd: ROOT });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Unknown strategy "fast" for --cache-strategy\. Use one of: metadata, content\./);
  });

  it("reads every file the host's way when one is a link, and still answers an unchanged taxonomy", async () => {
    const files = taxonomy();
    const t = tempTree({ ...files, 'data/persona.txt': 'kind: persona\nid: linked-persona\nname: Linked\n' });
    try {
      mkdirSync(path.join(t.dir, 'personas'), { recursive: true });
      symlinkSync(path.join('..', 'data', 'persona.txt'), path.join(t.dir, 'personas', 'linked.persona.yaml'));
      const env = { ...process.env, CX_TAXONOMY_TRACE_CACHE: '1' };
      const args = ['lint', '.', '--format', 'json', '--cache'];
      const fresh = await cli(['lint', '.', '--format', 'json'], { cwd: t.dir });
      assert.match(fresh.stdout, /linked\.persona\.yaml/, 'the link is linted');
      const cold = await cli(args, { cwd: t.dir, env });
      const warm = await cli(args, { cwd: t.dir, env });
      assert.equal(cold.stdout, fresh.stdout);
      assert.equal(warm.stdout, fresh.stdout);
      assert.match(warm.stderr, /lint cache: answered after reading every file \(one is not a plain file\)/);
      // The linked file changes: its new content is checked.
      writeFileSync(path.join(t.dir, 'data', 'persona.txt'), 'kind: persona\nid: Linked Persona\nname: Linked\n');
      const changed = await cli(args, { cwd: t.dir, env });
      assert.match(changed.stderr, /lint cache: not answered after reading every file/);
      assert.equal(changed.stdout, (await cli(['lint', '.', '--format', 'json'], { cwd: t.dir })).stdout);
      assert.notEqual(changed.stdout, fresh.stdout);
    } finally {
      t.dispose();
    }
  });
});

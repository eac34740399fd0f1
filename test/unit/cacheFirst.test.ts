import * as assert from 'node:assert/strict';
import { CacheMiss } from '../../server/src/cli/cache';
import { answerFromCache, usesCache } from '../../server/src/cli/cacheFirst';
import type { CliIo } from '../../server/src/cli/command';

/** Streams that record what reaches them, as the terminal would see it. */
function terminal(): { io: CliIo; seen: string[] } {
  const seen: string[] = [];
  const stream = (name: string) => ({
    write: (chunk: string) => seen.push(`${name}:${chunk}`),
    isTTY: true,
    columns: 80,
  });
  return { io: { stdout: stream('out'), stderr: stream('err'), cwd: '/', env: {} }, seen };
}

describe('cli: lint --cache answered on the main thread', () => {
  it('is tried for command lines that ask for the cache only', () => {
    assert.equal(usesCache(['lint', '.', '--cache']), true);
    assert.equal(usesCache(['lint', '--cache-location', 'x', '.']), true);
    assert.equal(usesCache(['lint', '--cache-location=x', '.']), true);
    assert.equal(usesCache(['lint', '.']), false);
    assert.equal(usesCache(['lint', '--cached-thing']), false);
    // After `--`, `--cache` is a path.
    assert.equal(usesCache(['lint', '--', '--cache']), false);
  });

  it('writes nothing and runs nothing when the command line does not ask for the cache', async () => {
    const { io, seen } = terminal();
    let ran = 0;
    const code = await answerFromCache(['lint', '.'], io, async () => ++ran);
    assert.equal(code, undefined);
    assert.equal(ran, 0);
    assert.deepEqual(seen, []);
  });

  it('drops what a run wrote before the cache could not answer', async () => {
    const { io, seen } = terminal();
    const code = await answerFromCache(['lint', '.', '--cache'], io, async (_argv, held) => {
      held.stderr.write('warning: a file was skipped\n');
      held.stdout.write('partial');
      throw new CacheMiss();
    });
    assert.equal(code, undefined);
    assert.deepEqual(seen, []);
  });

  it('passes on what an answered run wrote, in order, with its exit code, as the terminal it runs on', async () => {
    const { io, seen } = terminal();
    const code = await answerFromCache(['lint', '.', '--cache'], io, async (_argv, held) => {
      assert.equal(held.cacheOnly, true);
      assert.equal(held.stdout.isTTY, true, 'colours are decided as for the terminal');
      assert.equal(held.stdout.columns, 80);
      assert.equal(held.progressDelayMs, Number.POSITIVE_INFINITY, 'no progress line is held back');
      held.stdout.write('a');
      held.stderr.write('b');
      held.stdout.write('c');
      assert.deepEqual(seen, [], 'nothing reaches the terminal before the answer is known');
      return 1;
    });
    assert.equal(code, 1);
    assert.deepEqual(seen, ['out:a', 'err:b', 'out:c']);
  });

  it('lets any other failure through', async () => {
    const { io } = terminal();
    await assert.rejects(
      answerFromCache(['lint', '--cache'], io, async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
  });
});

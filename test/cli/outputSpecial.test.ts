import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, lstatSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic, writeFileAtomicSync } from '../../server/src/node/safeWrite';

/*
 * `--output /dev/null` run as root once replaced the machine's /dev/null with a regular file: the
 * report was written beside it and renamed over it. Devices and pipes are written to directly.
 * Shown with a named pipe, which a test may make and break.
 */
describe('cli: --output to a device or a pipe', function () {
  if (process.platform === 'win32') return;
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'cx-fifo-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, write] of [
    ['writeFileAtomic', (file: string, text: string) => writeFileAtomic(file, text)],
    ['writeFileAtomicSync', async (file: string, text: string) => writeFileAtomicSync(file, text)],
  ] as const) {
    it(`${name} writes into a named pipe and leaves it a pipe`, async () => {
      const fifo = path.join(dir, 'report.pipe');
      execFileSync('mkfifo', [fifo]);
      // A reader that does not wait, so the writer's open succeeds at once.
      const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        await write(fifo, 'the report\n');
        const buf = Buffer.alloc(64);
        const n = readSync(reader, buf, 0, buf.length, null);
        assert.equal(buf.subarray(0, n).toString(), 'the report\n');
      } finally {
        closeSync(reader);
      }
      assert.ok(lstatSync(fifo).isFIFO(), 'the pipe is still a pipe');
    });
  }

  it('still replaces a plain file whole', async () => {
    const file = path.join(dir, 'out.json');
    writeFileAtomicSync(file, 'one');
    await writeFileAtomic(file, 'two');
    assert.ok(lstatSync(file).isFile());
    assert.equal(execFileSync('cat', [file], { encoding: 'utf8' }), 'two');
  });
});

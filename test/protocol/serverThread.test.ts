import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { LspTestClient } from './harness';

const FILES = {
  'org.teams.yaml': 'kind: teams\nteams:\n  - id: cx-ops\n    name: CX Operations\n',
  'p.persona.yaml': 'kind: persona\nid: p\nname: P\nowner: nobody\n',
  'j.journey.yaml':
    'kind: journey\nid: j\nname: J\npersona: p\nowner: cx-ops\nstages:\n  - name: Start\n    touchpoints:\n      - id: t\n        name: T\n        channel: web\n',
};

/** The young generation the server's trace log names, and what it published. */
async function run(env: Record<string, string>, launcher?: string[]) {
  const c = await LspTestClient.start({ files: FILES, env: { CX_TAXONOMY_TRACE_PARSE: '1', ...env }, launcher });
  try {
    await c.waitForReady(60_000);
    const line = c.logs.find((l) => l.startsWith('Parse workers:')) ?? '';
    const published = [...c.published].map(
      ([uri, p]) => `${uri.slice(c.uri('').length)} ${JSON.stringify(p.diagnostics)}`,
    );
    const memory = c.logs.find((l) => l.startsWith('Memory after indexing:'));
    return { young: /young generation ([^.]+)\./.exec(line)?.[1], published: published.sort(), memory };
  } finally {
    await c.stop();
  }
}

describe('protocol: the server over stdio serves with a larger young generation', function () {
  this.timeout(120_000);

  it('indexes with 32 MB semi-spaces, and publishes what the main thread publishes', async () => {
    const worker = await run({});
    const main = await run({ CX_TAXONOMY_NO_WORKER: '1' });
    assert.equal(worker.young, '96 MB');
    assert.equal(main.young, "node's default");
    assert.ok(
      worker.published.some((p) => p.includes('nobody')),
      worker.published.join('\n'),
    );
    assert.deepEqual(worker.published, main.published);
  });
});

describe('protocol: the server compacts its heap once indexing ends, when it let models go', function () {
  this.timeout(120_000);
  const letGo = { CX_TAXONOMY_RELEASE_ABOVE: '0' };

  it('runs one full collection after the initial index, where it serves', async () => {
    const { memory } = await run(letGo);
    assert.match(
      memory ?? 'no log line',
      /^Memory after indexing: heap \d+ -> \d+ MB \(one full, compacting collection\)\.$/,
    );
    // Every model kept: the collection would cost seconds on a large taxonomy for little.
    assert.equal((await run({})).memory, undefined);
    // On the main thread gc is there only when node was started with --expose-gc, as VS Code starts it.
    const main = await run({ ...letGo, CX_TAXONOMY_NO_WORKER: '1' });
    assert.equal(main.memory, undefined);
    const asVsCode = await run({ ...letGo, CX_TAXONOMY_NO_WORKER: '1' }, ['sh', '-c', 'exec "$0" --expose-gc "$@"']);
    assert.match(asVsCode.memory ?? 'no log line', /^Memory after indexing: heap \d+ -> \d+ MB/);
  });
});

describe('protocol: the server gives back its young generation once idle after indexing', function () {
  this.timeout(120_000);

  it('runs one more full collection after a quiet moment, and logs the heap before and after', async () => {
    const c = await LspTestClient.start({ files: FILES });
    try {
      await c.waitForReady(60_000);
      assert.equal(
        c.logs.find((l) => l.startsWith('Memory when idle')),
        undefined,
        'not at once: only after a quiet moment',
      );
      const deadline = Date.now() + 60_000;
      let line: string | undefined;
      while (!(line = c.logs.find((l) => l.startsWith('Memory when idle'))) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      const m =
        /^Memory when idle: heap (\d+) -> (\d+) MB \(one full collection, which gives back the young generation\)\.$/.exec(
          line ?? 'no log line',
        );
      assert.ok(m, line ?? c.logs.join('\n'));
      assert.ok(Number(m[2]) <= Number(m[1]), line);
      const hover = await c.hover('j.journey.yaml', c.positionOf('j.journey.yaml', 'cx-ops', 2));
      assert.ok(hover, 'the server still answers: hover on an owner');
    } finally {
      await c.stop();
    }
  });
});

describe('protocol: on Linux the stdio server serves from a child process started with malloc set', function () {
  this.timeout(120_000);
  if (process.platform !== 'linux') return;

  /** The processes a process started, from /proc. */
  const childrenOf = (pid: number): number[] =>
    readdirSync(`/proc/${pid}/task`).flatMap((t) =>
      readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8')
        .split(' ')
        .filter((s) => s.trim() !== '')
        .map(Number),
    );
  const exited = (pid: number) =>
    !existsSync(`/proc/${pid}`) || /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));

  it('one child process with the young generation, gc and the malloc threshold; it ends with the server', async () => {
    const c = await LspTestClient.start({ files: FILES, env: { CX_TAXONOMY_TRACE_PARSE: '1' } });
    let child: number | undefined;
    try {
      await c.waitForReady(60_000);
      const children = childrenOf(c.serverProcess.pid!);
      assert.equal(children.length, 1, 'the process the editor started starts one');
      child = children[0];
      const environ = readFileSync(`/proc/${child}/environ`, 'utf8').split('\0');
      assert.ok(environ.includes('MALLOC_MMAP_THRESHOLD_=131072'), 'malloc threshold set');
      const argv = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0');
      assert.ok(
        ['--max-semi-space-size=32', '--min-semi-space-size=8', '--expose-gc'].every((f) => argv.includes(f)),
        argv.join(' '),
      );
      assert.ok(argv.includes('--stdio'));
      assert.ok(
        c.logs.some((l) => l.includes('young generation 96 MB')),
        c.logs.join('\n'),
      );
      // It answers as the server.
      assert.ok(await c.hover('j.journey.yaml', c.positionOf('j.journey.yaml', 'cx-ops', 2)));
    } finally {
      await c.stop();
    }
    assert.equal(c.serverProcess.exitCode, 0, 'shutdown then exit: code 0, passed on');
    const deadline = Date.now() + 10_000;
    while (child !== undefined && !exited(child) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(child !== undefined && exited(child), 'the child ended with it');
  });

  it('passes SIGTERM on to the child, which ends', async () => {
    const c = await LspTestClient.start({ files: FILES });
    try {
      await c.waitForReady(60_000);
      const [child] = childrenOf(c.serverProcess.pid!);
      assert.ok(child);
      c.serverProcess.kill('SIGTERM');
      const deadline = Date.now() + 10_000;
      while (!exited(child) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.ok(exited(child), 'the child ended');
    } finally {
      await c.stop();
    }
  });
});

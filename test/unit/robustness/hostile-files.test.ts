import * as assert from 'node:assert/strict';
import { createTaxonomyWorkspace, loadWorkspace, RULE_IDS, type FileHost } from '../../../server/src/core';
import { baseTaxonomy, diagnosticsOf, memoryWorkspace, summary, uriOf } from '../../support/workspace';

/** A workspace with one hostile file beside the valid base taxonomy. */
function withHostile(path: string, text: string) {
  const started = Date.now();
  const ws = memoryWorkspace({ ...baseTaxonomy(), [path]: text });
  return { ws, ms: Date.now() - started };
}

/** The valid files still give exactly their usual (empty) result beside a hostile one. */
function othersUnharmed(ws: ReturnType<typeof memoryWorkspace>, hostile: string): void {
  const others = summary(ws).filter((s) => !s.startsWith(hostile));
  assert.deepEqual(others, []);
}

describe('robustness: hostile files', () => {
  it('an alias bomb ("billion laughs") is refused without expanding it', () => {
    const lines = [
      'kind: persona',
      'id: lol',
      'name: LOL',
      'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ];
    for (let i = 1; i < 10; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(',')}]`,
      );
    const { ws } = withHostile('bomb.persona.yaml', lines.join('\n') + '\n');
    // One problem for the whole bomb, not one per alias past the limit.
    const bombs = diagnosticsOf(ws, 'bomb.persona.yaml', 'yaml-syntax');
    assert.equal(bombs.length, 1, bombs.map((d) => d.message).join('\n'));
    assert.match(bombs[0].message, /alias bomb/);
    othersUnharmed(ws, 'bomb.persona.yaml');
  });

  it('a file over the size limit is skipped with a clear problem (the limit is a setting)', () => {
    const big = 'kind: persona\nid: big\nname: Big\ndescription: "' + 'x'.repeat(6 * 1024 * 1024) + '"\n';
    const { ws } = withHostile('big.persona.yaml', big);
    const [d] = diagnosticsOf(ws, 'big.persona.yaml');
    assert.equal(d.ruleId, 'unreadable-file');
    assert.match(d.message, /over the 5\.0 MB limit/);
    const allowed = memoryWorkspace({ 'big.persona.yaml': big }, { maxFileSize: 10 * 1024 * 1024 });
    assert.deepEqual(diagnosticsOf(allowed, 'big.persona.yaml', 'unreadable-file'), []);
  });

  it('a 50 MB file is refused before it is read when the host knows its size', async () => {
    const ws = createTaxonomyWorkspace();
    let reads = 0;
    const host: FileHost = {
      listFiles: () => ['huge.journey.yaml'],
      readFile: async () => {
        reads++;
        return '';
      },
      size: async () => 50 * 1024 * 1024,
      relativePath: (id) => id,
    };
    await loadWorkspace(host, ws, RULE_IDS);
    ws.flush();
    assert.equal(reads, 0);
    assert.match(ws.diagnostics('huge.journey.yaml')[0].message, /50\.0 MB/);
  });

  it('binary content under a taxonomy suffix is reported, not parsed', () => {
    const { ws } = withHostile('bin.kpi.yaml', '\u0000\u0001\u0002PNG\u0000garbage');
    const d = diagnosticsOf(ws, 'bin.kpi.yaml');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /binary/);
    othersUnharmed(ws, 'bin.kpi.yaml');
  });

  it('a file that is not UTF-8 is reported with the fix to make', async () => {
    const ws = createTaxonomyWorkspace();
    const latin1 = Uint8Array.from([...Buffer.from('kind: persona\nid: cafe\nname: Caf'), 0xe9, 10]);
    const host: FileHost = {
      listFiles: () => ['cafe.persona.yaml'],
      readFile: async () => latin1,
      relativePath: (id) => id,
    };
    await loadWorkspace(host, ws, RULE_IDS);
    ws.flush();
    assert.match(ws.diagnostics('cafe.persona.yaml')[0].message, /not valid UTF-8/);
  });

  it('nesting 10,000 deep gives a problem, not a stack overflow', () => {
    const deep = 'kind: persona\nid: deep\nname: Deep\ngoals: ' + '['.repeat(10000) + ']'.repeat(10000) + '\n';
    const { ws } = withHostile('deep.persona.yaml', deep);
    const problems = diagnosticsOf(ws, 'deep.persona.yaml', 'yaml-syntax').map((d) => d.message);
    assert.ok(problems.length >= 1);
    // The engine's own words never reach the user.
    for (const m of problems)
      assert.match(
        m,
        /^(Nesting deeper than 200 levels is not read|This (file|document) is nested too deeply to be read)\.$/,
      );
    othersUnharmed(ws, 'deep.persona.yaml');
  });

  it('a document of 100,000 keys is checked in bounded time', () => {
    const keys = Array.from({ length: 100000 }, (_, i) => `x-k${i}: ${i}`).join('\n');
    const { ws, ms } = withHostile('keys.persona.yaml', `kind: persona\nid: keys\nname: Keys\n${keys}\n`);
    assert.deepEqual(
      diagnosticsOf(ws, 'keys.persona.yaml').filter((d) => d.ruleId !== 'orphan-persona'),
      [],
    );
    assert.ok(ms < 60000, `took ${ms} ms`);
  });

  it('very long lines keep exact ranges', () => {
    const pad = 'y'.repeat(200000);
    const { ws } = withHostile(
      'long.kpi.yaml',
      `kind: kpi\nid: long\nname: Long\nowner: cx-ops\ndescription: ${pad}\ndirection: up\n`,
    );
    const d = diagnosticsOf(ws, 'long.kpi.yaml', 'schema')[0];
    assert.deepEqual(d.range.start, { line: 5, character: 11 });
  });

  it('an empty file, or one of only comments, is quiet', () => {
    const { ws } = withHostile('empty.persona.yaml', '');
    assert.deepEqual(diagnosticsOf(ws, 'empty.persona.yaml'), []);
    const { ws: ws2 } = withHostile('c.persona.yaml', '# nothing yet\n');
    assert.deepEqual(diagnosticsOf(ws2, 'c.persona.yaml'), []);
  });

  it('a self-referencing alias is a problem, not an endless loop', () => {
    const { ws } = withHostile('cyc.persona.yaml', 'kind: persona\nid: cyc\nname: Cyc\ngoals: &g [*g]\n');
    assert.ok(diagnosticsOf(ws, 'cyc.persona.yaml').length >= 1);
  });

  it('a file deleted while the workspace loads is skipped', async () => {
    const ws = createTaxonomyWorkspace();
    const files = baseTaxonomy();
    const host: FileHost = {
      listFiles: () => [...Object.keys(files), 'gone.persona.yaml'],
      readFile: async (id) => files[id],
      relativePath: (id) => id,
    };
    const r = await loadWorkspace(host, ws, RULE_IDS);
    ws.flush();
    assert.equal(r.files, Object.keys(files).length + 1);
    assert.equal(ws.getFile('gone.persona.yaml'), undefined);
    assert.equal(ws.fileCount, Object.keys(files).length);
  });

  it('an invalid config gives problems on the config and the defaults stand in', async () => {
    const ws = createTaxonomyWorkspace();
    const files: Record<string, string> = {
      ...baseTaxonomy(),
      'cx-taxonomy.config.yaml': 'rules:\n  no-such-rule: error\n  kpi-owner: loud\nmaxFileSize: -1\n',
    };
    const host: FileHost = {
      listFiles: () => Object.keys(files),
      readFile: async (id) => files[id],
      relativePath: (id) => id,
    };
    const r = await loadWorkspace(host, ws, RULE_IDS);
    ws.flush();
    assert.equal(r.config?.problems.length, 3);
    assert.equal(ws.diagnostics('cx-taxonomy.config.yaml').length, 3);
    assert.equal(ws.currentConfig.maxFileSize, 5 * 1024 * 1024);
    assert.deepEqual(
      summary(ws).filter((s) => !s.startsWith('cx-taxonomy.config.yaml')),
      [],
    );
  });

  it('removing a file clears its diagnostics', () => {
    const { ws } = withHostile('bin.kpi.yaml', '\u0000');
    ws.removeFile(uriOf('bin.kpi.yaml'));
    assert.ok(ws.flush().includes(uriOf('bin.kpi.yaml')));
    assert.deepEqual(diagnosticsOf(ws, 'bin.kpi.yaml'), []);
  });
});

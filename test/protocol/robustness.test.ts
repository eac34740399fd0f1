/**
 * Hostile files at the protocol level: the real server over stdio, on a copy of
 * samples/acme-telecom with a hostile file of every kind beside it. Each hostile file gets the
 * problem it deserves, with exact UTF-16 ranges, and the server keeps answering hover, completion
 * and diagnostics for every other file as if the hostile ones were not there.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { hoverText, lines, LspTestClient } from './harness';

const SAMPLE = 'samples/acme-telecom';
const JOURNEY = 'journeys/mobile-switch.journey.yaml';

/** An alias bomb: ten levels of ten aliases each, a billion strings once expanded. */
function aliasBomb(): string {
  const ls = [
    'kind: persona',
    'id: lol',
    'name: LOL',
    'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ];
  for (let i = 1; i < 10; i++)
    ls.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(',')}]`,
    );
  return lines(...ls);
}

/** An emoji (a ZWJ sequence), a thumbs up and combining accents: several UTF-16 units per glyph. */
const FAMILY = '👩‍👩‍👧';
const ACCENTED = 'é̃';
const EMOJI_PERSONA = lines(
  'kind: persona',
  'id: emoji-family',
  `name: "${FAMILY} Familie ${ACCENTED}"`,
  'owner: cx-design',
  `description: ${FAMILY} ${ACCENTED} is our target group today`,
  `segments: ["👍${ACCENTED}", family-bundles]`,
);

/** The hostile files, by path below the sample's root. */
function hostileFiles(): Record<string, string | Uint8Array> {
  return {
    'hostile/bomb.persona.yaml': aliasBomb(),
    'hostile/bin.kpi.yaml': Uint8Array.from(
      [0x89, 0x50, 0x4e, 0x47, 13, 10, 0x1a, 10, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52].slice(1),
    ),
    'hostile/latin1.persona.yaml': Uint8Array.from([...Buffer.from('kind: persona\nid: cafe\nname: Caf'), 0xe9, 10]),
    'hostile/deep.persona.yaml': `kind: persona\nid: deep\nname: Deep\ngoals: ${'['.repeat(10000)}${']'.repeat(10000)}\n`,
    'hostile/keys.persona.yaml': `kind: persona\nid: many-keys\nname: Keys\nsegments: [family-bundles]\n${Array.from({ length: 100000 }, (_, i) => `x-k${i}: ${i}`).join('\n')}\n`,
    'hostile/long.kpi.yaml': lines(
      'kind: kpi',
      'id: long-line',
      'name: Long',
      'owner: cx-design',
      `definition: ${'y'.repeat(200000)}`,
      'direction: up',
    ),
    'hostile/bom.kpi.yaml': '\uFEFFowner: nobody\r\nkind: kpi\r\nid: bom-kpi\r\nname: BOM\r\ndirection: up\r\n',
    'hostile/emoji.persona.yaml': EMOJI_PERSONA,
    'hostile/empty.persona.yaml': '',
    'hostile/comments.segment.yaml': '# nothing here yet\n',
  };
}

/** A diagnostic's message as text. */
const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

/** Rule ids of a file's diagnostics, sorted. */
const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();

/** The text of a range of a single-line-range in `text`. */
function slice(text: string, d: Diagnostic): string {
  const ls = text.split(/\r?\n/);
  assert.equal(d.range.start.line, d.range.end.line);
  return ls[d.range.start.line].slice(d.range.start.character, d.range.end.character);
}

describe('protocol: hostile files beside the sample', function () {
  this.timeout(120000);
  let c: LspTestClient;

  before(async () => {
    c = await LspTestClient.start({ fixture: SAMPLE, files: hostileFiles() });
    // A 50 MB file, written here rather than held in memory as a string.
    const fd = Buffer.alloc(50 * 1024 * 1024, 'x');
    Buffer.from('kind: journey\nid: huge\nname: "').copy(fd);
    writeFileSync(c.path('hostile/huge.journey.yaml'), fd);
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: c.uri('hostile/huge.journey.yaml'), type: 1 }],
    });
    await c.waitForReady(90000);
  });
  after(async () => {
    await c?.stop();
  });

  it('the sample itself stays clean: no hostile file leaks a problem into it', async () => {
    await c.waitForDiagnostics('hostile/emoji.persona.yaml', (ds) => ds.length > 0);
    const leaked = [...c.problemsByLine().keys()].filter((k) => !k.startsWith('hostile/'));
    assert.deepEqual(leaked, []);
  });

  it('an alias bomb: one problem, not expanded', async () => {
    const ds = await c.waitForDiagnostics('hostile/bomb.persona.yaml', (x) => x.some((d) => d.code === 'yaml-syntax'));
    const bombs = ds.filter((d) => d.code === 'yaml-syntax');
    assert.equal(bombs.length, 1);
    assert.match(messageOf(bombs[0]), /alias bomb/);
  });

  it('a 50 MB file: skipped unread with a "too large" problem naming the limit', async () => {
    const [d] = await c.waitForDiagnostics('hostile/huge.journey.yaml', (ds) => ds.length === 1);
    assert.equal(d.code, 'unreadable-file');
    assert.match(
      messageOf(d),
      /^This file is 50\.0 MB, over the 2\.0 MB limit \(setting maxFileSize\), so it is not checked\.$/,
    );
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  });

  it('binary and non-UTF-8 files: one clear problem each', async () => {
    const [bin] = await c.waitForDiagnostics('hostile/bin.kpi.yaml', (ds) => ds.length === 1);
    assert.equal(bin.code, 'unreadable-file');
    assert.match(messageOf(bin), /binary data/);
    const [latin] = await c.waitForDiagnostics('hostile/latin1.persona.yaml', (ds) => ds.length === 1);
    assert.match(messageOf(latin), /not valid UTF-8 text.*Save it as UTF-8/);
  });

  it('nesting 10,000 deep: a problem in plain words, no stack overflow', async () => {
    const ds = await c.waitForDiagnostics('hostile/deep.persona.yaml', (x) => x.some((d) => d.code === 'yaml-syntax'));
    for (const d of ds.filter((x) => x.code === 'yaml-syntax'))
      assert.match(messageOf(d), /nested too deeply|Nesting deeper than/);
    assert.ok(!ds.some((d) => /call stack/i.test(messageOf(d))));
  });

  it('100,000 keys and a 200,000-character line: checked, with exact ranges', async () => {
    await c.waitForDiagnostics(
      'hostile/keys.persona.yaml',
      (ds) => ds.every((d) => d.code === 'asymmetric-link') && ds.length === 1,
    );
    const ds = await c.waitForDiagnostics('hostile/long.kpi.yaml', (x) => x.some((d) => d.code === 'schema'));
    assert.deepEqual(ds.find((d) => d.code === 'schema')!.range, {
      start: { line: 5, character: 11 },
      end: { line: 5, character: 13 },
    });
  });

  it('a BOM and CRLF line endings: ranges are exact, counted without the BOM as the editor does', async () => {
    const ds = await c.waitForDiagnostics(
      'hostile/bom.kpi.yaml',
      (x) => x.some((d) => d.code === 'unresolved-reference') && x.some((d) => d.code === 'schema'),
    );
    // The first line: the BOM is not a character of the document (VS Code shows it as the
    // encoding), so `nobody` starts at character 7 there, as in the editor.
    assert.deepEqual(ds.find((x) => x.code === 'unresolved-reference')!.range, {
      start: { line: 0, character: 7 },
      end: { line: 0, character: 13 },
    });
    assert.deepEqual(ds.find((x) => x.code === 'schema')!.range, {
      start: { line: 4, character: 11 },
      end: { line: 4, character: 13 },
    });
    // The editor's text of the same file (no BOM) gives the very same ranges.
    await c.open('hostile/bom.kpi.yaml', 'owner: nobody\r\nkind: kpi\r\nid: bom-kpi\r\nname: BOM\r\ndirection: up\r\n');
    const again = await c.waitForDiagnostics(
      'hostile/bom.kpi.yaml',
      (x) => c.published.get(c.uri('hostile/bom.kpi.yaml'))?.version === 1 && x.length > 0,
    );
    assert.deepEqual(
      again.map((x) => [x.code, x.range]),
      ds.map((x) => [x.code, x.range]),
    );
    await c.close('hostile/bom.kpi.yaml');
  });

  it('emoji and combining characters: diagnostic ranges, hover and completion in UTF-16 units', async () => {
    const rel = 'hostile/emoji.persona.yaml';
    const text = c.text(rel);
    const ds = await c.waitForDiagnostics(
      rel,
      (x) => x.some((d) => d.code === 'deprecated-term') && x.some((d) => d.code === 'unresolved-reference'),
    );
    const term = ds.find((d) => d.code === 'deprecated-term')!;
    assert.equal(slice(text, term), 'target group');
    assert.deepEqual(term.range.start, c.positionOf(rel, 'target group'));
    // `FAMILY` is 8 UTF-16 units, the accented e is 3: the column counts units, not glyphs.
    assert.equal(
      term.range.start.character,
      'description: '.length + FAMILY.length + 1 + ACCENTED.length + 1 + 'is our '.length,
    );
    const ref = ds.find((d) => d.code === 'unresolved-reference')!;
    assert.equal(slice(text, ref), `"👍${ACCENTED}"`);
    // Hover on the id after the emoji.
    const h = await c.hover(rel, c.positionOf(rel, 'family-bundles', 3));
    assert.match(hoverText(h), /\*\*Segment\*\*/);
    assert.deepEqual(h!.range!.start, c.positionOf(rel, 'family-bundles'));
    // Completion after the emoji replaces exactly the word typed so far.
    await c.open(rel);
    await c.change(rel, text.replace('family-bundles]', 'family-bu]'));
    const at = c.positionOf(rel, 'family-bu', 'family-bu'.length);
    const items = await c.completion(rel, at);
    const item = items.find((i) => i.label === 'family-bundles');
    assert.ok(item, items.map((i) => i.label).join());
    const edit = item.textEdit as { range: { start: { character: number }; end: { character: number } } };
    assert.deepEqual(
      [edit.range.start.character, edit.range.end.character],
      [at.character - 'family-bu'.length, at.character],
    );
    await c.close(rel);
  });

  it('empty files and files of only comments are quiet', async () => {
    await c.waitForReady();
    assert.deepEqual(c.diagnostics('hostile/empty.persona.yaml'), []);
    assert.deepEqual(c.diagnostics('hostile/comments.segment.yaml'), []);
  });

  it('every feature still answers on the sample, and answers nothing on the unreadable files', async () => {
    const h = await c.hover(JOURNEY, c.positionOf(JOURNEY, 'digital-native-switcher', 3));
    assert.match(hoverText(h), /\*\*Persona\*\*/);
    const defs = await c.definition(JOURNEY, c.positionOf(JOURNEY, 'digital-native-switcher', 3));
    assert.ok(Array.isArray(defs) ? defs.length === 1 : defs !== null);
    const refs = await c.references('acme.teams.yaml', c.positionOf('acme.teams.yaml', 'cx-design', 2));
    assert.ok((refs ?? []).length > 3);
    const syms = await c.documentSymbols(JOURNEY);
    assert.equal(syms?.[0].name, 'Switching to Acme mobile');
    await c.open('kpis/arpu.kpi.yaml');
    const owner = c.positionOf('kpis/arpu.kpi.yaml', 'billing-finance');
    const items = await c.completion('kpis/arpu.kpi.yaml', owner);
    assert.ok(items.some((i) => i.label === 'cx-design'));
    for (const rel of ['hostile/huge.journey.yaml', 'hostile/bin.kpi.yaml', 'hostile/latin1.persona.yaml']) {
      assert.equal(await c.hover(rel, { line: 0, character: 1 }), null);
      assert.deepEqual(await c.completion(rel, { line: 0, character: 1 }), []);
      assert.deepEqual(await c.documentSymbols(rel), []);
    }
    // And a live edit on the sample is checked as usual.
    await c.change(
      'kpis/arpu.kpi.yaml',
      c.text('kpis/arpu.kpi.yaml').replace('owner: billing-finance', 'owner: billing-financ'),
    );
    await c.waitForDiagnostics('kpis/arpu.kpi.yaml', (ds) => codes(ds).join() === 'unresolved-reference');
    await c.close('kpis/arpu.kpi.yaml');
    await c.waitForDiagnostics('kpis/arpu.kpi.yaml', (ds) => ds.length === 0);
  });

  it('a hostile document opened in the editor (not on disk) is refused the same way', async () => {
    await c.open('hostile/typed.persona.yaml', aliasBomb());
    const ds = await c.waitForDiagnostics('hostile/typed.persona.yaml', (x) =>
      x.some((d) => /alias bomb/.test(messageOf(d))),
    );
    assert.equal(ds.filter((d) => d.code === 'yaml-syntax').length, 1);
    await c.change('hostile/typed.persona.yaml', 'x'.repeat(3 * 1024 * 1024));
    await c.waitForDiagnostics(
      'hostile/typed.persona.yaml',
      (x) => x.length === 1 && /over the 2\.0 MB limit/.test(messageOf(x[0])),
    );
    await c.close('hostile/typed.persona.yaml');
    await c.waitForDiagnostics('hostile/typed.persona.yaml', (x) => x.length === 0);
  });
});

describe('protocol: hostile folders and configs', function () {
  this.timeout(120000);

  it('symbolic-link loops in a workspace folder: listed once, no endless walk', async () => {
    const c = await LspTestClient.start({ fixture: SAMPLE });
    try {
      await c.waitForReady();
      // A second workspace folder full of link loops, added once it exists.
      mkdirSync(c.path('links/real'), { recursive: true });
      writeFileSync(
        c.path('links/real/t.persona.yaml'),
        lines('kind: persona', 'id: linked', 'name: Linked', 'owner: nobody'),
      );
      symlinkSync('.', c.path('links/self'));
      symlinkSync('..', c.path('links/real/up'));
      symlinkSync('b', c.path('links/a'));
      symlinkSync('a', c.path('links/b'));
      symlinkSync('missing', c.path('links/dangling.persona.yaml'));
      await c.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [{ uri: c.uri('links'), name: 'links' }], removed: [] },
      });
      await c.waitForDiagnostics('links/real/t.persona.yaml', (ds) =>
        ds.some((d) => d.code === 'unresolved-reference'),
      );
      await c.waitFor('the folder to be checked', () => c.statuses.filter((s) => s.state === 'ready').length >= 2);
      // The file is served under its own path only, never again through `self/` or `real/up/`.
      const published = [...c.published.keys()].filter((u) => u.includes('/links/'));
      assert.deepEqual(published, [c.uri('links/real/t.persona.yaml')]);
      const h = await c.hover(JOURNEY, c.positionOf(JOURNEY, 'digital-native-switcher', 3));
      assert.match(hoverText(h), /\*\*Persona\*\*/);
    } finally {
      await c.stop();
    }
  });

  it('an invalid config: problems on the config file, the defaults stand in, the rest is checked', async () => {
    const c = await LspTestClient.start({
      fixture: SAMPLE,
      files: {
        'broken/cx-taxonomy.config.yaml': lines(
          'rules:',
          '  kpi-owner: loud',
          '  no-such-rule: error',
          'maxFileSize: -1',
          'docs:',
          '  - "../../**/*.md"',
          '  - "/etc/*.md"',
          'colour: blue',
        ),
        'broken/k.kpi.yaml': lines('kind: kpi', 'id: lonely', 'name: Lonely', 'direction: increase'),
      },
    });
    try {
      const ds = await c.waitForDiagnostics('broken/cx-taxonomy.config.yaml', (x) => x.length === 6);
      assert.ok(ds.every((d) => d.code === 'config' && d.severity === 1));
      const text = c.text('broken/cx-taxonomy.config.yaml');
      assert.deepEqual(
        ds.map((d) => slice(text, d)).sort(),
        ['"../../**/*.md"', '"/etc/*.md"', '-1', 'colour', 'loud', 'no-such-rule'].sort(),
      );
      // `kpi-owner: loud` is ignored: the rule keeps its default severity (warning).
      const kpi = await c.waitForDiagnostics('broken/k.kpi.yaml', (x) => x.some((d) => d.code === 'kpi-owner'));
      assert.equal(kpi.find((d) => d.code === 'kpi-owner')!.severity, 2);
      await c.waitForReady();
      assert.deepEqual(
        [...c.problemsByLine().keys()].filter((k) => !k.startsWith('broken/')),
        [],
      );
      // Fixing the config in the editor applies at once.
      await c.open('broken/cx-taxonomy.config.yaml');
      await c.change('broken/cx-taxonomy.config.yaml', lines('rules:', '  kpi-owner: error'));
      await c.waitForDiagnostics('broken/cx-taxonomy.config.yaml', (x) => x.length === 0);
      await c.waitForDiagnostics('broken/k.kpi.yaml', (x) => x.find((d) => d.code === 'kpi-owner')?.severity === 1);
    } finally {
      await c.stop();
    }
  });

  it('the size limit is the cxTaxonomy.files.maxSize setting, applied live', async () => {
    const c = await LspTestClient.start({
      files: {
        'org.teams.yaml': lines('kind: teams', 'teams:', '  - id: cx-ops', '    name: CX', '    function: cx'),
        'big.kpi.yaml': lines('kind: kpi', 'id: big', 'name: Big', 'owner: cx-ops', `definition: ${'z'.repeat(3000)}`),
      },
    });
    try {
      await c.waitForReady();
      await c.waitForDiagnostics('big.kpi.yaml', (ds) => ds.every((d) => d.code !== 'unreadable-file'));
      c.settings = { files: { maxSize: 2048 } };
      await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const [d] = await c.waitForDiagnostics('big.kpi.yaml', (ds) => ds.some((x) => x.code === 'unreadable-file'));
      assert.match(messageOf(d), /^This file is 3\.\d KB, over the 2\.0 KB limit/);
      c.settings = {};
      await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await c.waitForDiagnostics('big.kpi.yaml', (ds) => ds.every((x) => x.code !== 'unreadable-file'));
    } finally {
      await c.stop();
    }
  });
});

describe('protocol: files deleted or renamed while the workspace is indexed', function () {
  this.timeout(120000);

  it('ends with exactly the files on disk, whatever the order of reads and watcher events', async () => {
    // Enough files that indexing is still running when they start to move.
    const files: Record<string, string> = {
      'org.teams.yaml': lines('kind: teams', 'teams:', '  - id: cx-ops', '    name: CX', '    function: cx'),
    };
    const N = 600;
    for (let i = 0; i < N; i++)
      files[`gen/d${i % 30}/p${i}.persona.yaml`] = lines('kind: persona', `id: p${i}`, `name: P${i}`, 'owner: cx-opz');
    const c = await LspTestClient.start({ files });
    try {
      // Without waiting: delete a third, rename a third (into another folder), keep a third.
      const changes: { uri: string; type: number }[] = [];
      for (let i = 0; i < N; i++) {
        const rel = `gen/d${i % 30}/p${i}.persona.yaml`;
        if (i % 3 === 0) {
          rmSync(c.path(rel));
          changes.push({ uri: c.uri(rel), type: 3 });
        } else if (i % 3 === 1) {
          mkdirSync(c.path(`moved/d${i % 30}`), { recursive: true });
          renameSync(c.path(rel), c.path(`moved/d${i % 30}/p${i}.persona.yaml`));
          changes.push({ uri: c.uri(rel), type: 3 }, { uri: c.uri(`moved/d${i % 30}/p${i}.persona.yaml`), type: 1 });
        }
      }
      // A whole folder deleted, and events for files that never existed.
      rmSync(c.path('gen/d29'), { recursive: true });
      changes.push(
        { uri: c.uri('gen/d29'), type: 3 },
        { uri: c.uri('nowhere/ghost.persona.yaml'), type: 1 },
        { uri: c.uri('nowhere/ghost2.persona.yaml'), type: 2 },
      );
      for (let k = 0; k < changes.length; k += 50)
        await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.slice(k, k + 50) });
      await c.waitForReady(90000);
      const expected = new Set<string>();
      for (let i = 0; i < N; i++) {
        if (i % 30 === 29 && i % 3 === 2) continue;
        if (i % 3 === 1) expected.add(`moved/d${i % 30}/p${i}.persona.yaml`);
        else if (i % 3 === 2) expected.add(`gen/d${i % 30}/p${i}.persona.yaml`);
      }
      const shown = () => new Set([...c.problemsByLine().keys()].map((k) => k.replace(/:\d+$/, '')));
      await c
        .waitFor(
          'exactly the files on disk to show problems',
          () => {
            const s = shown();
            return s.size === expected.size && [...expected].every((e) => s.has(e));
          },
          30000,
        )
        .catch((err) => {
          const s = shown();
          throw new Error(
            `${(err as Error).message}\nmissing: ${[...expected]
              .filter((e) => !s.has(e))
              .slice(0, 10)
              .join(', ')}\nextra: ${[...s]
              .filter((e) => !expected.has(e))
              .slice(0, 10)
              .join(', ')}`,
          );
        });
      // Every one of them shows the same problems: the owner that does not exist, and a hint.
      for (const [key, ids] of c.problemsByLine()) {
        if (key.endsWith(':4')) assert.deepEqual([...ids], ['unresolved-reference'], key);
        else assert.ok(key.endsWith(':2') && ids.size === 1 && ids.has('orphan-persona'), `${key} ${[...ids].join()}`);
      }
      // The server still answers.
      const some = [...expected][0];
      const h = await c.hover(some, c.positionOf(some, 'cx-opz', 2));
      assert.match(hoverText(h), /`cx-opz` is not defined/);
      const refs = await c.references('org.teams.yaml', c.positionOf('org.teams.yaml', 'cx-ops', 2));
      assert.deepEqual(
        refs?.map((r) => path.basename(r.uri)),
        ['org.teams.yaml'],
      );
    } finally {
      await c.stop();
    }
  });

  it('files created while the folder is still being listed are not lost', async () => {
    // The listing of 2,000 files takes long enough for the walk to pass folder `a/` while new
    // files keep appearing there. Their watcher events arrive before the folder is ready; the
    // server used to drop them, so those files were never checked until they changed again.
    const files: Record<string, string> = {};
    for (let i = 0; i < 2000; i++) files[`z${i % 100}/f${i}.md`] = 'Notes.\n';
    const c = await LspTestClient.start({ files });
    try {
      mkdirSync(c.path('a'));
      const made: string[] = [];
      for (let k = 0; !c.statuses.some((s) => s.state === 'ready') && k < 2000; k++) {
        const rel = `a/n${k}.persona.yaml`;
        writeFileSync(c.path(rel), lines('kind: persona', `id: n${k}`, 'name: N', 'owner: nobody'));
        made.push(rel);
        await c.connection.sendNotification('workspace/didChangeWatchedFiles', {
          changes: [{ uri: c.uri(rel), type: 1 }],
        });
        await new Promise((r) => setTimeout(r, 5));
      }
      await c.waitForReady(60000);
      await c
        .waitFor(
          'every file created during indexing to show its problem',
          () => made.every((m) => c.diagnostics(m).some((d) => d.code === 'unresolved-reference')),
          30000,
        )
        .catch(() => {
          const missing = made.filter((m) => c.diagnostics(m).length === 0);
          throw new Error(
            `${missing.length} of ${made.length} files created during indexing were never checked: ${missing.slice(0, 5).join(', ')}`,
          );
        });
    } finally {
      await c.stop();
    }
  });
});

describe('protocol: foreign uris and malformed messages', function () {
  this.timeout(60000);

  it('every request is answered or refused, and the server keeps serving', async () => {
    const c = await LspTestClient.start({ fixture: 'test/protocol/fixtures/basic' });
    try {
      await c.waitForReady();
      const p = { line: 0, character: 0 };
      const methods = [
        'textDocument/hover',
        'textDocument/completion',
        'textDocument/definition',
        'textDocument/references',
        'textDocument/documentSymbol',
        'textDocument/prepareRename',
        'textDocument/rename',
        'textDocument/codeAction',
        'cxTaxonomy/journeyMap',
      ];
      const uris = [
        'untitled:Untitled-1',
        'git:/x/y.persona.yaml?%7B%7D',
        'file:///nonexistent/x.persona.yaml',
        'not a uri',
        '',
        'file://',
        'file:///%',
        `file:///${'a/'.repeat(5000)}x.kpi.yaml`,
      ];
      let settled = 0;
      for (const uri of uris) {
        for (const m of methods) {
          await c.connection
            .sendRequest(m, {
              textDocument: { uri },
              uri,
              position: p,
              range: { start: p, end: p },
              context: { diagnostics: [] },
              newName: 'x-y',
            })
            .catch(() => undefined);
          settled++;
        }
        // Documents of schemes the server does not serve, and edits with nonsense ranges.
        await c.connection.sendNotification('textDocument/didOpen', {
          textDocument: { uri, languageId: 'yaml', version: 1, text: 'kind: persona\nid: x\n' },
        });
        await c.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version: 2 },
          contentChanges: [
            { range: { start: { line: 99, character: 99 }, end: { line: 0, character: 0 } }, text: 'zz' },
          ],
        });
        await c.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        await c.connection.sendNotification('workspace/didChangeWatchedFiles', {
          changes: [
            { uri, type: 1 },
            { uri, type: 3 },
          ],
        });
      }
      const kpi = c.uri('kpis/csat.kpi.yaml');
      const malformed = [
        null,
        {},
        { textDocument: null },
        { textDocument: { uri: kpi } },
        { textDocument: { uri: kpi }, position: { line: -1, character: -5 } },
        { textDocument: { uri: kpi }, position: { line: 'a', character: null } },
      ];
      for (const params of malformed) {
        for (const m of [...methods, 'workspace/symbol', 'cxTaxonomy/ownershipReport']) {
          await c.connection.sendRequest(m, params).catch(() => undefined);
          settled++;
        }
      }
      await c.connection.sendNotification('textDocument/didOpen', null);
      await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: null });
      await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { cxTaxonomy: 'nonsense' } });
      assert.equal(settled, uris.length * methods.length + malformed.length * (methods.length + 2));
      // Still alive, still right.
      assert.equal(c.serverProcess.exitCode, null);
      const h = await c.hover(
        'journeys/onboarding.journey.yaml',
        c.positionOf('journeys/onboarding.journey.yaml', 'busy-parent', 2),
      );
      assert.match(hoverText(h), /\*\*Persona\*\* Busy Parent/);
      await c.waitForDiagnostics(
        'kpis/csat.kpi.yaml',
        (ds) => ds.length === 1 && ds[0].code === 'unresolved-reference',
      );
    } finally {
      await c.stop();
    }
  });
});

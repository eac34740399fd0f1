import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { quickReader } from '../../server/src/lsp/session/quickRead';

describe('language server: quick reads of the initial index (quickReader)', () => {
  let dir: string;
  let root: string;
  let outside: string;
  const uri = (rel: string) => pathToFileURL(path.join(root, rel)).toString();

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cx-quick-'));
    root = path.join(dir, 'root');
    outside = path.join(dir, 'outside');
    mkdirSync(path.join(root, 'teams'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(path.join(root, 'teams/a.teams.yaml'), 'kind: teams\n');
    writeFileSync(path.join(outside, 'b.teams.yaml'), 'kind: teams\n');
    symlinkSync(path.join(outside, 'b.teams.yaml'), path.join(root, 'teams/link.teams.yaml'));
    symlinkSync(outside, path.join(root, 'linked'));
    symlinkSync(path.join(root, 'teams'), path.join(root, 'inner'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file of the root, and says a file over the limit is too large without reading it', () => {
    const read = quickReader(root);
    const got = read(uri('teams/a.teams.yaml'), 1000);
    assert.equal(got?.kind, 'read');
    assert.equal(got.kind === 'read' && Buffer.from(got.bytes).toString(), 'kind: teams\n');
    assert.deepEqual(read(uri('teams/a.teams.yaml'), 4), { kind: 'tooLarge', size: 12 });
  });

  it('leaves to the host a link, a file in a folder linked from outside, and a file gone', () => {
    const read = quickReader(root);
    assert.equal(read(uri('teams/link.teams.yaml'), 1000), undefined);
    assert.equal(read(uri('linked/b.teams.yaml'), 1000), undefined);
    assert.equal(read(uri('teams/gone.teams.yaml'), 1000), undefined);
  });

  it('reads a file in a folder linked from inside the root, as the host does', () => {
    assert.equal(quickReader(root)(uri('inner/a.teams.yaml'), 1000)?.kind, 'read');
  });
});

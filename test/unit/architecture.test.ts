import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('architecture', () => {
  it('keeps the core free of LSP, VS Code and file-system imports', () => {
    const banned =
      /from\s+['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*|fs|node:fs|fs\/promises|node:fs\/promises|path|node:path|child_process|node:child_process)['"]|require\(['"](fs|node:fs|vscode)['"]\)/;
    const offenders = sources(path.join(__dirname, '../../server/src/core')).filter((f) =>
      banned.test(readFileSync(f, 'utf8')),
    );
    assert.deepEqual(offenders, []);
  });
});

/** The folders of the code (not the contents of fixtures, samples or generated workspaces). */
function codeFolders(dir: string, depth: number): string[] {
  if (depth === 0) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      return [p, ...codeFolders(p, depth - 1)];
    });
}

describe('ARCHITECTURE.md', () => {
  it('names every folder of the code, so the code map cannot fall behind', () => {
    const repo = path.join(__dirname, '../..');
    const doc = readFileSync(path.join(repo, 'ARCHITECTURE.md'), 'utf8');
    const folders = [
      ...codeFolders(path.join(repo, 'server/src'), 9),
      ...codeFolders(path.join(repo, 'client'), 9),
      ...codeFolders(path.join(repo, 'test'), 2),
      ...codeFolders(path.join(repo, 'bench'), 1),
      ...codeFolders(path.join(repo, 'scripts'), 9),
      path.join(repo, 'schemas'),
      path.join(repo, 'samples'),
      path.join(repo, 'docs'),
    ];
    const missing = folders
      .map((f) => path.relative(repo, f).split(path.sep))
      .filter((segs) => !doc.includes(`${segs[segs.length - 1]}/`))
      .map((segs) => segs.join('/'));
    assert.deepEqual(missing, []);
  });
});

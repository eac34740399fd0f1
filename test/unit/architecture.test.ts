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

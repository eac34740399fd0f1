/**
 * The CLI on hostile trees: one problem per hostile file and on to the next (exit 1, never 2, no
 * stack trace), and a config that tries to read outside its folder refused in one line (exit 2).
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cli, ROOT, tempTree } from '../../cli/support/cli';

/** A report path relative to the folder the CLI ran in, with forward slashes. */
const relOf = (dir: string, filePath: string) =>
  (path.isAbsolute(filePath) ? path.relative(dir, filePath) : filePath).split(path.sep).join('/');

interface JsonFile {
  filePath: string;
  messages: { ruleId: string; line: number; column: number; message: string }[];
}

/** Writes the hostile files (bytes as they are) into a folder. */
function writeHostile(dir: string): string[] {
  const bomb = [
    'kind: persona',
    'id: lol',
    'name: LOL',
    'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ];
  for (let i = 1; i < 10; i++)
    bomb.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(',')}]`,
    );
  const files: Record<string, string | Uint8Array> = {
    'bomb.persona.yaml': bomb.join('\n') + '\n',
    'bin.kpi.yaml': Uint8Array.from([0x50, 0x4e, 0x47, 0, 0, 0, 13, 10]),
    'latin1.persona.yaml': Uint8Array.from([...Buffer.from('kind: persona\nid: cafe\nname: Caf'), 0xe9, 10]),
    'deep.persona.yaml': `kind: persona\nid: deep\nname: Deep\ngoals: ${'['.repeat(10000)}${']'.repeat(10000)}\n`,
    'keys.segment.yaml': `kind: segment\nid: many-keys\nname: Keys\nowner: nobody\n${Array.from({ length: 100000 }, (_, i) => `x-k${i}: ${i}`).join('\n')}\n`,
    'long.kpi.yaml': `kind: kpi\nid: long-line\nname: Long\nowner: cx-design\ndefinition: ${'y'.repeat(200000)}\ndirection: up\n`,
    'bom.kpi.yaml': '\uFEFFowner: nobody\r\nkind: kpi\r\nid: bom-kpi\r\nname: BOM\r\ndirection: increase\r\n',
    'emoji.persona.yaml': 'kind: persona\nid: emoji\nname: "👩‍👩‍👧 é̃"\nowner: cx-design\nsegments: ["👍é̃"]\n',
    'syntax.journey.yaml': 'kind: journey\nid: broken\nstages: [\n',
  };
  const hostile = path.join(dir, 'hostile');
  mkdirSync(hostile, { recursive: true });
  for (const [rel, data] of Object.entries(files)) writeFileSync(path.join(hostile, rel), data);
  // 50 MB of `x`, under a taxonomy suffix.
  writeFileSync(path.join(hostile, 'huge.journey.yaml'), Buffer.alloc(50 * 1024 * 1024, 'x'));
  writeFileSync(path.join(hostile, 'empty.persona.yaml'), '');
  symlinkSync('.', path.join(hostile, 'loop'));
  symlinkSync('b', path.join(hostile, 'a'));
  symlinkSync('a', path.join(hostile, 'b'));
  symlinkSync('nowhere.kpi.yaml', path.join(hostile, 'dangling.kpi.yaml'));
  return [...Object.keys(files), 'huge.journey.yaml'];
}

describe('robustness: the CLI on hostile trees', function () {
  this.timeout(60000);

  it('reports a problem for each hostile file and carries on: exit 1, no stack trace, the sample untouched', async () => {
    const tree = tempTree({});
    try {
      cpSync(path.join(ROOT, 'samples/acme-telecom'), tree.dir, { recursive: true });
      const hostile = writeHostile(tree.dir);
      const started = Date.now();
      const r = await cli(['lint', '.', '--format', 'json'], { cwd: tree.dir });
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stderr, '');
      assert.doesNotMatch(r.stdout, /\n\s+at |Maximum call stack|RangeError|TypeError/);
      assert.ok(Date.now() - started < 30000);
      const report = JSON.parse(r.stdout) as JsonFile[];
      const byFile = new Map(report.map((f) => [relOf(tree.dir, f.filePath), f.messages]));
      for (const rel of hostile) assert.ok((byFile.get(`hostile/${rel}`) ?? []).length > 0, `no problem for ${rel}`);
      assert.deepEqual(byFile.get('hostile/empty.persona.yaml') ?? [], []);
      // One problem for the whole bomb; the file too large says so; columns on a BOM line match the editor.
      assert.equal(byFile.get('hostile/bomb.persona.yaml')!.filter((m) => m.ruleId === 'yaml-syntax').length, 1);
      assert.match(byFile.get('hostile/huge.journey.yaml')![0].message, /50\.0 MB, over the 2\.0 MB limit/);
      const bom = byFile.get('hostile/bom.kpi.yaml')!.find((m) => m.ruleId === 'unresolved-reference')!;
      assert.deepEqual([bom.line, bom.column], [1, 8]);
      // Nothing is listed twice through the link loops, and the sample itself has no problem.
      assert.ok(![...byFile.keys()].some((k) => /\/(loop|a|b)\//.test(k)));
      const sample = [...byFile].filter(([k, ms]) => !k.startsWith('hostile/') && ms.length > 0);
      assert.deepEqual(sample, []);
    } finally {
      tree.dispose();
    }
  });

  it('the readable format prints one line per problem and no trace', async () => {
    const tree = tempTree({ 'org.teams.yaml': 'kind: teams\nteams: []\n' });
    try {
      writeHostile(tree.dir);
      const r = await cli(['lint'], { cwd: tree.dir });
      assert.equal(r.code, 1);
      assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at /);
      assert.match(r.stdout, /hostile\/bin\.kpi\.yaml\n\s+1:1\s+warning\s+This file holds binary data/);
    } finally {
      tree.dispose();
    }
  });

  describe('config globs cannot reach outside the taxonomy', () => {
    const cases: [string, string][] = [
      ['a parent folder', '../outside/*.md'],
      ['a parent two levels up', '../../**/*.md'],
      ['an absolute path', '/etc/*.md'],
      ['a home folder', '~/notes/*.md'],
      ['a Windows drive', 'C:\\\\docs\\\\*.md'],
      ['backslashes', '..\\\\outside\\\\*.md'],
      ['a parent hidden in braces', '{..,docs}/*.md'],
    ];
    for (const [what, glob] of cases) {
      it(`${what}: one line, exit 2`, async () => {
        const tree = tempTree({
          'outside/secret.md': 'Our target group is secret.\n',
          'inside/cx-taxonomy.config.yaml': `docs:\n  - "${glob}"\n`,
          'inside/org.teams.yaml': 'kind: teams\nteams: []\n',
        });
        try {
          const r = await cli(['lint', 'inside'], { cwd: tree.dir });
          assert.equal(r.code, 2, r.stdout + r.stderr);
          assert.equal(r.stdout, '');
          assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
          assert.match(r.stderr, /points outside the workspace/);
          assert.doesNotMatch(r.stderr, /secret/);
        } finally {
          tree.dispose();
        }
      });
    }

    it('a doc outside the root is never read, whatever the globs', async () => {
      const tree = tempTree({
        'outside/secret.md': 'Our target group is secret.\n',
        'inside/cx-taxonomy.config.yaml': 'docs:\n  - "**"\n  - "**/*.md"\n',
        'inside/m.glossary.yaml':
          'kind: glossary\nvocabulary: marketing\nterms:\n  - id: segment\n    term: Segment\n    definition: A group.\n    avoid: [target group]\n',
        'inside/docs/ok.md': 'Nothing to see.\n',
      });
      try {
        const r = await cli(['lint', 'inside', '--format', 'json'], { cwd: tree.dir });
        const files = (JSON.parse(r.stdout) as JsonFile[]).map((f) => relOf(tree.dir, f.filePath));
        assert.ok(
          files.every((f) => f.startsWith('inside')),
          files.join(),
        );
        assert.doesNotMatch(r.stdout, /secret/);
      } finally {
        tree.dispose();
      }
    });
  });
});

import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { defaultConfig, TaxonomyWorkspace, type Rule } from '../../server/src/core';
import { fixTaxonomies } from '../../server/src/cli/fix';
import { cli, CLEAN, linesOf, ROOT, WITH_PROBLEMS } from './support/cli';

interface JsonMessage {
  ruleId: string;
  severity: number;
  line: number;
}

interface JsonFile {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  output?: string;
}

/** The rules `--fix` applies; every other rule's findings must be left as they were. */
const SAFE = ['kind-mismatch', 'deprecated-term', 'deprecated-reference', 'unused-disable-directive'];

/** A copy of a sample in the system's temporary folder; removed by `dispose`. */
function copyOf(sample: string): { dir: string; dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cx-fix-'));
  cpSync(path.join(ROOT, sample), dir, { recursive: true });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every file below a folder with its bytes, by path relative to it. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else out.set(path.relative(dir, f).split(path.sep).join('/'), readFileSync(f));
    }
  };
  walk(dir);
  return out;
}

const changedFiles = (a: Map<string, Buffer>, b: Map<string, Buffer>) =>
  [...b.keys()].filter((k) => !a.get(k)?.equals(b.get(k)!)).sort();

async function json(dir: string, ...extra: string[]): Promise<{ code: number; files: JsonFile[]; stderr: string }> {
  const r = await cli(['lint', '.', '--format', 'json', ...extra], { cwd: dir });
  return { code: r.code, files: JSON.parse(r.stdout) as JsonFile[], stderr: r.stderr };
}

/** Findings counted by file and rule: a fix moves lines, so places are not compared. */
function countsByFileAndRule(dir: string, files: readonly JsonFile[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of files) {
    for (const m of f.messages) {
      const key = `${path.relative(dir, f.filePath).split(path.sep).join('/')} ${m.ruleId}`;
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}

describe('cli: lint --fix and --fix-dry-run', () => {
  it('--fix on a copy of samples/with-problems fixes the safe findings, leaves the others, and every file still parses', async () => {
    const t = copyOf(WITH_PROBLEMS);
    try {
      const before = await json(t.dir);
      const bytesBefore = snapshot(t.dir);
      const fixable = before.files.reduce((n, f) => n + f.fixableErrorCount + f.fixableWarningCount, 0);
      assert.equal(
        fixable,
        6,
        'one kind-mismatch, three deprecated terms, one deprecated reference and one unused directive are safely fixable',
      );

      const r = await cli(['lint', '.', '--fix'], { cwd: t.dir });
      assert.equal(r.code, 1, 'errors that no fix removes are left, so the run still fails');
      assert.equal(r.stderr, '');
      // What is reported is what remains, as ESLint does.
      assert.doesNotMatch(
        r.stdout,
        /\s(kind-mismatch|deprecated-term|deprecated-reference|unused-disable-directive)$/m,
      );
      assert.match(r.stdout, /\stouchpoint-owner$/m);
      assert.doesNotMatch(r.stdout, /potentially fixable/);

      assert.deepEqual(changedFiles(bytesBefore, snapshot(t.dir)), [
        'docs/fibre-install-review.md',
        'docs/how-we-talk-about-customers.md',
        'governance/failed-install.journey.yaml',
        'governance/lead-handling.glossary.yaml',
        'segments/family-bundles.segment.yaml',
        'segments/sme-mobile-fleet.segment.yaml',
      ]);
      const fixedKind = readFileSync(path.join(t.dir, 'segments/sme-mobile-fleet.segment.yaml'), 'utf8');
      assert.match(fixedKind, /^kind: segment # problem: kind-mismatch$/m, 'the comment after the value is kept');
      assert.match(
        readFileSync(path.join(t.dir, 'segments/family-bundles.segment.yaml'), 'utf8'),
        /our main segment for multi-line offers/,
      );
      // A deprecated KPI's replacedBy, and the replacement's label for a deprecated term's.
      assert.match(
        readFileSync(path.join(t.dir, 'governance/failed-install.journey.yaml'), 'utf8'),
        /^ {8}kpis: \[right-first-time-install\] # problem: deprecated-reference$/m,
      );
      assert.match(
        readFileSync(path.join(t.dir, 'governance/lead-handling.glossary.yaml'), 'utf8'),
        /still routes every sales-ready lead by hand/,
      );

      const after = await json(t.dir);
      assert.equal(after.code, 1);
      const was = countsByFileAndRule(t.dir, before.files);
      const now = countsByFileAndRule(t.dir, after.files);
      for (const [key, n] of now) {
        const rule = key.split(' ')[1];
        assert.ok(!SAFE.includes(rule), `${key} was fixed`);
        assert.equal(n, was.get(key), `${key}: no new problem, and the findings no safe fix removes are all left`);
      }
      for (const [key, n] of was)
        if (!SAFE.includes(key.split(' ')[1])) assert.equal(now.get(key), n, `${key} is left`);
      // The one file that did not parse still is the only one (nothing a fix wrote fails to parse).
      assert.deepEqual(
        [...now.keys()].filter((k) => k.endsWith(' yaml-syntax')),
        ['journeys/broken.journey.yaml yaml-syntax'],
      );
      assert.equal(
        after.files.reduce((n, f) => n + f.fixableErrorCount + f.fixableWarningCount, 0),
        0,
      );
      // A link to add in another file is a choice (add it there, or remove it here): left to the editor.
      assert.ok(now.has('personas/remote-professional.persona.yaml asymmetric-link'));
    } finally {
      t.dispose();
    }
  });

  it('--fix-dry-run writes nothing, and JSON `output` holds exactly the text --fix writes, for the changed files only', async () => {
    const dry = copyOf(WITH_PROBLEMS);
    const real = copyOf(WITH_PROBLEMS);
    try {
      const bytes = snapshot(dry.dir);
      const r = await json(dry.dir, '--fix-dry-run');
      assert.equal(r.code, 1);
      assert.deepEqual(changedFiles(bytes, snapshot(dry.dir)), [], 'no file changed');
      assert.equal(snapshot(dry.dir).size, bytes.size, 'no file added (no temporary file left)');

      assert.equal((await cli(['lint', '.', '--fix'], { cwd: real.dir })).code, 1);
      const written = snapshot(real.dir);
      const withOutput = r.files.filter((f) => f.output !== undefined);
      assert.deepEqual(
        withOutput.map((f) => path.relative(dry.dir, f.filePath).split(path.sep).join('/')).sort(),
        changedFiles(bytes, written),
      );
      for (const f of withOutput)
        assert.equal(
          f.output,
          written.get(path.relative(dry.dir, f.filePath).split(path.sep).join('/'))!.toString('utf8'),
        );
      // The messages are what remains after the fixes.
      assert.ok(!r.files.some((f) => f.messages.some((m) => SAFE.includes(m.ruleId))));
    } finally {
      dry.dispose();
      real.dispose();
    }
  });

  it('a CRLF file with a byte order mark keeps both, gets every fix, and the run then passes', async () => {
    const t = copyOf(CLEAN);
    try {
      const file = path.join(t.dir, 'segments/family-bundles.segment.yaml');
      let text = readFileSync(file, 'utf8');
      text = text
        .replace('kind: segment', 'kind: persona')
        .replace('name: Family bundle households', 'name: Target groups, a target group');
      writeFileSync(file, '\ufeff' + text.replace(/\n/g, '\r\n'));
      chmodSync(file, 0o640);
      const before = await cli(['lint', '.'], { cwd: t.dir });
      assert.equal(before.code, 1);
      assert.match(
        linesOf(before.stdout).at(-1)!,
        /^ {2}1 error and 2 warnings potentially fixable with the `--fix` option\.$/,
      );

      const r = await cli(['lint', '.', '--fix'], { cwd: t.dir });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^No problems in \d+ files\.$/m);
      const bytes = readFileSync(file);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the byte order mark is kept');
      const fixed = bytes.subarray(3).toString('utf8');
      assert.doesNotMatch(fixed, /[^\r]\n/, 'every line break is still CRLF');
      assert.equal(
        fixed,
        text
          .replace('kind: persona', 'kind: segment')
          .replace('Target groups, a target group', 'Segments, a segment')
          .replace(/\n/g, '\r\n'),
      );
      assert.equal(statSync(file).mode & 0o777, 0o640, 'the permissions are kept');
    } finally {
      t.dispose();
    }
  });

  it('fixes that touch one another land over several passes', async () => {
    const t = copyOf(CLEAN);
    try {
      const file = path.join(t.dir, 'segments/family-bundles.segment.yaml');
      // Three idle rules of one comment: each fix takes its rule out of the same list.
      const line =
        'name: Family bundle households, a target group # cx-taxonomy-disable-line schema, deprecated-term, label-clash, kind-mismatch -- quoted from the 2020 plan';
      writeFileSync(file, readFileSync(file, 'utf8').replace('name: Family bundle households', line));
      const r = await cli(['lint', '.', '--fix', '--report-unused-disable-directives-severity', 'warn'], {
        cwd: t.dir,
      });
      assert.equal(r.code, 0, r.stdout);
      assert.match(
        readFileSync(file, 'utf8'),
        /^name: Family bundle households, a target group # cx-taxonomy-disable-line deprecated-term -- quoted from the 2020 plan$/m,
      );
    } finally {
      t.dispose();
    }
  });

  it('a kind that does not fit the file suffix is a choice (the file may be misnamed): --fix leaves it', async () => {
    const t = copyOf(CLEAN);
    try {
      // A persona written in a segment file: renaming the file may be what is meant.
      const persona = readFileSync(path.join(t.dir, 'personas/busy-family-organiser.persona.yaml'), 'utf8').replace(
        /^id: .*$/m,
        'id: misplaced',
      );
      writeFileSync(path.join(t.dir, 'segments/misplaced.segment.yaml'), persona);
      const bytes = snapshot(t.dir);
      const before = await json(t.dir);
      const kind = before.files.find((f) => f.filePath.endsWith('misplaced.segment.yaml'))!;
      assert.ok(kind.messages.some((m) => m.ruleId === 'kind-mismatch'));
      assert.equal(kind.fixableErrorCount, 0);
      const r = await cli(['lint', '.', '--fix'], { cwd: t.dir });
      assert.equal(r.code, 1);
      assert.match(r.stdout, /kind-mismatch/);
      assert.deepEqual(changedFiles(bytes, snapshot(t.dir)), []);
    } finally {
      t.dispose();
    }
  });

  it('the fixable counts are the same when the findings come from --cache', async () => {
    const t = copyOf(WITH_PROBLEMS);
    try {
      const counts = (files: readonly JsonFile[]) =>
        files.map((f) => [f.fixableErrorCount, f.fixableWarningCount].join('/')).join(' ');
      const fresh = await json(t.dir);
      const stored = await json(t.dir, '--cache');
      const restored = await json(t.dir, '--cache');
      assert.equal(counts(stored.files), counts(fresh.files));
      assert.equal(counts(restored.files), counts(fresh.files));
    } finally {
      t.dispose();
    }
  });

  it('--quiet --fix fixes errors only; --fix with --fix-dry-run is a usage error', async () => {
    const t = copyOf(WITH_PROBLEMS);
    try {
      const bytes = snapshot(t.dir);
      const r = await cli(['lint', '.', '--fix', '--quiet'], { cwd: t.dir });
      assert.equal(r.code, 1);
      assert.deepEqual(changedFiles(bytes, snapshot(t.dir)), ['segments/sme-mobile-fleet.segment.yaml']);
      const both = await cli(['lint', '.', '--fix', '--fix-dry-run'], { cwd: t.dir });
      assert.equal(both.code, 2);
      assert.equal(both.stderr, 'cx-taxonomy: --fix and --fix-dry-run cannot be used together.\n');
    } finally {
      t.dispose();
    }
  });

  it('fixes applied together that would not parse are tried one by one, and one that breaks the YAML is never applied', () => {
    // A stand-in for a safe rule whose edits are wrong: one fix breaks the file, one does not.
    const rule: Rule = {
      id: 'deprecated-term',
      defaultSeverity: 'warning',
      description: 'test',
      appliesTo: ['persona'],
      check({ file, report }) {
        if (!file.text.includes('Old')) return;
        const at = (line: number, character: number) => ({ line, character });
        const fix = (title: string, line: number, from: number, to: number, newText: string) => ({
          range: { start: at(line, from), end: at(line, to) },
          message: title,
          fixes: [
            {
              title,
              isPreferred: true,
              edits: [{ uri: file.uri, range: { start: at(line, from), end: at(line, to) }, newText }],
            },
          ],
        });
        report(fix('breaks', 0, 0, 0, '[: '));
        report(fix('renames', 2, 6, 9, 'New'));
      },
    };
    const ws = new TaxonomyWorkspace({ rules: [rule], config: defaultConfig(), trackDependencies: false });
    ws.setFile('/t/a.persona.yaml', 'a.persona.yaml', 'kind: persona\nid: a\nname: Old\n');
    ws.flush();
    const fixed = fixTaxonomies([{ root: '/t', workspace: ws, inScope: ['/t/a.persona.yaml'] }]);
    assert.deepEqual(fixed, [
      {
        uri: '/t/a.persona.yaml',
        before: 'kind: persona\nid: a\nname: Old\n',
        after: 'kind: persona\nid: a\nname: New\n',
      },
    ]);
  });
});

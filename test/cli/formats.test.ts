import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ALL_RULES } from '../../server/src/core';
import { cli, linesOf, ROOT, WITH_PROBLEMS } from './support/cli';
import { markerKey, markers, type Marker } from './support/markers';
import { sarifValidator } from './support/sarifSchema';
import { elements, parseXml } from './support/xml';

/** Every problem of samples/with-problems as ESLint JSON, the reference the other formats are compared with. */
async function reference(): Promise<Marker[]> {
  const r = await cli(['lint', WITH_PROBLEMS, '--format', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
  // As ESLint, `filePath` is absolute; markers name paths from the repository root.
  const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');
  return files
    .flatMap((f) => f.messages.map((m) => ({ path: rel(f.filePath), line: m.line, ruleId: m.ruleId })))
    .sort((a, b) => markerKey(a).localeCompare(markerKey(b)));
}

const keys = (ms: readonly Marker[]) => ms.map(markerKey).sort();

describe('cli formats on samples/with-problems', () => {
  let expected: Marker[];

  before(async () => {
    expected = await reference();
  });

  it('json reports exactly the marked problems of every registered rule', () => {
    assert.deepEqual(keys(expected), keys(markers()));
  });

  it('stylish groups problems by file and ends with the totals', async () => {
    const r = await cli(['lint', WITH_PROBLEMS]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour when stdout is not a terminal');
    assert.match(r.stdout, /^samples\/with-problems\/journeys\/mobile-switch\.journey\.yaml$/m);
    assert.match(r.stdout, /^\s+\d+:\d+\s+error\s+Touchpoint `Order confirmation by text message`.*touchpoint-owner$/m);
    assert.match(
      linesOf(r.stdout).find((l) => l.startsWith('✖'))!,
      new RegExp(`^✖ ${expected.length} problems \\(\\d+ errors, \\d+ warnings.*\\) in \\d+ files$`),
    );
  });

  it('sarif validates against the official SARIF 2.1.0 schema and holds every problem', async () => {
    const r = await cli(['lint', WITH_PROBLEMS, '--format', 'sarif']);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    const driver = run.tool.driver;
    assert.equal(driver.name, 'cx-taxonomy');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(
      driver.rules.map((d: { id: string }) => d.id),
      ALL_RULES.map((rule) => rule.id),
    );
    for (const [i, d] of driver.rules.entries()) {
      const rule = ALL_RULES[i];
      assert.equal(d.shortDescription.text, rule.description);
      assert.ok(d.fullDescription.text && d.help.text.includes(rule.description));
      assert.equal(
        d.defaultConfiguration.level,
        rule.defaultSeverity === 'error' ? 'error' : rule.defaultSeverity === 'warning' ? 'warning' : 'note',
      );
    }
    assert.deepEqual(Object.keys(run.originalUriBaseIds), ['%SRCROOT%']);
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
    const got: Marker[] = [];
    const fingerprints = new Set<string>();
    const silenced: (Marker & { suppressions: unknown })[] = [];
    for (const res of run.results) {
      assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      assert.ok(res.message.text.length > 0);
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(!loc.artifactLocation.uri.startsWith('/') && !loc.artifactLocation.uri.includes(':'), 'a relative uri');
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
      const fp = res.partialFingerprints['cxTaxonomy/v1'];
      assert.match(fp, /^[0-9a-f]{32}:\d+$/);
      assert.ok(!fingerprints.has(fp), 'fingerprints are unique');
      fingerprints.add(fp);
      // A finding silenced by a cx-taxonomy-disable comment is a result marked `inSource`, not a problem.
      if (res.suppressions)
        silenced.push({
          path: loc.artifactLocation.uri,
          line: loc.region.startLine,
          ruleId: res.ruleId,
          suppressions: res.suppressions,
        });
      else got.push({ path: loc.artifactLocation.uri, line: loc.region.startLine, ruleId: res.ruleId });
    }
    assert.deepEqual(keys(got), keys(expected));
    assert.deepEqual(silenced, [
      {
        path: 'samples/with-problems/docs/how-we-talk-about-customers.md',
        line: 62,
        ruleId: 'deprecated-term',
        suppressions: [{ kind: 'inSource', justification: 'a quotation from the 2019 brief, kept as written' }],
      },
    ]);
    const dup = run.results.find((res: { ruleId: string }) => res.ruleId === 'duplicate-id');
    assert.ok(dup.relatedLocations?.length, 'duplicate-id points at the other definition');
    assert.equal(dup.relatedLocations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
  });

  it('junit is well-formed XML with one testcase per file and a failure per problem', async () => {
    const r = await cli(['lint', WITH_PROBLEMS, '--format', 'junit']);
    assert.equal(r.code, 1);
    assert.ok(r.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
    const root = parseXml(r.stdout);
    assert.equal(root.name, 'testsuites');
    const [suite] = elements(root, 'testsuite');
    const cases = elements(root, 'testcase');
    const failures = elements(root, 'failure');
    assert.equal(failures.length, expected.length);
    assert.equal(Number(suite.attrs.tests), cases.length);
    assert.equal(new Set(cases.map((c) => c.attrs.file)).size, cases.length, 'one testcase per file');
    assert.equal(Number(root.attrs.failures), cases.filter((c) => c.children.some((f) => f.name === 'failure')).length);
    const got = cases.flatMap((c) =>
      c.children
        .filter((f) => f.name === 'failure')
        .map((f) => {
          assert.ok(f.attrs.message.length > 0);
          assert.ok(f.text.includes(f.attrs.message.replace(/^\d+:\d+ /, '')));
          return { path: c.attrs.file, line: Number(f.attrs.line), ruleId: f.attrs.type };
        }),
    );
    assert.deepEqual(keys(got), keys(expected));
    assert.ok(
      cases.some((c) => c.children.length === 0),
      'a clean file is a passing testcase',
    );
  });

  it('github writes one workflow command per problem', async () => {
    const r = await cli(['lint', WITH_PROBLEMS, '--format', 'github']);
    assert.equal(r.code, 1);
    const re =
      /^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([a-z0-9-]+)::(.+)$/;
    const got: Marker[] = linesOf(r.stdout).map((l) => {
      const m = re.exec(l);
      assert.ok(m, `not a workflow command: ${l}`);
      return { path: m[2], line: Number(m[3]), ruleId: m[7] };
    });
    assert.deepEqual(keys(got), keys(expected));
    assert.match(
      r.stdout,
      /^::error file=samples\/with-problems\/journeys\/mobile-switch\.journey\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=touchpoint-owner::Touchpoint `Order confirmation by text message`/m,
    );
    assert.match(r.stdout, /^::warning .*title=kpi-owner::/m);
  });

  it('markdown is a job summary: a heading with the totals, a table per rule and per problem', async () => {
    const r = await cli(['lint', WITH_PROBLEMS, '--format', 'markdown']);
    assert.equal(r.code, 1);
    const lines = linesOf(r.stdout);
    assert.match(lines[0], new RegExp(`^### ❌ cx-taxonomy: ${expected.length} problems`));
    const rows = lines.filter((l) => /^\| (❌|⚠️|ℹ️|💡) /.test(l));
    assert.equal(rows.length, expected.length);
    for (const row of rows) {
      // Every row has exactly four cells: no unescaped pipe leaks out of a message.
      const cells = row.replace(/\\\|/g, '').split('|').slice(1, -1);
      assert.equal(cells.length, 4, row);
    }
    assert.ok(lines.includes('| Rule | Severity | Problems | What it checks |'));
  });

  it('markdown links each problem to its line when run in a GitHub Actions job', async () => {
    const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/taxonomy', GITHUB_SHA: 'abc123' };
    const r = await cli(['lint', WITH_PROBLEMS, '--format', 'markdown'], { env });
    assert.match(
      r.stdout,
      /\[`samples\/with-problems\/journeys\/mobile-switch\.journey\.yaml:\d+`\]\(https:\/\/github\.com\/acme\/taxonomy\/blob\/abc123\/samples\/with-problems\/journeys\/mobile-switch\.journey\.yaml#L\d+\)/,
    );
  });
});

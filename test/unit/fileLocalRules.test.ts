import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_FACET_CONTRIBUTORS, ALL_RULES, FILE_LOCAL_RULE_IDS, RULE_IDS } from '../../server/src/core';
import type { Rule } from '../../server/src/core/rules/types';
import { TaxonomyWorkspace } from '../../server/src/core/workspace';
import { generateWorkspace, SIZES } from '../../bench/generate';
import { yamlFilesUnder } from '../support/files';

/**
 * The server shows the problems of `FILE_LOCAL_RULE_IDS` before the taxonomy is indexed (issue
 * 11, case 2). That is only right if those rules read nothing but the file they check: here each
 * runs over every sample and generated file with an index and other files that throw when read.
 */
describe('rules that read only their own file (shown while the server indexes)', () => {
  const REPO = path.join(__dirname, '../..');

  function guarded(rule: Rule): Rule {
    const fail = (what: string) => {
      throw new Error(`read ${what}`);
    };
    return {
      ...rule,
      check: (ctx) =>
        rule.check({
          ...ctx,
          index: new Proxy(ctx.index, { get: (_t, name) => fail(`the index (${String(name)})`) }),
          fileAt: () => fail('another file'),
        }),
    };
  }

  it('lists known rule ids only, and not the rules that look across files', () => {
    for (const id of FILE_LOCAL_RULE_IDS) assert.ok(RULE_IDS.has(id), id);
    for (const id of [
      'unresolved-reference',
      'duplicate-id',
      'unused-kpi',
      'orphan-persona',
      'touchpoint-owner',
      'deprecated-term',
    ])
      assert.ok(!FILE_LOCAL_RULE_IDS.has(id), id);
  });

  it('never read the index or another file, on every sample and generated file and on broken ones', () => {
    const files = new Map<string, string>();
    for (const f of [
      ...yamlFilesUnder(path.join(REPO, 'samples')),
      ...yamlFilesUnder(path.join(REPO, 'test/protocol/fixtures')),
    ])
      files.set(path.relative(REPO, f).split(path.sep).join('/'), readFileSync(f, 'utf8'));
    for (const [rel, text] of generateWorkspace(SIZES.S, 3, 'S').files) files.set(`gen/${rel}`, text);
    files.set('broken/a.journey.yaml', 'kind: journey\nid: "unclosed\n');
    files.set('broken/b.persona.yaml', 'kind: kpi\nid: x\nowner: [a, b]\n');
    files.set('broken/c.kpi.yaml', 'kind: kpi\nid: k\nconflicts: [{with: a}]\nowner: [a, b]\n');
    const rules = ALL_RULES.filter((r) => FILE_LOCAL_RULE_IDS.has(r.id)).map(guarded);
    const ws = new TaxonomyWorkspace({ rules, facetContributors: ALL_FACET_CONTRIBUTORS });
    for (const [rel, text] of files) ws.setFile(`mem:///${rel}`, rel, text);
    ws.setUnreadable('mem:///broken/d.kpi.yaml', 'broken/d.kpi.yaml', 'not UTF-8');
    ws.flush();
    const failures: string[] = [];
    for (const f of ws.allFiles())
      for (const d of ws.diagnostics(f.uri))
        if (/failed on this file/.test(d.message)) failures.push(`${f.relativePath}: ${d.message}`);
    assert.deepEqual(failures, []);
  });
});

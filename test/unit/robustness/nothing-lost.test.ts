/**
 * Nothing the user wrote is lost: every quick fix offered anywhere in the two samples, and a
 * rename of every id defined in them, is applied, and then each edited file
 * - still parses as YAML, with no syntax problem it did not have before;
 * - keeps every comment, byte for byte, and every key in its order (new keys may appear);
 * - was edited only inside one scalar (or by a pure insertion), so all formatting outside the
 *   edited scalar is unchanged;
 * and the fix really fixes: its diagnostic is gone, and a rename leaves no reference dangling.
 * Each edit is undone before the next, on one incrementally checked workspace per sample.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CST, Lexer } from 'yaml';
import {
  createTaxonomyWorkspace,
  directivesOf,
  DIRECTIVE_RULE_IDS,
  fileKindOf,
  LineIndex,
  parseConfig,
  parseYaml,
  RULE_IDS,
  type TaxonomyDiagnostic,
  type TaxonomyWorkspace,
  type TextEdit,
} from '../../../server/src/core';
import { prepareRename, quickFixes, rename } from '../../../server/src/core/features';

const REPO = path.join(__dirname, '../../..');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** A sample as a workspace whose uris are its relative paths, with its own config. */
function loadSample(name: string): { ws: TaxonomyWorkspace; texts: Map<string, string> } {
  const root = path.join(REPO, 'samples', name);
  const texts = new Map<string, string>();
  for (const p of walk(root)) {
    const rel = path.relative(root, p).split(path.sep).join('/');
    if (fileKindOf(rel) !== undefined && rel !== 'README.md') texts.set(rel, readFileSync(p, 'utf8'));
  }
  const config = texts.has('cx-taxonomy.config.yaml')
    ? parseConfig(texts.get('cx-taxonomy.config.yaml')!, RULE_IDS).config
    : undefined;
  const ws = createTaxonomyWorkspace(config);
  for (const [rel, text] of texts) ws.setFile(rel, rel, text);
  ws.flush();
  return { ws, texts };
}

const isYaml = (rel: string) => /\.ya?ml$/.test(rel);

/** Every comment of a YAML text, in order, exactly as written. */
function commentsOf(text: string): string[] {
  return [...new Lexer().lex(text)].filter((t) => CST.tokenType(t) === 'comment');
}

/** The mapping keys of a YAML text as written, in document order. */
function keysOf(text: string): string[] {
  const out: string[] = [];
  for (const doc of parseYaml(text).docs) {
    for (const span of doc.spans.values())
      if (span.keyStart !== undefined && span.keyEnd !== undefined) out.push(text.slice(span.keyStart, span.keyEnd));
  }
  return out;
}

/** True when `a` is `b` with items removed only (order kept). */
function isSubsequence(a: readonly string[], b: readonly string[]): boolean {
  let j = 0;
  for (const x of b) if (j < a.length && a[j] === x) j++;
  return j === a.length;
}

/** Applies one file's edits (LSP ranges) to its text, the way an editor does. */
function applyTo(text: string, edits: readonly TextEdit[]): string {
  const li = new LineIndex(text);
  const withOffsets = edits.map((e) => ({
    start: li.offsetAt(e.range.start),
    end: li.offsetAt(e.range.end),
    newText: e.newText,
  }));
  withOffsets.sort((a, b) => b.start - a.start);
  for (let k = 1; k < withOffsets.length; k++)
    assert.ok(withOffsets[k].end <= withOffsets[k - 1].start, 'edits overlap');
  let out = text;
  for (const e of withOffsets) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The scalar spans of a YAML text: [start, end) of every scalar value and key. */
function scalarSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const doc of parseYaml(text).docs) {
    for (const s of doc.spans.values()) {
      if (s.scalarType) out.push([s.start, s.end]);
      if (s.keyStart !== undefined && s.keyEnd !== undefined) out.push([s.keyStart, s.keyEnd]);
    }
  }
  return out;
}

/**
 * Checks an edit set against the "nothing lost" contract and returns the new texts. `what` names
 * the edit in failure messages.
 */
function checkEdits(ws: TaxonomyWorkspace, edits: readonly TextEdit[], what: string): Map<string, string> {
  const byUri = new Map<string, TextEdit[]>();
  for (const e of edits) byUri.set(e.uri, [...(byUri.get(e.uri) ?? []), e]);
  const out = new Map<string, string>();
  for (const [uri, list] of byUri) {
    const file = ws.getFile(uri);
    assert.ok(file, `${what}: edits a file the workspace does not have (${uri})`);
    const before = file.text;
    const after = applyTo(before, list);
    out.set(uri, after);
    const li = new LineIndex(before);
    if (isYaml(uri)) {
      const spans = scalarSpans(before);
      for (const e of list) {
        const s = li.offsetAt(e.range.start);
        const t = li.offsetAt(e.range.end);
        // A replacement stays inside one scalar (a value or a key); an insertion adds text only.
        if (s !== t)
          assert.ok(
            spans.some(([a, b]) => a <= s && t <= b),
            `${what}: ${uri} edit ${JSON.stringify(before.slice(s, t))} -> ${JSON.stringify(e.newText)} is not inside one scalar`,
          );
      }
      const syntax = (text: string) => parseYaml(text).problems.length;
      assert.ok(
        syntax(after) <= syntax(before),
        `${what}: ${uri} has new YAML problems:\n${parseYaml(after)
          .problems.map((p) => p.message)
          .join('\n')}\n---\n${after}`,
      );
      assert.deepEqual(commentsOf(after), commentsOf(before), `${what}: ${uri} lost or changed a comment`);
      assert.ok(isSubsequence(keysOf(before), keysOf(after)), `${what}: ${uri} lost or reordered keys`);
    } else {
      // Markdown: a replacement of words within one paragraph, never across markup.
      for (const e of list) {
        const old = before.slice(li.offsetAt(e.range.start), li.offsetAt(e.range.end));
        assert.doesNotMatch(
          old,
          /\n\s*\n|[`[\]()<>#*_]/,
          `${what}: ${uri} edit crosses Markdown markup: ${JSON.stringify(old)}`,
        );
      }
    }
  }
  return out;
}

/**
 * The fixes of the suppression-comment rules (a misspelt rule id, a directive that silences
 * nothing) exist to change or remove that comment: they may edit it, or delete the lines it
 * stands on alone, and nothing else. The file still parses with no new problem.
 */
function checkDirectiveEdits(ws: TaxonomyWorkspace, edits: readonly TextEdit[], what: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of edits) {
    const file = ws.getFile(e.uri);
    assert.ok(file, `${what}: edits a file the workspace does not have (${e.uri})`);
    const s = file.lines.offsetAt(e.range.start);
    const t = file.lines.offsetAt(e.range.end);
    const inside = directivesOf(file).some((d) => {
      const first = file.lines.offsetAt({ line: file.lines.positionAt(d.start).line, character: 0 });
      const next = file.lines.offsetAt({ line: file.lines.positionAt(d.end).line + 1, character: 0 });
      return first <= s && t <= next;
    });
    assert.ok(
      inside,
      `${what}: edit ${JSON.stringify(file.text.slice(s, t))} reaches outside its cx-taxonomy-disable comment`,
    );
    const after = applyTo(file.text, [e]);
    if (isYaml(e.uri))
      assert.ok(parseYaml(after).problems.length <= parseYaml(file.text).problems.length, `${what}: new YAML problems`);
    out.set(e.uri, after);
  }
  return out;
}

/** Sets texts into the workspace and checks it; returns a function that restores the originals. */
function applyAndCheck(ws: TaxonomyWorkspace, texts: Map<string, string>): () => void {
  const originals = new Map([...texts.keys()].map((uri) => [uri, ws.getFile(uri)!.text]));
  for (const [uri, t] of texts) ws.setFile(uri, uri, t);
  ws.flush();
  return () => {
    for (const [uri, t] of originals) ws.setFile(uri, uri, t);
    ws.flush();
  };
}

const key = (uri: string, d: TaxonomyDiagnostic) => `${uri} ${d.ruleId} ${d.message}`;

/** Every diagnostic of the workspace as `uri rule message` strings. */
function allDiagnostics(ws: TaxonomyWorkspace): string[] {
  return [...ws.allFiles()].flatMap((f) => ws.diagnostics(f.uri).map((d) => key(f.uri, d)));
}

function count(list: readonly string[], k: string): number {
  return list.filter((x) => x === k).length;
}

/** A fresh valid id for a rename. */
const renamedId = (id: string) => `${id}-renamed`;

const totals = { fixes: 0, renames: 0, referencesRenamed: 0 };

for (const sample of ['with-problems', 'acme-telecom']) {
  describe(`nothing lost: every fix and rename in samples/${sample}`, function () {
    this.timeout(120000);
    let ws: TaxonomyWorkspace;
    let baseline: string[];

    before(() => {
      ({ ws } = loadSample(sample));
      baseline = allDiagnostics(ws);
    });

    it('every quick fix keeps YAML valid, comments, key order and formatting, and fixes its problem', () => {
      let fixes = 0;
      for (const file of ws.allFiles()) {
        for (const d of ws.diagnostics(file.uri)) {
          // Ask the code-action feature, as the server does, for exactly this diagnostic.
          const offered = quickFixes(ws, file.uri, d.range, [{ ruleId: d.ruleId, range: d.range, message: d.message }]);
          assert.equal(offered.length, d.fixes?.length ?? 0, `${file.uri}: the fixes offered are the ones recorded`);
          for (const fix of offered) {
            const what = `${sample} ${file.relativePath}:${d.range.start.line + 1} ${d.ruleId} "${fix.title}"`;
            const texts = DIRECTIVE_RULE_IDS.has(d.ruleId)
              ? checkDirectiveEdits(ws, fix.edits, what)
              : checkEdits(ws, fix.edits, what);
            const restore = applyAndCheck(ws, texts);
            try {
              const now = allDiagnostics(ws);
              assert.ok(
                count(now, key(file.uri, d)) < count(baseline, key(file.uri, d)),
                `${what}: the problem is still there`,
              );
              assert.ok(
                !now.some((x) => / yaml-syntax /.test(x) && !baseline.includes(x)),
                `${what}: a new syntax problem`,
              );
            } finally {
              restore();
            }
            fixes++;
          }
        }
      }
      assert.deepEqual(allDiagnostics(ws), baseline, 'every fix was undone');
      if (sample === 'with-problems') assert.ok(fixes >= 8, `only ${fixes} fixes offered`);
      totals.fixes += fixes;
    });

    it('renaming every id leaves every reference resolved and every file intact', () => {
      let renames = 0;
      const defs = [...ws.index.allDefinitions()];
      assert.ok(defs.length > 50, `${defs.length} definitions`);
      const unresolvedBefore = baseline.filter((x) => / unresolved-reference /.test(x)).length;
      for (const def of defs) {
        const file = ws.getFile(def.uri)!;
        const offset = file.lines.offsetAt(def.range.start) + Math.min(1, def.id.length);
        const what = `${sample} rename ${def.kind} ${def.id} (${file.relativePath}:${def.range.start.line + 1})`;
        const prep = prepareRename(ws, file, offset);
        assert.ok(prep.ok, `${what}: ${!prep.ok ? prep.message : ''}`);
        const r = rename(ws, file, offset, renamedId(def.id));
        assert.ok(r.ok, `${what}: ${!r.ok ? r.message : ''}`);
        // Each edit replaces exactly the old id, inside its quotes if it has any.
        for (const e of r.edits) {
          const t = ws.getFile(e.uri)!;
          assert.equal(
            t.text.slice(t.lines.offsetAt(e.range.start), t.lines.offsetAt(e.range.end)),
            def.id,
            `${what}: an edit in ${e.uri} replaces something else`,
          );
          assert.equal(e.newText, renamedId(def.id));
        }
        const texts = checkEdits(ws, r.edits, what);
        const restore = applyAndCheck(ws, texts);
        try {
          const now = allDiagnostics(ws);
          const unresolved = now.filter((x) => / unresolved-reference /.test(x)).length;
          assert.ok(
            unresolved <= unresolvedBefore,
            `${what}: left ${unresolved - unresolvedBefore} references dangling:\n${now.filter((x) => / unresolved-reference /.test(x) && !baseline.includes(x)).join('\n')}`,
          );
          // The same number of problems of each rule (messages may name the new id); renaming
          // one of two definitions that share an id ends that duplicate, so that case differs.
          const duplicated =
            defs.filter((x) => x.kind === def.kind && x.id === def.id && x.container === def.container).length > 1;
          const byRule = (list: string[]) =>
            list
              .map((x) => x.split(' ')[1])
              .sort()
              .join();
          if (!duplicated) assert.equal(byRule(now), byRule(baseline), `${what}: the problems changed`);
        } finally {
          restore();
        }
        renames++;
        totals.referencesRenamed += r.edits.length;
      }
      assert.deepEqual(allDiagnostics(ws), baseline, 'every rename was undone');
      totals.renames += renames;
    });
  });
}

after(() => {
  if (process.env.CX_ROBUSTNESS_COUNTS)
    console.log(
      `nothing lost: ${totals.fixes} quick fixes, ${totals.renames} renames (${totals.referencesRenamed} edits) applied and checked`,
    );
});

/**
 * The same checks on files written in every style YAML allows: flow and block collections,
 * quoted scalars, comments at the ends of lines and between items, zero-indented sequences,
 * CRLF line endings, no final newline. Fixes that insert lines or list items must fit each one.
 */
const ZOO: Record<string, string> = {
  'org.teams.yaml':
    'kind: teams\nteams:\n  - id: cx-ops # CX\n    name: CX Operations\n    function: cx\n  - {id: brand, name: Brand, function: marketing}\n  - id: "sales"\n    name: Sales\n    function: sales\n',
  'p.persona.yaml':
    'kind: persona # the persona\nid: zoo\nname: Zoo\nowner: cx-ops\nsegments: [s-flow, s-block, s-none, s-empty, s-crlf, s-zero, s-last] # all of them\n',
  's-flow.segment.yaml':
    'kind: segment\nid: s-flow\nname: Flow\nowner: brand\npersonas: [other-p]  # trailing comment\nlifecycleStage: acquisition\n',
  's-block.segment.yaml':
    'kind: segment\nid: s-block\nname: Block\nowner: brand\npersonas:\n  # first the loyal ones\n  - other-p # keep\n  # end of list\nlifecycleStage: acquisition\n',
  's-none.segment.yaml': 'kind: segment\nid: s-none\nname: None\nowner: brand\nlifecycleStage: acquisition\n# the end',
  's-empty.segment.yaml': 'kind: segment\nid: s-empty\nname: Empty\nowner: brand\npersonas: []\n',
  's-crlf.segment.yaml':
    'kind: segment\r\nid: s-crlf\r\nname: CRLF\r\nowner: brand\r\npersonas:\r\n  - other-p\r\nlifecycleStage: acquisition\r\n',
  's-zero.segment.yaml':
    'kind: segment\nid: s-zero\nname: Zero\nowner: brand\npersonas:\n- other-p\nlifecycleStage: acquisition\n',
  's-last.segment.yaml':
    'kind: segment\nid: s-last\nname: Last\nowner: brand\nlifecycleStage: acquisition\npersonas:\n  - other-p',
  'other.persona.yaml':
    "kind: persona\nid: other-p\nname: Other\nowner: 'cx-ops'\nsegments: [s-flow, s-block, s-crlf, s-zero, s-last]\n",
  'j.journey.yaml': [
    'kind: journey',
    'id: j',
    'name: J',
    'persona: zoo',
    'owner: cx-ops # the journey owner, offered by the touchpoint-owner fix',
    'stages:',
    '  - id: s1 # first stage',
    '    name: One',
    '    lifecycleStage: onboarding',
    '    touchpoints:',
    '      - {id: flow-tp, name: Flow touchpoint, channel: web}',
    '      - id: block-tp # a comment',
    '        # a comment line',
    '        name: Block touchpoint',
    '        channel: email',
    '      - id: shared-tp',
    '        name: Shared',
    '        owner: [cx-ops, brand] # two teams',
    '      - id: shared-block-tp',
    '        name: Shared block',
    '        owner:',
    '          - cx-ops',
    '          - sales',
    '  - id: s2',
    '    name: Two',
    '    lifecycleStage: retention',
    '    touchpoints:',
    '    - id: zero-tp',
    '      name: Zero indent',
    '    - id: "quoted-tp"',
    "      name: 'Quoted'",
    '      owner: "cx-opz"',
    '      kpis: [nps, "nps-typo"]',
  ].join('\n'),
  'j2.journey.yaml':
    'kind: journey\r\nid: j2\r\nname: J2\r\npersona: zoo\r\nowner: cx-ops\r\nstages:\r\n  - id: a\r\n    name: A\r\n    lifecycleStage: onboarding\r\n    owner: [cx-ops, brand]\r\n    touchpoints:\r\n      - id: t\r\n        name: T\r\n',
  'k.kpi.yaml': 'kind: "segment"  # wrong kind\nid: nps\nname: NPS\nowner: cx-ops\ndirection: increase\n',
  'k2.kpi.yaml': 'kind: kpi\nid: "nps"\nname: NPS again\nowner: cx-ops\ndirection: increase\n',
  'g.glossary.yaml':
    [
      'kind: glossary',
      'vocabulary: marketing',
      'owner: brand',
      'terms:',
      '  - id: segment',
      '    term: Segment',
      '    definition: >-',
      '      A group of customers, once called a target group',
      '      (never a "target group" again).',
      '    avoid: [target group]',
      '    equivalent: persona',
      '  - id: persona-m',
      '    term: Audience',
      '    definition: "Our target group, with \\"quotes\\" and a \\u00e9."',
    ].join('\n') + '\n',
  'g2.glossary.yaml':
    'kind: glossary\nvocabulary: cx\nowner: cx-ops\nterms:\n  - id: persona\n    term: Persona\n    definition: One type of customer.\n    equivalent: segment\n',
  'docs/guide.md':
    '# Guide\n\nOur *target group* is in `target group` code, and our target group\nruns across lines: target\ngroup.\n',
};

describe('nothing lost: fixes and renames in every YAML style', function () {
  this.timeout(60000);

  it('every fix and every rename keeps each file intact', () => {
    const ws = createTaxonomyWorkspace();
    for (const [rel, text] of Object.entries(ZOO)) ws.setFile(rel, rel, text);
    ws.flush();
    const baseline = allDiagnostics(ws);
    const rules = new Set<string>();
    let fixes = 0;
    for (const file of [...ws.allFiles()]) {
      for (const d of ws.diagnostics(file.uri)) {
        for (const fix of quickFixes(ws, file.uri, d.range, [
          { ruleId: d.ruleId, range: d.range, message: d.message },
        ])) {
          const what = `zoo ${file.relativePath}:${d.range.start.line + 1} ${d.ruleId} "${fix.title}"`;
          const restore = applyAndCheck(ws, checkEdits(ws, fix.edits, what));
          try {
            assert.ok(
              count(allDiagnostics(ws), key(file.uri, d)) < count(baseline, key(file.uri, d)),
              `${what}: the problem is still there`,
            );
          } finally {
            restore();
          }
          rules.add(d.ruleId);
          fixes++;
        }
      }
    }
    for (const def of [...ws.index.allDefinitions()]) {
      const file = ws.getFile(def.uri)!;
      const r = rename(ws, file, file.lines.offsetAt(def.range.start), renamedId(def.id));
      assert.ok(r.ok, `rename ${def.id}`);
      const restore = applyAndCheck(ws, checkEdits(ws, r.edits, `zoo rename ${def.kind} ${def.id}`));
      restore();
      totals.renames++;
    }
    assert.deepEqual(allDiagnostics(ws), baseline);
    totals.fixes += fixes;
    assert.deepEqual(
      [...rules].sort(),
      [
        'asymmetric-link',
        'deprecated-term',
        'duplicate-id',
        'kind-mismatch',
        'shared-ownership-lead',
        'touchpoint-owner',
        'unresolved-reference',
      ].sort(),
    );
  });
});

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { createTaxonomyWorkspace, fileKindOf, LineIndex, type TaxonomyWorkspace } from '../../../server/src/core';

const sampleRoot = path.join(__dirname, '../../../samples/acme-telecom');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** The sample taxonomy, relative path -> text. */
const SAMPLE: Record<string, string> = Object.fromEntries(
  walk(sampleRoot)
    .filter((p) => fileKindOf(p) !== undefined)
    .map((p) => [path.relative(sampleRoot, p).split(path.sep).join('/'), readFileSync(p, 'utf8')]),
);
const YAML_FILES = Object.keys(SAMPLE).filter((p) => /\.ya?ml$/.test(p) && !p.endsWith('config.yaml'));

/** Every diagnostic of every file lies inside its document, and every fix edit too. */
function assertPositionsInside(ws: TaxonomyWorkspace): void {
  for (const f of ws.allFiles()) {
    const li = new LineIndex(f.text);
    const inside = (p: { line: number; character: number }) =>
      p.line >= 0 && p.line < li.lineCount && p.character >= 0 && p.character <= li.lineText(p.line).length;
    for (const d of ws.diagnostics(f.uri)) {
      assert.ok(
        inside(d.range.start) && inside(d.range.end),
        `${f.relativePath}: ${d.ruleId} at ${JSON.stringify(d.range)} is outside the text`,
      );
      for (const fix of d.fixes ?? []) {
        for (const e of fix.edits) {
          const target = ws.getFile(e.uri);
          if (!target) continue;
          const tli = new LineIndex(target.text);
          assert.ok(
            e.range.start.line < tli.lineCount && e.range.end.line < tli.lineCount,
            `fix edit outside ${e.uri}`,
          );
        }
      }
    }
  }
}

/** YAML-ish fragments that are likely to break structure in interesting ways. */
const fragment = fc.oneof(
  fc.constantFrom(
    '\n',
    ': ',
    '- ',
    '  ',
    '\t',
    '[',
    ']',
    '{',
    '}',
    '"',
    "'",
    '#',
    '&a ',
    '*a',
    '---\n',
    '? ',
    '|\n',
    '>-\n',
    'owner: ',
    'kind: ',
    'id: ',
    '~',
    'null',
    '\u0000',
    '\r\n',
    '📈',
    'é',
  ),
  fc.string({ maxLength: 12 }),
);

/** One edit: replace a slice of a sample file with random fragments. */
const edit = fc.record({
  file: fc.constantFrom(...YAML_FILES),
  at: fc.nat(),
  remove: fc.nat({ max: 30 }),
  insert: fc.array(fragment, { maxLength: 4 }).map((a) => a.join('')),
});

describe('robustness: fuzzing the core', function () {
  this.timeout(120000);

  it('random YAML never makes the core throw, and positions stay inside the text', () => {
    fc.assert(
      fc.property(
        fc.array(fragment, { maxLength: 40 }).map((a) => a.join('')),
        fc.constantFrom('x.persona.yaml', 'x.journey.yaml', 'x.glossary.yaml', 'x.kpi.yaml', 'x.md'),
        (text, name) => {
          const ws = createTaxonomyWorkspace();
          ws.setFile(name, name, text);
          ws.flush();
          assertPositionsInside(ws);
        },
      ),
      { numRuns: 600, seed: 42 },
    );
  });

  it('random edit sequences into real sample files never make the core throw', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 25 }), (edits) => {
        const ws = createTaxonomyWorkspace();
        const texts = { ...SAMPLE };
        for (const [p, t] of Object.entries(texts)) ws.setFile(p, p, t);
        ws.flush();
        for (const e of edits) {
          const t = texts[e.file];
          const at = e.at % (t.length + 1);
          texts[e.file] = t.slice(0, at) + e.insert + t.slice(at + e.remove);
          ws.setFile(e.file, e.file, texts[e.file]);
          ws.flush();
        }
        assertPositionsInside(ws);
        // The incremental result equals a from-scratch check of the same texts.
        const fresh = createTaxonomyWorkspace();
        for (const [p, t] of Object.entries(texts)) fresh.setFile(p, p, t);
        fresh.flush();
        for (const p of Object.keys(texts)) {
          const a = ws
            .diagnostics(p)
            .map((d) => `${d.ruleId}@${d.range.start.line}:${d.range.start.character} ${d.message}`);
          const b = fresh
            .diagnostics(p)
            .map((d) => `${d.ruleId}@${d.range.start.line}:${d.range.start.character} ${d.message}`);
          assert.deepEqual(a, b, `incremental and fresh results differ for ${p}`);
        }
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});

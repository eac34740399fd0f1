/**
 * The edit layer's property test (issue 11, case 5): over taxonomies generated in many YAML
 * styles (corpus.ts), every quick fix offered and a rename of every id are applied, and then
 * - each edited file parses with no new problem (no new yaml-syntax or schema diagnostic),
 * - the fixed diagnostic is gone (a rename leaves no reference dangling),
 * - the changed value reads back exactly as meant, and no other value changes,
 * - every edit lies inside the node it is about, so every byte outside it is unchanged.
 * Fixed seed; CX_EDIT_RUNS sets the number of generated taxonomies (default 30).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { LineIndex, type TaxonomyWorkspace, type TextEdit } from '../../../server/src/core';
import { quickFixes, rename } from '../../../server/src/core/features';
import { memoryWorkspace } from '../../support/workspace';
import { generateCorpus } from './corpus';
import { applyTextEdits } from './support';

type Path = (string | number)[];
interface Change {
  path: Path;
  before: unknown;
  after: unknown;
}

function parse(text: string): Document.Parsed[] {
  const docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, logLevel: 'error' });
  return Array.isArray(docs) ? docs : [];
}

function diff(a: unknown, b: unknown, path: Path, out: Change[]): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length)
    a.forEach((x, i) => diff(x, b[i], [...path, i], out));
  else if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) diff(ra[k], rb[k], [...path, k], out);
  } else out.push({ path, before: a, after: b });
}

/** The node at a path of the old document, and the range an edit of it may touch. */
function rangeOf(doc: Document.Parsed, path: Path): [number, number] | undefined {
  let node = doc.contents as Node | null;
  let range: [number, number] | undefined = node?.range ? [node.range[0], node.range[2]] : undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      // A key added to a mapping: an edit inside the mapping.
      if (!pair) return range;
      const k = pair.key as Node;
      const v = pair.value as Node | null;
      if (!v?.range) return undefined;
      // A mapping value may be written from right after its key (`key:` -> `key: [a]`).
      range = [k.range![1], v.range[2]];
      node = v;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) return range;
      if (isPair(item) || !(item as Node).range) return undefined;
      node = item as Node;
      range = [node.range![0], node.range![2]];
    } else return undefined;
  }
  return range;
}

const ticked = (title: string): string[] => [...title.matchAll(/`([^`]*)`/g)].map((m) => m[1]);
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Every diagnostic of the workspace as `uri rule message`. */
function all(ws: TaxonomyWorkspace): string[] {
  return [...ws.allFiles()].flatMap((f) =>
    ws.diagnostics(f.uri).map((d) => `${f.uri}\u0000${d.ruleId}\u0000${d.message}`),
  );
}
const count = (list: string[], pred: (x: string) => boolean) => list.filter(pred).length;
const ofRule = (rule: string, uri?: string) => (x: string) =>
  x.split('\u0000')[1] === rule && (uri === undefined || x.startsWith(`${uri}\u0000`));

/**
 * Applies edits, checks the files parse as before, that edits stay inside the nodes that
 * change, and returns the changes per file; the workspace holds the edited files until `undo`.
 */
function applyAndRead(
  ws: TaxonomyWorkspace,
  edits: readonly TextEdit[],
  what: string,
): { changes: Map<string, Change[]>; undo: () => void } {
  const changes = new Map<string, Change[]>();
  const originals = new Map<string, string>();
  for (const uri of new Set(edits.map((e) => e.uri))) {
    const file = ws.getFile(uri)!;
    const mine = edits.filter((e) => e.uri === uri);
    const before = file.text;
    const after = applyTextEdits(before, mine);
    const [oldDocs, newDocs] = [parse(before), parse(after)];
    const errors = (docs: Document.Parsed[]) => docs.reduce((n, d) => n + d.errors.length, 0);
    assert.ok(
      errors(newDocs) <= errors(oldDocs) && newDocs.length === oldDocs.length,
      `${what}: ${file.relativePath} no longer parses:\n${after}`,
    );
    const list: Change[] = [];
    oldDocs.forEach((d, i) => diff(d.toJS(), newDocs[i].toJS(), [], list));
    assert.ok(list.length > 0, `${what}: ${file.relativePath} reads the same after the edit`);
    const li = new LineIndex(before);
    for (const e of mine) {
      const s = li.offsetAt(e.range.start);
      const t = li.offsetAt(e.range.end);
      const ok = list.some((c) => {
        const r = rangeOf(oldDocs[0], c.path);
        return r !== undefined && r[0] <= s && t <= r[1];
      });
      assert.ok(
        ok,
        `${what}: ${file.relativePath} edit ${JSON.stringify(before.slice(s, t))} -> ${JSON.stringify(e.newText)} at ${s} is outside the nodes that change (${JSON.stringify(list.map((c) => c.path))})\n${before}`,
      );
    }
    changes.set(uri, list);
    originals.set(uri, before);
    ws.setFile(uri, file.relativePath, after);
  }
  ws.flush();
  return {
    changes,
    undo: () => {
      for (const [uri, t] of originals) ws.setFile(uri, ws.getFile(uri)!.relativePath, t);
      ws.flush();
    },
  };
}

/** What each rule's fix must change, read from its title. */
function checkFixChanges(
  rule: string,
  title: string,
  matched: string,
  changes: Map<string, Change[]>,
  what: string,
): void {
  const list = [...changes.values()].flat();
  const [a] = ticked(title);
  const last = (c: Change) => c.path[c.path.length - 1];
  switch (rule) {
    case 'touchpoint-owner':
    case 'shared-ownership-lead': {
      const key = rule === 'touchpoint-owner' ? 'owner' : 'lead';
      assert.deepEqual(
        list.map((c) => [last(c), c.after]),
        [[key, a]],
        what,
      );
      break;
    }
    case 'unresolved-reference':
    case 'kind-mismatch':
    case 'duplicate-id':
      assert.deepEqual(
        list.map((c) => c.after),
        [a],
        what,
      );
      assert.equal(list[0].before, matched.replace(/^["']|["']$/g, ''), what);
      break;
    case 'asymmetric-link': {
      assert.equal(changes.size, 1, what);
      const field = title.includes('equivalent:') ? 'equivalent' : /the (personas|segments) of/.exec(title)![1];
      const id = field === 'equivalent' ? a.replace('equivalent: ', '') : a;
      for (const c of list) assert.ok(c.path.includes(field), `${what}: changes ${JSON.stringify(c)}`);
      if (field === 'equivalent')
        assert.deepEqual(
          list.map((c) => c.after),
          [id],
          what,
        );
      else {
        const c = list[0];
        const cut = c.path.indexOf(field) + 1;
        const oldList = c.path.length > cut ? null : c.before;
        if (c.path.length > cut) assert.deepEqual([c.before, c.after, list.length], [undefined, id, 1], what);
        else
          assert.deepEqual(
            c.after,
            [...(oldList === null || oldList === undefined ? [] : Array.isArray(oldList) ? oldList : [oldList]), id],
            what,
          );
      }
      break;
    }
    case 'deprecated-term':
    case 'cross-vocabulary-term': {
      assert.equal(list.length, 1, what);
      const words = /^Replace with "(.*)"$/.exec(title)![1];
      const [before, after] = [list[0].before as string, list[0].after as string];
      let p = 0;
      while (p < before.length && before[p] === after[p]) p++;
      let q = 0;
      while (
        q < before.length - p &&
        q < after.length - p &&
        before[before.length - 1 - q] === after[after.length - 1 - q]
      )
        q++;
      // The value is the old one with one phrase replaced by the words (shared letters aside).
      const i = after.indexOf(words, Math.max(0, p - words.length));
      assert.ok(
        i >= 0 && i <= p && i + words.length >= after.length - q,
        `${what}: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`,
      );
      const oldPhrase = before.slice(i, before.length - (after.length - i - words.length));
      assert.equal(
        squash(oldPhrase).toLowerCase(),
        squash(matched).toLowerCase(),
        `${what}: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`,
      );
      break;
    }
    default:
      assert.fail(`${what}: a fix of ${rule} the test does not know`);
  }
}

const RUNS = Number(process.env.CX_EDIT_RUNS ?? 30);
const NEW_IDS = ['renamed', '123', 'true', 'null', '1e3', '0x1f'];

describe('edit layer: every fix and rename over generated YAML styles (property)', function () {
  this.timeout(120_000);
  const seen = { fixes: new Map<string, number>(), refusedFixes: 0, renames: 0, refusedRenames: 0 };

  it('keeps every file parsing, reads back what was meant, and touches nothing outside the node', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.nat(NEW_IDS.length - 1), (seed, idChoice) => {
        const ws = memoryWorkspace(generateCorpus(seed));
        const baseline = all(ws);
        for (const file of [...ws.allFiles()]) {
          for (const d of ws.diagnostics(file.uri)) {
            const matched = file.text.slice(file.lines.offsetAt(d.range.start), file.lines.offsetAt(d.range.end));
            const fixes = quickFixes(ws, file.uri, d.range, [{ ruleId: d.ruleId, range: d.range, message: d.message }]);
            seen.refusedFixes += (d.fixes?.length ?? 0) - fixes.length;
            for (const fix of fixes) {
              const what = `seed ${seed} ${file.relativePath}:${d.range.start.line + 1} ${d.ruleId} "${fix.title}"`;
              const { changes, undo } = applyAndRead(ws, fix.edits, what);
              try {
                const now = all(ws);
                const key = `${file.uri}\u0000${d.ruleId}\u0000${d.message}`;
                assert.ok(
                  count(now, (x) => x === key) < count(baseline, (x) => x === key),
                  `${what}: the problem is still there`,
                );
                for (const rule of ['yaml-syntax', 'schema'])
                  for (const uri of changes.keys())
                    assert.ok(
                      count(now, ofRule(rule, uri)) <= count(baseline, ofRule(rule, uri)),
                      `${what}: a new ${rule} problem in ${uri}:\n${now.filter(ofRule(rule, uri)).join('\n')}`,
                    );
                checkFixChanges(d.ruleId, fix.title, matched, changes, what);
              } finally {
                undo();
              }
              seen.fixes.set(d.ruleId, (seen.fixes.get(d.ruleId) ?? 0) + 1);
            }
          }
        }
        for (const def of [...ws.index.allDefinitions()]) {
          const file = ws.getFile(def.uri)!;
          const next =
            NEW_IDS[(idChoice + def.id.length) % NEW_IDS.length] === 'renamed'
              ? `${def.id}-renamed`
              : NEW_IDS[(idChoice + def.id.length) % NEW_IDS.length];
          if (ws.index.definitions(def.kind, next).length) continue;
          const what = `seed ${seed} rename ${def.kind} ${def.id} -> ${next}`;
          const r = rename(ws, file, file.lines.offsetAt(def.range.start), next);
          if (!r.ok) {
            assert.match(r.message, /alias|already used|cannot be rewritten/, what);
            seen.refusedRenames++;
            continue;
          }
          if (r.edits.length === 0) continue;
          const { changes, undo } = applyAndRead(ws, r.edits, what);
          try {
            const now = all(ws);
            for (const c of [...changes.values()].flat())
              assert.deepEqual([c.before, c.after], [def.id, next], `${what}: ${JSON.stringify(c)}`);
            for (const rule of ['yaml-syntax', 'schema', 'unresolved-reference'])
              for (const uri of changes.keys())
                assert.ok(
                  count(now, ofRule(rule, uri)) <= count(baseline, ofRule(rule, uri)),
                  `${what}: a new ${rule} problem in ${uri}:\n${now.filter(ofRule(rule, uri)).join('\n')}`,
                );
          } finally {
            undo();
          }
          seen.renames++;
        }
        assert.deepEqual(all(ws).sort(), [...baseline].sort(), `seed ${seed}: every edit was undone`);
      }),
      { seed: 20261111, numRuns: RUNS },
    );
    // The corpus plants a problem of every rule that has a fix; each was fixed at least once.
    assert.deepEqual([...seen.fixes.keys()].sort(), [
      'asymmetric-link',
      'cross-vocabulary-term',
      'deprecated-term',
      'duplicate-id',
      'kind-mismatch',
      'shared-ownership-lead',
      'touchpoint-owner',
      'unresolved-reference',
    ]);
    assert.ok(seen.renames > RUNS * 5, `${seen.renames} renames`);
    if (process.env.CX_ROBUSTNESS_COUNTS)
      console.log(
        `edit layer property: ${JSON.stringify(Object.fromEntries(seen.fixes))} fixes (${seen.refusedFixes} refused), ${seen.renames} renames, ${seen.refusedRenames} refused`,
      );
  });
});

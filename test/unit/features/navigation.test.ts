import * as assert from 'node:assert/strict';
import { definition, prepareRename, references, rename } from '../../../server/src/core/features/navigation';
import type { TextEdit } from '../../../server/src/core';
import { lines, memoryWorkspace, summary, uriOf } from '../../support/workspace';
import { cursorOn, featureTaxonomy } from './fixture';

/** Applies edits to the in-memory files (last edit first, per file). */
function apply(files: Record<string, string>, edits: TextEdit[]): Record<string, string> {
  const out = { ...files };
  const ws = memoryWorkspace(files);
  const byUri = new Map<string, TextEdit[]>();
  for (const e of edits) byUri.set(e.uri, [...(byUri.get(e.uri) ?? []), e]);
  for (const [uri, list] of byUri) {
    const path = uri.replace('mem:///', '');
    const file = ws.getFile(uri)!;
    let text = file.text;
    const sorted = [...list].sort((a, b) => file.lines.offsetAt(b.range.start) - file.lines.offsetAt(a.range.start));
    for (const e of sorted)
      text =
        text.slice(0, file.lines.offsetAt(e.range.start)) + e.newText + text.slice(file.lines.offsetAt(e.range.end));
    out[path] = text;
  }
  return out;
}

describe('features: go to definition and find references', () => {
  it('goes from a reference to the definition in another file', () => {
    const { ws, uri, offset } = cursorOn('j.journey.yaml', 'busy-parent', 3);
    assert.deepEqual(definition(ws, ws.getFile(uri)!, offset), [
      { uri: uriOf('p.persona.yaml'), range: { start: { line: 1, character: 4 }, end: { line: 1, character: 15 } } },
    ]);
  });

  it('goes from a glossary term in a doc to the term', () => {
    const { ws, uri, offset } = cursorOn('docs/guide.md', 'customer journey', 3);
    const [loc] = definition(ws, ws.getFile(uri)!, offset);
    assert.equal(loc.uri, uriOf('cx.glossary.yaml'));
    assert.equal(loc.range.start.line, 11);
  });

  it('finds every reference of a team across files, with the declaration when asked', () => {
    const { ws, uri, offset } = cursorOn('org.teams.yaml', 'cx-ops', 2);
    const refs = references(ws, ws.getFile(uri)!, offset, false);
    const files = [...new Set(refs.map((r) => r.uri.replace('mem:///', '')))].sort();
    assert.deepEqual(files, ['cx.glossary.yaml', 'j.journey.yaml', 'k.kpi.yaml', 'p.persona.yaml']);
    const withDecl = references(ws, ws.getFile(uri)!, offset, true);
    assert.equal(withDecl.length, refs.length + 1);
  });

  it('finds the prose mentions of a glossary term too: free text, Markdown, aliases and labels to avoid', () => {
    const files = featureTaxonomy();
    files['p.persona.yaml'] += 'description: Drawn from one buyer avatar and two customer personas.\n';
    files['docs/guide.md'] = lines(
      '# Guide',
      '',
      'Every persona has a customer journey.',
      '',
      '```',
      'persona in code',
      '```',
    );
    /** `path:line:character` of `word` in a file, `skip` characters into the needle. */
    const at = (path: string, needle: string, skip = 0) => {
      const before = files[path].slice(0, files[path].indexOf(needle) + skip).split('\n');
      return `${path}:${before.length - 1}:${before[before.length - 1].length}`;
    };
    const expected = [
      at('cx.glossary.yaml', 'persona'),
      at('docs/guide.md', 'persona'),
      at('mkt.glossary.yaml', 'persona'),
      at('p.persona.yaml', 'buyer avatar'),
      at('p.persona.yaml', 'customer personas'),
    ];
    const show = (locs: { uri: string; range: { start: { line: number; character: number } } }[]) =>
      locs.map((l) => `${l.uri.replace('mem:///', '')}:${l.range.start.line}:${l.range.start.character}`);
    // From the definition, and from a mention in a doc: the same places.
    const onId = cursorOn('cx.glossary.yaml', 'id: persona', 5, files);
    const fromId = show(references(onId.ws, onId.ws.getFile(onId.uri)!, onId.offset, true));
    assert.deepEqual(fromId.sort(), expected.sort());
    const inDoc = cursorOn('docs/guide.md', 'persona', 2, files);
    assert.deepEqual(
      show(references(inDoc.ws, inDoc.ws.getFile(inDoc.uri)!, inDoc.offset, true)).sort(),
      fromId.sort(),
    );
  });

  it('keeps prose mentions right as files change: a new mention, a removed doc, a glossary label added', () => {
    const files = featureTaxonomy();
    const ws = memoryWorkspace(files);
    const refsOfPersona = () =>
      references(
        ws,
        ws.getFile(uriOf('cx.glossary.yaml'))!,
        files['cx.glossary.yaml'].indexOf('id: persona') + 5,
        false,
      ).map((l) => l.uri.replace('mem:///', ''));
    assert.deepEqual(refsOfPersona(), ['docs/guide.md', 'mkt.glossary.yaml']);
    ws.setFile(uriOf('docs/more.md'), 'docs/more.md', 'A persona per segment.\n');
    ws.flush();
    assert.deepEqual(refsOfPersona(), ['docs/guide.md', 'docs/more.md', 'mkt.glossary.yaml']);
    ws.removeFile(uriOf('docs/guide.md'));
    ws.flush();
    assert.deepEqual(refsOfPersona(), ['docs/more.md', 'mkt.glossary.yaml']);
    // A new alias makes existing words mentions, once the glossary change is checked.
    ws.setFile(uriOf('docs/x.md'), 'docs/x.md', 'Our archetype of a parent.\n');
    ws.flush();
    const glossary = files['cx.glossary.yaml'].replace(
      'aliases: [customer persona]',
      'aliases: [customer persona, archetype]',
    );
    ws.setFile(uriOf('cx.glossary.yaml'), 'cx.glossary.yaml', glossary);
    ws.flush();
    assert.deepEqual(refsOfPersona(), ['docs/more.md', 'docs/x.md', 'mkt.glossary.yaml']);
    // Edited and not checked yet: the mention is found again in the new text, at its new place.
    ws.setFile(uriOf('docs/more.md'), 'docs/more.md', '# More\n\nA persona per segment.\n');
    const more = references(
      ws,
      ws.getFile(uriOf('cx.glossary.yaml'))!,
      glossary.indexOf('id: persona') + 5,
      false,
    ).find((l) => l.uri === uriOf('docs/more.md'));
    assert.deepEqual(more?.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 9 } });
  });
});

describe('features: rename', () => {
  it('prepares on an id, inside the quotes of a quoted scalar', () => {
    const files = featureTaxonomy();
    files['p.persona.yaml'] = files['p.persona.yaml'].replace('id: busy-parent', 'id: "busy-parent"');
    const { ws, uri, offset } = cursorOn('p.persona.yaml', 'busy-parent', 2, files);
    const r = prepareRename(ws, ws.getFile(uri)!, offset);
    assert.deepEqual(r, {
      ok: true,
      placeholder: 'busy-parent',
      range: { start: { line: 1, character: 5 }, end: { line: 1, character: 16 } },
    });
  });

  it('refuses off an id', () => {
    const { ws, uri, offset } = cursorOn('p.persona.yaml', 'Busy Parent', 2);
    const r = prepareRename(ws, ws.getFile(uri)!, offset);
    assert.equal(r.ok, false);
  });

  it('renames a persona everywhere, keeping quotes and comments, and the result is clean', () => {
    const files = featureTaxonomy();
    files['j.journey.yaml'] = files['j.journey.yaml'].replace(
      'persona: busy-parent',
      "persona: 'busy-parent' # the main persona",
    );
    const { ws, uri, offset } = cursorOn('s.segment.yaml', 'busy-parent', 2, files);
    const r = rename(ws, ws.getFile(uri)!, offset, 'harried-parent');
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.equal(r.edits.length, 3);
    const after = apply(files, r.edits);
    assert.match(after['j.journey.yaml'], /persona: 'harried-parent' # the main persona/);
    assert.match(after['p.persona.yaml'], /^id: harried-parent$/m);
    assert.match(after['s.segment.yaml'], /personas: \[harried-parent\]/);
    assert.deepEqual(summary(memoryWorkspace(after)), []);
  });

  it('renames a team used as owner, lead and in owner lists', () => {
    const files = featureTaxonomy();
    files['k.kpi.yaml'] = files['k.kpi.yaml'].replace('owner: cx-ops', 'owner: [cx-ops, sales-team]\nlead: cx-ops');
    const { ws, uri, offset } = cursorOn('org.teams.yaml', 'cx-ops', 1, files);
    const r = rename(ws, ws.getFile(uri)!, offset, 'cx-operations');
    assert.ok(r.ok);
    const after = apply(files, r.ok ? r.edits : []);
    assert.match(after['k.kpi.yaml'], /owner: \[cx-operations, sales-team\]\nlead: cx-operations/);
    assert.deepEqual(summary(memoryWorkspace(after)), []);
  });

  it('refuses an id that is not kebab-case, with the form it should have', () => {
    const { ws, uri, offset } = cursorOn('p.persona.yaml', 'busy-parent', 1);
    const r = rename(ws, ws.getFile(uri)!, offset, 'Busy Parent');
    assert.deepEqual(r, {
      ok: false,
      message:
        '"Busy Parent" is not a valid id: use lowercase letters and digits in words joined by hyphens, like "busy-parent".',
    });
  });

  it('refuses an id another entity of the same kind has', () => {
    const { ws, uri, offset } = cursorOn('org.teams.yaml', 'cx-ops', 1);
    const r = rename(ws, ws.getFile(uri)!, offset, 'sales-team');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.message : '', /The team id "sales-team" is already used \(org\.teams\.yaml:9\)/);
  });

  it('renames a stage within its journey only', () => {
    const files = featureTaxonomy();
    files['j.journey.yaml'] += '  - id: settle\n    name: Settle\n';
    const { ws, uri, offset } = cursorOn('j.journey.yaml', 'welcome\n', 1, files);
    assert.equal(rename(ws, ws.getFile(uri)!, offset, 'settle').ok, false);
    const r = rename(ws, ws.getFile(uri)!, offset, 'hello');
    assert.ok(r.ok && r.edits.length === 1);
  });

  it('with a duplicate id, renames only the definition under the cursor', () => {
    const files = {
      ...featureTaxonomy(),
      'p2.persona.yaml': lines('kind: persona', 'id: busy-parent', 'name: Other', 'owner: cx-ops'),
    };
    const { ws, uri, offset } = cursorOn('p2.persona.yaml', 'busy-parent', 1, files);
    const r = rename(ws, ws.getFile(uri)!, offset, 'other-parent');
    assert.ok(r.ok);
    if (r.ok)
      assert.deepEqual(
        r.edits.map((e) => e.uri),
        [uriOf('p2.persona.yaml')],
      );
  });
});

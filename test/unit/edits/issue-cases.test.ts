/**
 * The quick fixes and renames that wrote broken YAML or the wrong thing (issue 11, case 5), each
 * applied as an editor would: the file must parse, read as meant, and lose its problem.
 */
import * as assert from 'node:assert/strict';
import { replacementFor } from '../../../server/src/core';
import { prepareRename, rename } from '../../../server/src/core/features';
import { baseTaxonomy, diagnosticsOf, lines, memoryWorkspace, summary, uriOf } from '../../support/workspace';
import { applyToWorkspace, offered, readYaml } from './support';

type Doc = Record<string, unknown>;

const journey = (...touchpoints: string[]) =>
  lines(
    'kind: journey',
    'id: j',
    'name: J',
    'persona: busy-parent',
    'owner: cx-ops',
    'stages:',
    '  - id: s',
    '    name: S',
    '    lifecycleStage: onboarding',
    '    touchpoints:',
    ...touchpoints,
  );

function touchpointOf(text: string): Doc {
  const [doc] = readYaml(text) as Doc[];
  return ((doc.stages as Doc[])[0].touchpoints as Doc[])[0];
}

/** Applies the first fix offered for the only diagnostic of a rule, and returns the new texts. */
function fixOnly(files: Record<string, string>, path: string, ruleId: string) {
  const ws = memoryWorkspace({ ...baseTaxonomy(), ...files });
  const found = offered(ws, path, ruleId);
  assert.equal(found.length, 1, `${ruleId}: ${summary(ws).join('\n')}`);
  assert.ok(found[0].fixes.length > 0, `${ruleId}: no fix offered`);
  const after = applyToWorkspace(ws, found[0].fixes[0].edits);
  assert.deepEqual(summary(ws, ruleId), [], `${ruleId} is still reported`);
  assert.deepEqual(summary(ws, 'yaml-syntax'), []);
  return { ws, after };
}

describe('edit layer: the fixes of issue 11 that broke files', () => {
  it('touchpoint-owner adds the owner inside a multi-line flow mapping, with a comma', () => {
    for (const tp of [
      ['      - { id: t,', '          name: T }'],
      ['      - {', '          id: t,', '          name: T', '        }'],
    ]) {
      const { after } = fixOnly({ 'j.journey.yaml': journey(...tp) }, 'j.journey.yaml', 'touchpoint-owner');
      assert.deepEqual(touchpointOf(after['j.journey.yaml']), { id: 't', name: 'T', owner: 'cx-ops' }, tp.join('\n'));
    }
  });

  it('touchpoint-owner adds the owner after a folded name, not inside it', () => {
    const { after } = fixOnly(
      {
        'j.journey.yaml': journey('      - name: >-', '          Welcome', '          email', '        channel: email'),
      },
      'j.journey.yaml',
      'touchpoint-owner',
    );
    assert.deepEqual(touchpointOf(after['j.journey.yaml']), {
      name: 'Welcome email',
      owner: 'cx-ops',
      channel: 'email',
    });
  });

  it('shared-ownership-lead adds the lead inside a multi-line flow mapping, with a comma', () => {
    const tp = [
      '      - {',
      '          id: t,',
      '          owner: [cx-ops, brand-marketing],',
      '          name: T',
      '        }',
    ];
    const { after } = fixOnly({ 'j.journey.yaml': journey(...tp) }, 'j.journey.yaml', 'shared-ownership-lead');
    assert.deepEqual(touchpointOf(after['j.journey.yaml']), {
      id: 't',
      owner: ['cx-ops', 'brand-marketing'],
      lead: 'cx-ops',
      name: 'T',
    });
  });

  describe("asymmetric-link's back-reference", () => {
    const persona = lines(
      'kind: persona',
      'id: busy-parent',
      'name: Busy Parent',
      'owner: cx-ops',
      'segments: [families, savers]',
    );
    const cases: [string, string[], RegExp][] = [
      ['a trailing comma', ['personas: [someone, ]'], /\npersonas: \[someone, busy-parent\]\n/],
      ['an empty value with a comment', ['personas: # to do'], /\npersonas: \[busy-parent\] # to do\n/],
      [
        'a comment inside a multi-line flow list',
        ['personas: [', '    someone, # the first', '    other # the last', '  ]'],
        /other, busy-parent # the last\n/,
      ],
      [
        'a folded last item',
        ['personas:', '  - >-', '    someone', 'lifecycleStage: acquisition'],
        /\n {2}- >-\n {4}someone\n {2}- busy-parent\nlifecycleStage/,
      ],
    ];
    for (const [what, personas, expected] of cases) {
      it(`adds the persona to ${what}`, () => {
        const segment = lines('kind: segment', 'id: savers', 'name: Savers', 'owner: brand-marketing', ...personas);
        const { after } = fixOnly(
          { 'p.persona.yaml': persona, 'savers.segment.yaml': segment },
          'p.persona.yaml',
          'asymmetric-link',
        );
        assert.match(after['savers.segment.yaml'], expected);
        const [doc] = readYaml(after['savers.segment.yaml']) as Doc[];
        assert.ok((doc.personas as string[]).includes('busy-parent'));
      });
    }
  });

  describe('deprecated-term writes the preferred label so that the text reads as meant', () => {
    const glossary = lines(
      'kind: glossary',
      'vocabulary: cx',
      'owner: cx-ops',
      'terms:',
      '  - id: top-customers',
      '    term: "Customers #1"',
      '    avoid: [best buyers]',
      '  - id: beta-cohort',
      '    term: "[Beta] cohort"',
      '    avoid: [trial group]',
      '  - id: key-accounts',
      '    term: "Segment: key accounts"',
      '    avoid: [big clients]',
      '  - id: club',
      `    term: 'Buyers'' "club"'`,
      '    avoid: [loyal folks]',
    );
    const cases: [string[], string, string][] = [
      [['description: Our best buyers come first.'], 'best buyers', 'Customers #1'],
      [['description: Trial group members get it early.'], 'Trial group', '[Beta] cohort'],
      [['description: Big clients, handled by the key team.'], 'Big clients', 'Segment: key accounts'],
      // A plain scalar over two lines, the phrase on the line break.
      [['description: Our best', '  buyers and more'], 'best buyers', 'Customers #1'],
    ];
    for (const [written, phrase, preferred] of cases) {
      it(`in ${written.join(' / ')}`, () => {
        const persona = lines(
          'kind: persona',
          'id: busy-parent',
          'name: Busy Parent',
          'owner: cx-ops',
          'segments: [families]',
          ...written,
        );
        const before = (readYaml(persona)[0] as Doc).description as string;
        const { after } = fixOnly(
          { 'g.glossary.yaml': glossary, 'p.persona.yaml': persona },
          'p.persona.yaml',
          'deprecated-term',
        );
        const [doc] = readYaml(after['p.persona.yaml']) as Doc[];
        assert.equal(
          doc.description,
          before.replace(phrase, replacementFor(phrase, preferred)),
          after['p.persona.yaml'],
        );
        assert.equal(doc.name, 'Busy Parent');
      });
    }
  });

  describe('a value reached through an alias', () => {
    const aliased = journey('      - id: t', '        name: T', '        owner: *both', '        lead: cx-ops').replace(
      '    lifecycleStage: onboarding\n',
      '    lifecycleStage: onboarding\n    owner: &both [cx-ops, brand-marketnig]\n    lead: cx-ops\n',
    );

    it('"Change to" is offered where the anchor is written, never at the top of the file', () => {
      const ws = memoryWorkspace({ ...baseTaxonomy(), 'j.journey.yaml': aliased });
      const found = offered(ws, 'j.journey.yaml', 'unresolved-reference');
      assert.ok(found.length >= 1);
      const fixes = found.flatMap((f) => f.fixes);
      assert.ok(fixes.length >= 1, 'the fix at the anchor is offered');
      const text = ws.getFile(uriOf('j.journey.yaml'))!.text;
      const at = text.indexOf('brand-marketnig');
      for (const fix of fixes) {
        for (const e of fix.edits) {
          const file = ws.getFile(e.uri)!;
          assert.equal(file.lines.offsetAt(e.range.start), at, `${fix.title} edits ${JSON.stringify(e)}`);
          assert.equal(file.lines.offsetAt(e.range.end), at + 'brand-marketnig'.length);
        }
      }
      const after = applyToWorkspace(ws, fixes[0].edits);
      const [doc] = readYaml(after['j.journey.yaml']) as Doc[];
      assert.deepEqual(touchpointOf(after['j.journey.yaml']).owner, ['cx-ops', 'brand-marketing']);
      assert.equal(doc.kind, 'journey');
      assert.deepEqual(summary(ws, 'unresolved-reference'), []);
    });

    it('rename edits the anchor, which renames the alias with it', () => {
      const ws = memoryWorkspace({
        ...baseTaxonomy(),
        'j.journey.yaml': aliased.replace('brand-marketnig', 'brand-marketing'),
      });
      const teams = ws.getFile(uriOf('org.teams.yaml'))!;
      const r = rename(ws, teams, teams.text.indexOf('cx-ops') + 1, 'cx-operations');
      assert.ok(r.ok, !r.ok ? r.message : '');
      const journeyFile = ws.getFile(uriOf('j.journey.yaml'))!;
      for (const e of r.edits)
        assert.equal(
          ws
            .getFile(e.uri)!
            .text.slice(
              ws.getFile(e.uri)!.lines.offsetAt(e.range.start),
              ws.getFile(e.uri)!.lines.offsetAt(e.range.end),
            ),
          'cx-ops',
          JSON.stringify(e),
        );
      assert.ok(
        !r.edits.some((e) => e.uri === journeyFile.uri && e.range.start.line === 0 && e.range.start.character === 0),
      );
      const after = applyToWorkspace(ws, r.edits);
      assert.deepEqual(touchpointOf(after['j.journey.yaml']).owner, ['cx-operations', 'brand-marketing']);
      assert.deepEqual(summary(ws, 'unresolved-reference'), []);
      assert.deepEqual(summary(ws, 'schema'), []);
    });

    it('rename refuses, with a message, when the alias does not follow a renamed anchor', () => {
      const text = lines(
        'kind: persona',
        'id: busy-parent',
        'name: Busy Parent',
        'x-team: &t cx-ops',
        'owner: *t',
        'segments: [families]',
      );
      const ws = memoryWorkspace({ ...baseTaxonomy(), 'p.persona.yaml': text });
      const teams = ws.getFile(uriOf('org.teams.yaml'))!;
      const r = rename(ws, teams, teams.text.indexOf('cx-ops') + 1, 'cx-operations');
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.message, /alias/);
    });
  });

  describe('rename to an id YAML would read as something else than a string', () => {
    for (const next of ['123', 'true', 'null', '1e3', '0x1f', '0o7']) {
      it(`writes ${next} quoted everywhere, so the schema still holds`, () => {
        const files = baseTaxonomy();
        files['s.segment.yaml'] = files['s.segment.yaml'].replace(
          'personas: [busy-parent]',
          "personas: ['busy-parent']",
        );
        const ws = memoryWorkspace(files);
        const p = ws.getFile(uriOf('p.persona.yaml'))!;
        const offset = p.text.indexOf('busy-parent') + 1;
        assert.ok(prepareRename(ws, p, offset).ok);
        const r = rename(ws, p, offset, next);
        assert.ok(r.ok, !r.ok ? r.message : '');
        const after = applyToWorkspace(ws, r.edits);
        assert.equal((readYaml(after['p.persona.yaml'])[0] as Doc).id, next);
        assert.deepEqual((readYaml(after['s.segment.yaml'])[0] as Doc).personas, [next]);
        assert.equal((readYaml(after['j.journey.yaml'])[0] as Doc).persona, next);
        assert.deepEqual(
          summary(ws).filter((s) => / (schema|unresolved-reference|yaml-syntax)$/.test(s)),
          [],
        );
        assert.deepEqual(diagnosticsOf(ws, 'p.persona.yaml', 'schema'), []);
      });
    }
  });
});

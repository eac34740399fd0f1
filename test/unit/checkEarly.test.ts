import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  createTaxonomyWorkspace,
  loadFiles,
  parseConfig,
  parseYaml,
  RULE_IDS,
  type FileHost,
  type ParseService,
  type TaxonomyConfig,
  type TaxonomyWorkspace,
  type TextPacker,
} from '../../server/src/core';
import { ALL_RULES } from '../../server/src/core/rules/registry';
import type { RuleContext } from '../../server/src/core/rules/types';
import { zlibTextPacker } from '../../server/src/node/textPacker';
import { mulberry32 } from '../../bench/random';
import { applyHabits, HABITS } from '../../bench/styles';
import { yamlFilesUnder } from '../support/files';

/*
 * The CLI's lint puts journeys in last and checks each as it is put in (`checkEarly`), with every
 * rule but those that read only the index, then lets its model go; those rules run once every file
 * is in. Whatever the journeys say about each other (the same id twice, a replacement defined
 * later, one stage name mapped two ways, disable comments), the findings must be those of a
 * workspace that loads every file in the given order and checks them all at the end.
 */

const ROOT = path.join(__dirname, '../../samples/with-problems');
const CONFIG: TaxonomyConfig = parseConfig(
  readFileSync(path.join(ROOT, 'cx-taxonomy.config.yaml'), 'utf8'),
  RULE_IDS,
).config;
const SAMPLE: Record<string, string> = Object.fromEntries(
  [...yamlFilesUnder(ROOT), ...readdirSync(path.join(ROOT, 'docs')).map((f) => path.join(ROOT, 'docs', f))]
    .filter((f) => !f.endsWith('cx-taxonomy.config.yaml'))
    .map((f) => [path.relative(ROOT, f).split(path.sep).join('/'), readFileSync(f, 'utf8')]),
);

/** The sample in the habits people write (CRLF, BOM, `---`, flow mappings, anchors, wrapped scalars…). */
function styled(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files).map(([p, text], k) =>
      p.endsWith('.yaml')
        ? [
            p,
            applyHabits(
              text,
              [0, 4].map((d) => HABITS[(k + d) % HABITS.length]),
              mulberry32(k),
              { markers: 0 },
            ).text,
          ]
        : [p, text],
    ),
  );
}

/** Counts what reading a let-go file costs: each unpacked text is a model about to be built again. */
function countingPacker(): TextPacker & { unpacked: number } {
  const packer = {
    unpacked: 0,
    pack: (text: string) => zlibTextPacker.pack(text),
    unpack: (packed: string) => {
      packer.unpacked++;
      return zlibTextPacker.unpack(packed);
    },
  };
  return packer;
}

function hostOf(files: Record<string, string>): FileHost {
  return {
    listFiles: () => Object.keys(files),
    readFile: (id) => Promise.resolve(files[id]),
    relativePath: (id) => id,
  };
}

/** Every rule's findings on every file, shown and silenced, as JSON. */
function findings(ws: TaxonomyWorkspace, files: Record<string, string>): string[] {
  return Object.keys(files).map((p) => JSON.stringify([p, ws.diagnostics(p), ws.suppressed(p)]));
}

/** The reference: every file put in, in order, then all checked; no model let go. */
async function checkedAtTheEnd(files: Record<string, string>): Promise<TaxonomyWorkspace> {
  const ws = createTaxonomyWorkspace(CONFIG, { trackDependencies: false });
  await loadFiles(hostOf(files), ws, Object.keys(files));
  ws.flush();
  return ws;
}

/** As the lint loads: journeys last, each checked as it is put in and let go. */
async function checkedEarly(
  files: Record<string, string>,
  packer: TextPacker,
  parse?: ParseService,
): Promise<TaxonomyWorkspace> {
  const ws = createTaxonomyWorkspace(CONFIG, {
    trackDependencies: true,
    keepTermUses: false,
    releaseAbove: 0,
    textPacker: packer,
  });
  await loadFiles(hostOf(files), ws, Object.keys(files), { checkEarly: true, parse });
  ws.flush();
  return ws;
}

const IDS = ['order-fibre', 'switch-mobile', 'get-help'];
const STAGE_NAMES = ['Order', 'Orders', 'Get help', 'Activation'];
const LIFECYCLE = ['conversion', 'onboarding', 'retention', 'migration'];
const STATUSES = ['approved', 'draft', 'deprecated'];
const PERSONAS = ['busy-family-organiser', 'occasional-traveller', 'nobody-we-know'];
const TEAMS = ['consumer-sales', 'brand-marketing', 'no-such-team'];

/** A journey that names others: its id, its replacement, stage names others use, owners, personas. */
const journeyArb = fc
  .record({
    id: fc.constantFrom(...IDS),
    status: fc.constantFrom(...STATUSES),
    replacedBy: fc.option(fc.constantFrom(...IDS), { nil: undefined }),
    persona: fc.constantFrom(...PERSONAS),
    stages: fc.array(
      fc.record({
        name: fc.constantFrom(...STAGE_NAMES),
        lifecycle: fc.constantFrom(...LIFECYCLE),
        owner: fc.constantFrom(...TEAMS),
        silenced: fc.boolean(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map((j) =>
    [
      'kind: journey',
      `id: ${j.id}`,
      `name: Journey ${j.id}`,
      `persona: ${j.persona}`,
      'owner: consumer-sales',
      `status: ${j.status}`,
      ...(j.replacedBy ? [`replacedBy: ${j.replacedBy}`] : []),
      'stages:',
      ...j.stages.flatMap((s, i) => [
        `  - id: stage-${i}`,
        `    name: ${s.name}`,
        ...(s.silenced
          ? ['    # cx-taxonomy-disable-next-line lifecycle-mapping-conflict -- two teams, one word']
          : []),
        `    lifecycleStage: ${s.lifecycle}`,
        `    owner: ${s.owner}`,
        '    touchpoints:',
        `      - id: touch-${i}`,
        `        name: Touchpoint ${i}`,
        '        channel: web',
      ]),
      '',
    ].join('\n'),
  );

describe('checkEarly: journeys checked as they are loaded, as the lint does', () => {
  for (const [name, files] of [
    ['the sample', SAMPLE],
    ['the sample in the habits people write', styled(SAMPLE)],
  ] as const) {
    it(`finds on ${name} what a check at the end finds, and builds no model twice`, async () => {
      const packer = countingPacker();
      const early = await checkedEarly(files, packer);
      assert.deepEqual(findings(early, files), findings(await checkedAtTheEnd(files), files));
      assert.equal(packer.unpacked, 0, 'no journey was read again after its early check');
      assert.deepEqual([...early.pending()], []);
    });
  }

  it('finds what a check at the end finds, whatever later journeys change of earlier ones', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(journeyArb, { minLength: 2, maxLength: 6 }), async (journeys) => {
        // Interleaved with the sample's files, so journeys come before the files they look up.
        const files: Record<string, string> = {};
        const sample = Object.entries(SAMPLE);
        journeys.forEach((text, k) => {
          files[`j${k}/journey-${k}.journey.yaml`] = text;
          for (const [p, t] of sample.splice(0, 8)) files[p] = t;
        });
        for (const [p, t] of sample) files[p] = t;
        const early = await checkedEarly(files, countingPacker());
        assert.deepEqual(findings(early, files), findings(await checkedAtTheEnd(files), files));
      }),
      { numRuns: 60, seed: 16 },
    );
  });

  it('checks a journey again in full only when a later one changes what its model-reading rules looked up', async () => {
    const journey = (id: string, stage: string, lifecycle: string) =>
      [
        'kind: journey',
        `id: ${id}`,
        `name: Journey ${id}`,
        'persona: busy-family-organiser',
        'owner: consumer-sales',
        'stages:',
        '  - id: first',
        `    name: ${stage}`,
        `    lifecycleStage: ${lifecycle}`,
        '    owner: consumer-sales',
        '    touchpoints:',
        '      - id: one',
        '        name: One',
        '        channel: web',
        '',
      ].join('\n');
    // The second maps the stage name another way (a rule that reads only the index: no rebuild);
    // the third has the first one's id (duplicate-id reads the model: the first is checked again).
    for (const [third, rebuilt] of [
      [journey('order-later', 'Get help', 'retention'), 0],
      [journey('order-first', 'Get help', 'retention'), 1],
    ] as const) {
      const files = {
        ...SAMPLE,
        'a/first.journey.yaml': journey('order-first', 'Order', 'conversion'),
        'b/second.journey.yaml': journey('order-second', 'Order', 'onboarding'),
        'c/third.journey.yaml': third,
      };
      const packer = countingPacker();
      const early = await checkedEarly(files, packer);
      assert.deepEqual(findings(early, files), findings(await checkedAtTheEnd(files), files));
      assert.equal(packer.unpacked, rebuilt);
      assert.ok(early.diagnostics('a/first.journey.yaml').some((d) => d.ruleId === 'lifecycle-mapping-conflict'));
    }
  });

  it('is the same with the parse and the packing done elsewhere (the parse workers)', async () => {
    const files = styled(SAMPLE);
    const asked: boolean[] = [];
    const parse: ParseService = (texts, ahead) =>
      Promise.resolve(
        texts.map((t, i) => {
          const pack = ahead?.[i]?.pack === true;
          asked.push(pack);
          return { ...parseYaml(t), ...(pack ? { packedText: zlibTextPacker.pack(t) } : {}) };
        }),
      );
    const packer = countingPacker();
    const early = await checkedEarly(files, { ...packer, pack: () => assert.fail('packed here') }, parse);
    assert.deepEqual(findings(early, files), findings(await checkedAtTheEnd(files), files));
    const journeys = Object.keys(files).filter((p) => p.endsWith('.journey.yaml'));
    assert.equal(asked.filter(Boolean).length, journeys.length, 'the journeys, and only they, packed elsewhere');
    // What was packed elsewhere reads back as the text.
    for (const p of journeys) assert.equal(early.getFile(p)!.text, files[p]);
  });

  it('leaves a file to the check at the end when it may not let its model go', async () => {
    const ws = createTaxonomyWorkspace(CONFIG, { trackDependencies: true, keepTermUses: false });
    const files = { ...SAMPLE };
    await loadFiles(hostOf(files), ws, Object.keys(files), { checkEarly: true });
    const journeys = Object.keys(files).filter((p) => p.endsWith('.journey.yaml'));
    assert.ok(
      journeys.every((p) => ws.pending().has(p)),
      'no releasable file: nothing checked early',
    );
    ws.flush();
    assert.deepEqual(findings(ws, files), findings(await checkedAtTheEnd(files), files));
  });
});

describe('rules that read only the index', () => {
  const readers = ALL_RULES.filter((r) => r.readsOnlyIndex);

  it('are the population rules, and at least one', () => {
    assert.deepEqual(
      readers.map((r) => r.id),
      ['lifecycle-mapping-conflict'],
    );
  });

  it('never read the model or the text of the file they check', async () => {
    const ws = await checkedAtTheEnd(SAMPLE);
    for (const p of Object.keys(SAMPLE).filter((f) => f.endsWith('.journey.yaml'))) {
      const file = ws.getFile(p)!;
      const blind = new Proxy(file, {
        get(target, key, receiver) {
          if (key === 'models' || key === 'yaml' || key === 'readers' || key === 'text' || key === 'lines')
            throw new Error(`read ${String(key)}`);
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      for (const rule of readers) {
        const reports: string[] = [];
        rule.check({
          file: blind,
          config: ws.currentConfig,
          index: ws.index,
          own: ((facet: string) => ws.index.contribution(p)?.facets.get(facet) ?? new Map()) as RuleContext['own'],
          fileAt: (u) => ws.getFile(u),
          knownRules: RULE_IDS,
          report: (r) => reports.push(r.message),
        });
        const shown = [...ws.diagnostics(p), ...ws.suppressed(p)].filter((d) => d.ruleId === rule.id);
        assert.deepEqual(reports.sort(), shown.map((d) => d.message).sort(), `${rule.id} on ${p}`);
      }
    }
  });
});

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  checkParsingAhead,
  createTaxonomyWorkspace,
  defaultConfig,
  RULE_IDS,
  modelsHeld,
  parseYaml,
  primeParse,
  type ParseService,
  type TextPacker,
  type TaxonomyWorkspace,
  type WorkspaceSetup,
} from '../../server/src/core';
import { hover } from '../../server/src/core/features/hover';
import { definition, references } from '../../server/src/core/features/navigation';
import { workspaceSymbols } from '../../server/src/core/features/symbols';
import { journeyMapOf } from '../../server/src/core/journeyMap';
import { buildOwnershipReport } from '../../server/src/core/ownershipReport';
import { buildTaxonomyView } from '../../server/src/core/taxonomyView';
import { yamlFilesUnder } from '../support/files';
import { mulberry32 } from '../../bench/random';
import { applyHabits, detectHabits, HABITS } from '../../bench/styles';
import {
  cliReleaseAbove,
  releaseAboveOf,
  SERVER_RELEASE_ABOVE,
  serverReleaseAbove,
} from '../../server/src/node/releaseModels';
import { zlibTextPacker } from '../../server/src/node/textPacker';

/*
 * Files nobody has open let their parse and models go once checked (journeys: `RELEASABLE_KINDS`)
 * and rebuild them when read. Whatever reads them, the answers must be those of a workspace that
 * kept every model.
 */

const ROOT = path.join(__dirname, '../../samples/with-problems');
const SAMPLE: Record<string, string> = Object.fromEntries(
  [...yamlFilesUnder(ROOT), ...readdirSync(path.join(ROOT, 'docs')).map((f) => path.join(ROOT, 'docs', f))]
    .filter((f) => !f.endsWith('cx-taxonomy.config.yaml'))
    .map((f) => [path.relative(ROOT, f).split(path.sep).join('/'), readFileSync(f, 'utf8')]),
);
const JOURNEY = Object.keys(SAMPLE).find((p) => p.endsWith('.journey.yaml'))!;

/**
 * The sample written in the habits people have (CRLF, a BOM, `---`, flow mappings, anchors, quoted
 * keys, `key: # note`, wrapped scalars): three habits per YAML file, every habit somewhere. A
 * rebuilt model is a second parse of the same text, so every syntax the parse reads must come back
 * the same.
 */
const STYLED: Record<string, string> = Object.fromEntries(
  Object.entries(SAMPLE).map(([p, text], k) =>
    p.endsWith('.yaml')
      ? [
          p,
          applyHabits(
            text,
            [0, 3, 6].map((d) => HABITS[(k + d) % HABITS.length]),
            mulberry32(k),
            { markers: 0 },
          ).text,
        ]
      : [p, text],
  ),
);

function loadFiles(setup: WorkspaceSetup, files: Record<string, string>): TaxonomyWorkspace {
  const ws = createTaxonomyWorkspace(undefined, setup);
  for (const [p, t] of Object.entries(files)) ws.setFile(p, p, t);
  ws.flush();
  return ws;
}

/** Every file's diagnostics, as JSON (ranges and related locations included). */
function diagnostics(ws: TaxonomyWorkspace): string {
  return JSON.stringify(Object.keys(SAMPLE).map((p) => [p, ws.diagnostics(p)]));
}

/** The size of a taxonomy's text. */
function sizeOf(files: Record<string, string>): number {
  return Object.values(files).reduce((n, t) => n + t.length, 0);
}

/** The journeys whose models are held now. */
function journeys(ws: TaxonomyWorkspace): string[] {
  return heldFiles(ws).filter((p) => p.endsWith('.journey.yaml'));
}

/** The files whose models are held now, without reading them (reading would rebuild them). */
function heldFiles(ws: TaxonomyWorkspace): string[] {
  return [...ws.allFiles()]
    .filter((f) => modelsHeld(f))
    .map((f) => f.uri)
    .sort();
}

/** Hover and definition at every 7th offset of every file, references at some, journey maps and the reports. */
function askEverything(ws: TaxonomyWorkspace): string {
  const answers: unknown[] = [];
  for (const p of Object.keys(SAMPLE)) {
    const file = ws.getFile(p)!;
    // Every 7th offset of every file: ids, references, owners, terms in prose.
    for (let offset = 0; offset < file.text.length; offset += 7) {
      answers.push(hover(ws, ws.getFile(p)!, offset), definition(ws, ws.getFile(p)!, offset));
      if (offset % 91 === 0) answers.push(references(ws, ws.getFile(p)!, offset, true));
    }
    if (p.endsWith('.journey.yaml')) answers.push(journeyMapOf(ws, p));
  }
  answers.push(buildOwnershipReport(ws), buildTaxonomyView(ws));
  return JSON.stringify(answers);
}

describe('closed files let their models go once checked', () => {
  it('restyles the sample with every habit', () => {
    const shown = new Set(Object.values(STYLED).flatMap((t) => [...detectHabits(t)]));
    assert.deepEqual(
      HABITS.filter((h) => !shown.has(h)),
      [],
    );
  });

  for (const [corpus, files] of [
    ['the sample', SAMPLE],
    ['the sample in the habits people write', STYLED],
  ] as const)
    describe(`on ${corpus}`, () => {
      const load = (setup: WorkspaceSetup) => loadFiles(setup, files);
      it('lets the journeys go after the check, keeps the other kinds and the open files', () => {
        assert.ok(JOURNEY, 'the sample has a journey');
        const kept = load({});
        assert.deepEqual(heldFiles(kept), Object.keys(SAMPLE).sort(), 'without the option every model is kept');
        const released = load({ releaseAbove: 0 });
        const all = Object.keys(SAMPLE).filter((p) => p.endsWith('.journey.yaml'));
        assert.ok(all.length >= 2);
        assert.deepEqual(
          heldFiles(released),
          Object.keys(SAMPLE)
            .filter((p) => !all.includes(p))
            .sort(),
        );
        const open = load({ releaseAbove: 0, isOpen: (uri) => uri === JOURNEY });
        // A taxonomy under the size above which models are let go keeps them all.
        const small = load({ releaseAbove: sizeOf(files) });
        assert.deepEqual(heldFiles(small), Object.keys(SAMPLE).sort());
        assert.ok(heldFiles(open).includes(JOURNEY), 'an open journey keeps its model');
        assert.equal(diagnostics(released), diagnostics(kept));
        assert.equal(diagnostics(open), diagnostics(kept));
      });

      it("keeps the views' parts before letting go: the ownership report and the Taxonomy view read no journey again", () => {
        const kept = load({});
        const released = load({ releaseAbove: 0, keepViewParts: true });
        const uncounted = load({ releaseAbove: 0 });
        /** The journeys a request rebuilt: those held when it lets them go again at its end. */
        const rebuiltBy = (ws: TaxonomyWorkspace, request: () => unknown): string[] => {
          const rebuilt: string[] = [];
          const letGoAgain = ws.releaseRebuilt.bind(ws);
          ws.releaseRebuilt = () => {
            rebuilt.push(...journeys(ws));
            letGoAgain();
          };
          request();
          ws.releaseRebuilt = letGoAgain;
          return rebuilt;
        };
        const all = Object.keys(SAMPLE).filter((p) => p.endsWith('.journey.yaml'));
        assert.deepEqual(journeys(released), []);
        assert.deepEqual(rebuiltBy(uncounted, () => buildOwnershipReport(uncounted)).sort(), all.sort());
        assert.deepEqual(
          rebuiltBy(released, () => buildOwnershipReport(released)),
          [],
        );
        for (const ws of [released, uncounted])
          assert.equal(JSON.stringify(buildOwnershipReport(ws)), JSON.stringify(buildOwnershipReport(kept)));
        // The view reads items from a file only while a list it adds to is short (the sample's
        // journeys are few, so some), but never for its counts.
        for (const limit of [1, 50]) {
          const view = (ws: TaxonomyWorkspace) => JSON.stringify(buildTaxonomyView(ws, undefined, limit));
          assert.equal(view(released), view(kept));
        }
        assert.deepEqual(journeys(released), []);
      });

      it('answers every request as a workspace that kept its models, and lets rebuilt models go again', () => {
        const kept = load({});
        const released = load({ releaseAbove: 0 });
        // The index reads definitions without their entities; entities read through it are rebuilt.
        const defs = (ws: TaxonomyWorkspace) => JSON.stringify([...ws.index.allDefinitions()]);
        assert.deepEqual(journeys(released), []);
        assert.equal(defs(released), defs(kept));
        assert.ok(journeys(released).length >= 2, 'reading the entities rebuilt the journeys');
        for (const query of ['', 'onb', 'sms', 'Order']) {
          assert.deepEqual(workspaceSymbols(released, query), workspaceSymbols(kept, query), `symbols for "${query}"`);
        }
        // Reading the definitions' entities (above) rebuilt the journeys; a flush lets them go again.
        released.flush();
        assert.deepEqual(journeys(released), []);

        assert.equal(askEverything(released), askEverything(kept));
        // The reports let the journeys they rebuilt go again.
        assert.deepEqual(journeys(released), []);
      });

      it('keeps the text of each journey it lets go packed, and reads back the very text', () => {
        const packs: string[] = [];
        const packer: TextPacker = {
          pack: (t) => {
            packs.push(t);
            return zlibTextPacker.pack(t);
          },
          unpack: (p) => zlibTextPacker.unpack(p),
        };
        const kept = load({});
        const packed = load({ releaseAbove: 0, textPacker: packer });
        const all = Object.keys(files).filter((p) => p.endsWith('.journey.yaml'));
        assert.deepEqual(packs.sort(), all.map((p) => files[p]).sort(), 'each released journey, packed once');
        assert.deepEqual(journeys(packed), []);
        // Ranges are worked out without the text; the text and each line read back as written.
        for (const p of Object.keys(files)) {
          const file = packed.getFile(p)!;
          assert.equal(file.text, files[p], p);
          assert.equal(file.lines.text, files[p], p);
          const lines = files[p].split(/\r\n|\r|\n/);
          assert.deepEqual(
            lines.map((_, i) => file.lines.lineText(i)),
            lines,
            p,
          );
        }
        assert.equal(diagnostics(packed), diagnostics(kept));
        assert.equal(askEverything(packed), askEverything(kept));
        // Rebuilt to answer, let go again at the flush: the text is not packed a second time.
        packed.flush();
        assert.deepEqual(journeys(packed), []);
        assert.equal(packs.length, all.length);
        // Changed on disk: the new text is read, and packed when let go.
        const changed = `${files[all[0]]}# changed: 日本, \u{1F600}, ü\n`;
        packed.setFile(all[0], all[0], changed);
        packed.flush();
        assert.equal(packed.getFile(all[0])!.text, changed);
        assert.equal(packs.length, all.length + 1);
        assert.equal(diagnostics(packed), diagnostics(loadFiles({}, { ...files, [all[0]]: changed })));
      });
    });

  const load = (setup: WorkspaceSetup, files: Record<string, string> = SAMPLE) => loadFiles(setup, files);

  it('re-checks a released journey after another file changes, as a fresh check would', () => {
    const released = load({ releaseAbove: 0 });
    const persona = Object.keys(SAMPLE).find((p) => p.endsWith('.persona.yaml'))!;
    // Removing a persona makes the journeys that name it refer to nothing; putting it back mends them.
    const without = { ...SAMPLE };
    delete without[persona];
    released.removeFile(persona);
    released.flush();
    const fresh = load({}, without);
    const of = (ws: TaxonomyWorkspace) => JSON.stringify(Object.keys(without).map((p) => [p, ws.diagnostics(p)]));
    assert.equal(of(released), of(fresh));
    assert.notEqual(of(released), of(load({})), 'removing the persona changes some diagnostics');
    released.setFile(persona, persona, SAMPLE[persona]);
    released.flush();
    assert.equal(diagnostics(released), diagnostics(load({})));
    assert.deepEqual(journeys(released), []);
  });

  it("checking a file reads the status and sunset of the ids it names without building their files' models", () => {
    // Journeys name other journeys in `replacedBy`. Each rule that looks at every id named asks
    // whether it is a draft, deprecated or near its sunset: with nothing to report, it must tell
    // from the index, not by building the named journey's model (which a whole flush lets go
    // again, but a check of one file would keep).
    const journey = (id: string, more = '') =>
      `kind: journey\nid: ${id}\nname: ${id}\nstatus: approved\n${more}stages: []\n`;
    const tidy: Record<string, string> = {
      'a.journey.yaml': journey('a', 'replacedBy: b\n'),
      'b.journey.yaml': journey('b'),
    };
    // The same as people write it: CRLF, a `---` header, quoted keys, a flow mapping.
    const styled: Record<string, string> = {
      'a.journey.yaml':
        '---\r\n"kind": journey\r\n"id": a\r\n"name": a\r\nstatus: approved\r\nreplacedBy: b # next\r\nstages: []\r\n',
      'b.journey.yaml': '{ kind: journey, id: b, name: b, status: approved, stages: [] }\r\n',
    };
    for (const files of [tidy, styled])
      for (const rule of ['status-gating', 'deprecated-reference', 'sunset-passed', 'sunset-approaching']) {
        const config = defaultConfig();
        config.rules = Object.fromEntries([...RULE_IDS].map((id) => [id, id === rule ? 'warning' : 'off']));
        const ws = createTaxonomyWorkspace(config, { releaseAbove: 0 });
        for (const [p, t] of Object.entries(files)) ws.setFile(p, p, t);
        ws.flush();
        assert.deepEqual(journeys(ws), [], rule);
        ws.setFile('a.journey.yaml', 'a.journey.yaml', `${files['a.journey.yaml']}# edited\n`);
        assert.ok(ws.flushFile('a.journey.yaml'));
        assert.deepEqual(ws.diagnostics('a.journey.yaml'), [], rule);
        assert.deepEqual(journeys(ws), [], `${rule}: checking a built no other journey's model`);
      }
  });

  it('a released journey changed on disk updates its dependants from the text it had before', () => {
    const released = load({ releaseAbove: 0 });
    const text = SAMPLE[JOURNEY];
    const journeyId = /^id:\s*(\S+)/m.exec(text)?.[1];
    assert.ok(journeyId, 'the journey has an id');
    const renamed = text.replace(/^id:\s*\S+/m, 'id: renamed-journey');
    released.setFile(JOURNEY, JOURNEY, renamed);
    released.flush();
    const next = { ...SAMPLE, [JOURNEY]: renamed };
    const of = (ws: TaxonomyWorkspace) => JSON.stringify(Object.keys(next).map((p) => [p, ws.diagnostics(p)]));
    assert.equal(of(released), of(load({}, next)));
  });
});

describe('files let their models go as soon as indexed (the CLI: releaseIndexed)', () => {
  /** The files put in, not checked yet. */
  function indexed(setup: WorkspaceSetup, files: Record<string, string>): TaxonomyWorkspace {
    const ws = createTaxonomyWorkspace(undefined, setup);
    for (const [p, t] of Object.entries(files)) ws.setFile(p, p, t);
    return ws;
  }
  const yamlFiles = (files: Record<string, string>) => Object.keys(files).filter((p) => p.endsWith('.yaml'));

  /** A parse service as the parse workers are one: `parseYaml` of each text, recording what it was asked. */
  function recordingService(asked: string[][]): ParseService {
    return (texts) => {
      asked.push([...texts]);
      return Promise.resolve(texts.map((t) => parseYaml(t)));
    };
  }

  for (const [corpus, files] of [
    ['the sample', SAMPLE],
    ['the sample in the habits people write', STYLED],
  ] as const)
    describe(`on ${corpus}`, () => {
      const journeysOf = Object.keys(files).filter((p) => p.endsWith('.journey.yaml'));

      it('holds no journey model from the moment it is indexed, and checks as a workspace that kept them', () => {
        const ws = indexed({ releaseAbove: 0, releaseIndexed: true }, files);
        assert.deepEqual(journeys(ws), [], 'no journey holds its model before any check');
        assert.deepEqual(
          heldFiles(ws),
          Object.keys(files)
            .filter((p) => !journeysOf.includes(p))
            .sort(),
        );
        // Without the option, models are held until the check.
        assert.deepEqual(journeys(indexed({ releaseAbove: 0 }, files)), [...journeysOf].sort());
        ws.flush();
        assert.deepEqual(journeys(ws), []);
        assert.equal(diagnostics(ws), diagnostics(loadFiles({}, files)));
      });

      it('lets go the files put in before the text grew past the size, once it does', () => {
        const size = sizeOf(files);
        // Half the text: the first journeys are put in below the size, the others above it.
        const ws = indexed({ releaseAbove: Math.floor(size / 2), releaseIndexed: true }, files);
        assert.deepEqual(journeys(ws), []);
        const under = indexed({ releaseAbove: size, releaseIndexed: true }, files);
        assert.deepEqual(journeys(under), [...journeysOf].sort(), 'a taxonomy under the size keeps every model');
      });

      it('checks with parses done ahead: the same diagnostics, and only the released files are parsed there', async () => {
        const kept = loadFiles({}, files);
        const asked: string[][] = [];
        const ws = indexed({ releaseAbove: 0, releaseIndexed: true }, files);
        const order = [...ws.pending()].filter((p) => journeysOf.includes(p));
        await checkParsingAhead(ws, recordingService(asked));
        assert.equal(ws.pending().size, 0, 'every file was checked');
        assert.equal(diagnostics(ws), diagnostics(kept));
        assert.deepEqual(
          asked.flat(),
          order.map((p) => files[p]),
          'the texts of the released journeys, in the order they are checked',
        );
        assert.deepEqual(journeys(ws), [], 'the rebuilt models are let go again');

        // A service that fails leaves every parse to the check, with the same results.
        const failing = indexed({ releaseAbove: 0, releaseIndexed: true }, files);
        await checkParsingAhead(failing, () => Promise.reject(new Error('worker gone')));
        assert.equal(diagnostics(failing), diagnostics(kept));
        // A service that declines some texts (undefined) leaves those to the check.
        const declining = indexed({ releaseAbove: 0, releaseIndexed: true }, files);
        await checkParsingAhead(declining, (texts) =>
          Promise.resolve(texts.map((t, i) => (i % 2 ? undefined : parseYaml(t)))),
        );
        assert.equal(diagnostics(declining), diagnostics(kept));
      });
    });

  it('asks for the parses in batches, ahead of the checks', async () => {
    // Enough journeys for several batches: copies of the sample's journeys under new paths and ids.
    // From the restyled sample: the parses handed over must read every habit as the check would.
    const many: Record<string, string> = { ...STYLED };
    const journeyPaths = yamlFiles(STYLED).filter((p) => p.endsWith('.journey.yaml'));
    for (let i = 0; i < 540; i++) {
      const from = journeyPaths[i % journeyPaths.length];
      // The journey's own id, first at the top level, however its key is quoted.
      const copy = STYLED[from].replace(/^(["']?id["']?:[ \t]*)([^\s#]+)/m, `$1$2-copy-${i}`);
      assert.notEqual(copy, STYLED[from], `${from} has a top-level id`);
      many[`journeys/copy-${i}.journey.yaml`] = copy;
    }
    const asked: string[][] = [];
    const checkedWhenAsked: number[] = [];
    const ws = indexed({ releaseAbove: 0, releaseIndexed: true }, many);
    const total = ws.pending().size;
    const service = recordingService(asked);
    await checkParsingAhead(ws, (texts) => {
      checkedWhenAsked.push(total - ws.pending().size);
      return service(texts);
    });
    assert.ok(asked.length >= 9, `${asked.length} batches`);
    assert.ok(
      asked.every((b) => b.length <= 64),
      'no batch over 64 files',
    );
    // The first batches are asked for together, before the first released file's check; the last
    // ones as checks go on.
    assert.equal(checkedWhenAsked[1], checkedWhenAsked[0]);
    assert.ok(checkedWhenAsked[checkedWhenAsked.length - 1] > checkedWhenAsked[0]);
    const all = (w: TaxonomyWorkspace) => JSON.stringify(Object.keys(many).map((p) => [p, w.diagnostics(p)]));
    assert.equal(all(ws), all(loadFiles({}, many)));
  });

  it('a rebuild uses the parse handed to it, and never one handed over while the model was held', () => {
    const ws = indexed({ releaseAbove: 0, releaseIndexed: true }, SAMPLE);
    const file = ws.getFile(JOURNEY)!;
    assert.equal(modelsHeld(file), false);
    const parsed = parseYaml(file.text);
    primeParse(file, parsed);
    assert.equal(file.yaml, parsed, 'the rebuild took the parse handed to it');
    // Held now: a parse handed over is not kept for a later rebuild.
    const stale = parseYaml(file.text);
    primeParse(file, stale);
    ws.flush();
    assert.equal(modelsHeld(ws.getFile(JOURNEY)!), false);
    assert.notEqual(ws.getFile(JOURNEY)!.yaml, stale);
  });
});

describe('when the front ends let models go (CX_TAXONOMY_RELEASE_ABOVE)', () => {
  const env = (v?: string): NodeJS.ProcessEnv => (v === undefined ? {} : { CX_TAXONOMY_RELEASE_ABOVE: v });

  it('the CLI keeps every model unless the variable gives a size', () => {
    assert.equal(releaseAboveOf(env()), undefined);
    assert.equal(releaseAboveOf(env('off')), undefined);
    assert.equal(releaseAboveOf(env(' 0 ')), 0);
    assert.equal(releaseAboveOf(env('2000000')), 2_000_000);
    assert.equal(releaseAboveOf(env('-1')), undefined, 'a negative size is no size');
  });

  it('the language server lets them go above its default, a size given, or never with `off`', () => {
    assert.equal(serverReleaseAbove(env()), SERVER_RELEASE_ABOVE);
    assert.equal(serverReleaseAbove(env('not a number')), SERVER_RELEASE_ABOVE);
    assert.equal(serverReleaseAbove(env('OFF')), undefined);
    assert.equal(serverReleaseAbove(env('0')), 0);
    assert.ok(SERVER_RELEASE_ABOVE > 10_000_000, 'a taxonomy the size of M (5 MB) keeps its models');
  });

  it('the lint lets them go in any taxonomy unless told `off`; the other commands only when told a size', () => {
    assert.equal(cliReleaseAbove(true, env()), 0);
    assert.equal(cliReleaseAbove(true, env('2000000')), 2_000_000);
    assert.equal(cliReleaseAbove(true, env(' Off ')), undefined);
    assert.equal(cliReleaseAbove(false, env()), undefined);
    assert.equal(cliReleaseAbove(false, env('0')), 0);
    assert.equal(cliReleaseAbove(false, env('off')), undefined);
  });
});

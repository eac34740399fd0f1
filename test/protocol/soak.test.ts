/**
 * A soak test of the stdio server: a seeded random mix of edits (keystrokes and pastes into the
 * real sample files, whole-text replacements, files closed and reopened, files changed on disk)
 * and requests (completion, hover, definition, references, prepare/rename, code actions,
 * document and workspace symbols, the journey map and ownership report) at random positions,
 * past the end of lines and documents included, several in flight at once. Afterwards the
 * original texts are restored and the server must answer exactly as it did before: the same
 * problems on every line of the sample, and the same hover card.
 *
 * Size: `CX_SOAK` requests and edits (300 in `npm test`; `npm run soak` runs 10,000). The seed is
 * `CX_SOAK_SEED` (printed when the test fails, so a failure can be replayed).
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-protocol';
import { hoverText, LspTestClient, positionAt, REPO } from './harness';
import { mulberry32 } from '../../bench/random';

const SIZE = Number(process.env.CX_SOAK ?? 300);
const SEED = Number(process.env.CX_SOAK_SEED ?? 20240611);
const SAMPLE = 'samples/with-problems';
const HOVER_AT: [string, string, number] = ['journeys/mobile-switch.journey.yaml', 'digital-native-switcher', 3];

function listSample(dir = ''): string[] {
  const abs = path.join(REPO, SAMPLE, dir);
  return readdirSync(abs).flatMap((n) => {
    const rel = dir ? `${dir}/${n}` : n;
    if (statSync(path.join(abs, n)).isDirectory()) return listSample(rel);
    return /\.(ya?ml|md)$/.test(n) && n !== 'README.md' ? [rel] : [];
  });
}

/** Text an analyst (or a cat on the keyboard) might type or paste. */
const FRAGMENTS = [
  '\n',
  '\r\n',
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
  'lead: ',
  'kpis: [',
  'touchpoints:\n',
  'cx-design',
  'brand-marketing',
  'target group',
  'customer path',
  '📈',
  '👩‍👩‍👧',
  'é̃',
  '\u0000',
  '~',
  'null',
  'x',
  'persona: ',
  'segments: [',
  'channel: web',
  'status: deprecated',
  '`',
  '<script>',
  '[x](command:x)',
  '\\',
  '%',
  '!!',
  '@',
];

describe('protocol: soak', function () {
  const seed = SEED;
  this.timeout(Math.max(120000, SIZE * 100));
  let c: LspTestClient;
  const counts = { edits: 0, requests: 0, errors: 0, diskWrites: 0, reopens: 0 };

  before(async () => {
    c = await LspTestClient.start({ fixture: SAMPLE });
    await c.waitForReady(60000);
  });
  after(async () => {
    await c?.stop();
  });

  it(`survives ${SIZE} random edits and requests and then answers exactly as before`, async () => {
    const random = mulberry32(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const int = (n: number) => Math.floor(random() * n);
    const files = listSample();
    const yamlFiles = files.filter((f) => /\.ya?ml$/.test(f));
    const originals = new Map(files.map((f) => [f, readFileSync(c.path(f), 'utf8')]));
    const before = c.problemsByLine();
    const beforeHover = hoverText(await c.hover(HOVER_AT[0], c.positionOf(...HOVER_AT)));
    assert.match(beforeHover, /\*\*Persona\*\*/);
    const open = new Set<string>();
    const onDisk = new Set<string>();

    /** A position anywhere: inside the text mostly, past a line's end or the document's end sometimes. */
    const anyPosition = (rel: string): Position => {
      const text = c.text(rel);
      const r = random();
      if (r < 0.05) return { line: int(3) + text.split('\n').length, character: int(10) };
      if (r < 0.08) return { line: int(5), character: 100000 + int(1000) };
      if (r < 0.09) return { line: 2 ** 31 - 1, character: 2 ** 31 - 1 };
      const offset = int(text.length + 1);
      const p = positionAt(text, offset);
      return random() < 0.1 ? { line: p.line, character: p.character + 1 + int(40) } : p;
    };
    /** A range that the client's own text model can apply (start before end, inside the text). */
    const editRange = (rel: string): Range => {
      const text = c.text(rel);
      const a = int(text.length + 1);
      const b = Math.min(text.length, a + (random() < 0.7 ? int(4) : int(200)));
      return { start: positionAt(text, a), end: positionAt(text, b) };
    };
    const typed = () =>
      Array.from({ length: 1 + int(4) }, () =>
        random() < 0.85 ? pick(FRAGMENTS) : String.fromCharCode(32 + int(0x2fff)),
      ).join('');

    const inFlight: Promise<unknown>[] = [];
    /** Sends a request; it must be answered (any value) or refused with a clear message. */
    const request = (what: string, p: Promise<unknown>) => {
      counts.requests++;
      inFlight.push(
        p.catch((err: { code?: number; message?: string }) => {
          counts.errors++;
          // Rename refusals are answers too (RequestFailed with a message for the user).
          if (err?.code !== -32803 || !err.message) throw new Error(`${what} failed: ${JSON.stringify(err)}`);
        }),
      );
    };

    for (let step = 0; step < SIZE; step++) {
      const r = random();
      const rel = pick(files);
      if (r < 0.3) {
        // An edit: opens the file first if needed, then types, deletes or pastes.
        if (!open.has(rel)) {
          await c.open(rel);
          open.add(rel);
        }
        if (random() < 0.05) await c.change(rel, random() < 0.5 ? originals.get(rel)! : typed());
        else await c.edit(rel, editRange(rel), random() < 0.3 ? '' : typed());
        counts.edits++;
      } else if (r < 0.33) {
        // A file closed without saving, or changed on disk behind the editor's back.
        if (open.has(rel) && random() < 0.5) {
          await c.close(rel);
          open.delete(rel);
          counts.reopens++;
        } else if (!open.has(rel)) {
          const text = readFileSync(c.path(rel), 'utf8');
          const at = int(text.length + 1);
          await c.writeFile(rel, text.slice(0, at) + typed() + text.slice(at + int(5)));
          onDisk.add(rel);
          counts.diskWrites++;
        }
      } else {
        const target = random() < 0.8 ? rel : pick(yamlFiles);
        const p = anyPosition(target);
        const uri = c.uri(target);
        switch (int(11)) {
          case 0:
            request('completion', c.completion(target, p));
            break;
          case 1:
            request('hover', c.hover(target, p));
            break;
          case 2:
            request('definition', c.definition(target, p));
            break;
          case 3:
            request('references', c.references(target, p, random() < 0.5));
            break;
          case 4:
            request('prepareRename', c.prepareRename(target, p));
            break;
          case 5:
            request(
              'rename',
              c.rename(
                target,
                p,
                random() < 0.8 ? `renamed-${int(1000)}` : pick(['Bad Id', '', 'x'.repeat(300), 'a--b', '-x']),
              ),
            );
            break;
          case 6: {
            const shown: Diagnostic[] = c.diagnostics(target);
            const d = shown.length && random() < 0.7 ? [pick(shown)] : [];
            request('codeAction', c.codeActions(target, d.length ? d[0].range : { start: p, end: p }, d));
            break;
          }
          case 7:
            request('documentSymbol', c.documentSymbols(target));
            break;
          case 8:
            request('workspaceSymbol', c.workspaceSymbols(pick(['', 'cx', 'mobile', 'zzz', '📈', '.*', '(a+)+'])));
            break;
          case 9:
            request('journeyMap', c.connection.sendRequest('cxTaxonomy/journeyMap', { uri }));
            break;
          default:
            request('ownershipReport', c.connection.sendRequest('cxTaxonomy/ownershipReport', {}));
        }
        // A few requests in flight at once, as an editor sends them.
        if (inFlight.length >= 8) await Promise.all(inFlight.splice(0));
      }
    }
    await Promise.all(inFlight.splice(0));

    // Put every text back as it was: documents to their original text, then closed; the disk too.
    for (const rel of open) {
      await c.change(rel, originals.get(rel)!);
      await c.close(rel);
    }
    for (const rel of onDisk) await c.writeFile(rel, originals.get(rel)!);
    for (const rel of files) assert.equal(readFileSync(c.path(rel), 'utf8'), originals.get(rel), rel);

    const same = () => JSON.stringify([...c.problemsByLine()].map(([k, v]) => [k, [...v].sort()]).sort());
    const expected = JSON.stringify([...before].map(([k, v]) => [k, [...v].sort()]).sort());
    await c
      .waitFor('the original problems to come back', () => same() === expected, 30000)
      .catch(() => {
        assert.equal(same(), expected, `seed ${seed}: the problems differ after restoring the texts`);
      });
    assert.equal(hoverText(await c.hover(HOVER_AT[0], c.positionOf(...HOVER_AT))), beforeHover);
    // No handler failed along the way (they log instead of crashing: a log is a bug).
    const failures = c.logs.filter((l) => /failed on|Unexpected (error|rejection)/.test(l));
    assert.deepEqual(
      failures.map((l) => l.split('\n')[0]),
      [],
      `seed ${seed}`,
    );
    if (process.env.CX_SOAK)
      console.log(
        `soak (seed ${seed}): ${counts.edits} edits, ${counts.requests} requests (${counts.errors} refused with a message), ${counts.diskWrites} disk writes, ${counts.reopens} closes`,
      );
  });
});

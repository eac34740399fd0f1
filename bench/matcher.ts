/**
 * Micro-benchmark of the glossary term matcher: the same text scanned with 200 and with 20,000
 * glossary labels. The matcher walks a token trie from each word of the text at most as deep as
 * the longest label, so the time per scan should not grow with the glossary; this prints both
 * figures and their ratio, and exits with 1 when the ratio is over 1.5. Both glossaries find the
 * same occurrences in the text, so only the glossary's size differs between the two figures.
 *
 *   npx tsx bench/matcher.ts            # figures as a table
 *   npx tsx bench/matcher.ts --json     # figures as JSON, for `npm run bench`
 */
import { TermMatcher, type MatchLabel } from '../server/src/core/terms';
import { mulberry32 } from './random';

const SMALL = 200;
const LARGE = 20_000;
const TEXT_WORDS = 50_000;
const MAX_RATIO = 1.5;

const random = mulberry32(20240611);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

const SYLLABLES = [
  'ca',
  'mer',
  'to',
  'jour',
  'ney',
  'seg',
  'ment',
  'per',
  'so',
  'na',
  'ret',
  'en',
  'tion',
  'ac',
  'qui',
  'si',
  'vo',
  'lu',
  'me',
  'rate',
  'pro',
  'duct',
  'chan',
  'nel',
  'val',
  'ue',
  'ex',
  'pe',
  'ri',
  'ence',
  'ad',
  'vo',
  'ca',
  'cy',
  'ob',
  'bo',
];

/** A vocabulary of distinct made-up words. */
function vocabulary(size: number, taken: ReadonlySet<string> = new Set()): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const n = 2 + Math.floor(random() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += pick(SYLLABLES);
    if (!taken.has(w)) words.add(w);
  }
  return [...words];
}

/** The words of the prose. */
const PROSE_WORDS = vocabulary(3_000);
/** Words only the glossary uses (jargon nobody writes in this text). */
const JARGON = vocabulary(8_000, new Set(PROSE_WORDS)).map((w) => `${w}x`);

/** One label of one to four words, some with punctuation inside ("x-y view", "a/b", "n.js"). */
function label(first: () => string, rest: () => string): string {
  const n = 1 + Math.floor(random() * 4);
  const parts = [first()];
  for (let i = 1; i < n; i++) parts.push(rest());
  const r = random();
  if (r < 0.05) return parts.join('-');
  if (r < 0.08) return `${parts[0]}/${rest()}${n > 1 ? ` ${parts.slice(1).join(' ')}` : ''}`;
  if (r < 0.1) return `${parts[0]}.js`;
  const text = parts.join(' ');
  return r < 0.2 ? text.toUpperCase() : text;
}

/** `count` distinct labels made by `make`, none already in `seen`. */
function labels(count: number, make: () => string, seen = new Set<string>()): MatchLabel[] {
  const out: MatchLabel[] = [];
  while (out.length < count) {
    const l = make();
    if (seen.has(l.toLowerCase())) continue;
    seen.add(l.toLowerCase());
    out.push({ label: l });
  }
  return out;
}

/** The little words of English prose, which no glossary label starts with. */
const FUNCTION_WORDS =
  'the of and a to in is for that with on as by at from it this be are or an we our their they not'.split(' ');

/**
 * Prose: about two content words in three, the rest function words, as in English; sentences,
 * plurals, capitals and line breaks; and some of the small glossary's labels.
 */
function prose(words: number, embedded: readonly MatchLabel[]): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) {
    if (random() < 0.03) parts.push(pick(embedded).label);
    if (random() < 0.35) {
      parts.push(pick(FUNCTION_WORDS));
      continue;
    }
    let w = pick(PROSE_WORDS);
    if (random() < 0.2) w += 's';
    if (random() < 0.1) w = w[0].toUpperCase() + w.slice(1);
    parts.push(w);
    if (random() < 0.08) parts.push(random() < 0.5 ? '.\n' : ',');
  }
  return parts.join(' ');
}

// The 200 labels are made of the prose's own words, and the text uses them. The 19,800 more of
// the large glossary are jargon the text never writes, half of them starting with a prose word
// ("<prose word> <jargon>"), so that every content word of the text starts a label of the large
// glossary and the scan walks into the trie there and has to back out: the worst case for the
// large glossary. Both glossaries find the same occurrences; only the glossary's size differs.
const seen = new Set<string>();
const small = labels(
  SMALL,
  () =>
    label(
      () => pick(PROSE_WORDS),
      () => pick(PROSE_WORDS),
    ),
  seen,
);
const extra = labels(
  LARGE - SMALL,
  () =>
    random() < 0.5
      ? label(
          () => pick(JARGON),
          () => pick(JARGON),
        )
      : `${pick(PROSE_WORDS)} ${label(
          () => pick(JARGON),
          () => pick(JARGON),
        )}`,
  seen,
);
const large = [...small, ...extra];
const text = prose(TEXT_WORDS, small);

interface Figures {
  labels: number;
  buildMs: number;
  /** The fastest of the timed scans: on a busy machine the minimum is the figure noise least disturbs. */
  scanMs: number;
  matches: number;
}

const ROUNDS = 40;

/**
 * The CPU time (user + system) one call takes, in milliseconds. CPU time rather than wall time,
 * so that time the process spends waiting for a core on a busy machine (CI, other jobs) is not
 * counted against the matcher.
 */
function cpuMs(run: () => unknown): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/**
 * Builds both matchers, then times scans of the two in alternation (small, large, small, ...) so
 * that neither profits from a warmer process or a quieter moment, and keeps each one's fastest.
 */
function measureBoth(sets: readonly (readonly MatchLabel[])[]): { figures: Figures[]; ratios: number[] } {
  const figures = sets.map((set) => {
    let matcher = TermMatcher.empty<MatchLabel>();
    const buildMs = cpuMs(() => (matcher = TermMatcher.build(set)));
    return { matcher, figures: { labels: set.length, buildMs, scanMs: Infinity, matches: 0 } as Figures };
  });
  for (const f of figures) for (let i = 0; i < 3; i++) f.figures.matches = f.matcher.findAll(text).length;
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, and pair the two scans of a round: a busy moment slows both.
    const order = round % 2 === 0 ? figures : [...figures].reverse();
    const times = new Map<Figures, number>();
    for (const f of order) {
      const ms = cpuMs(() => f.matcher.findAll(text));
      times.set(f.figures, ms);
      f.figures.scanMs = Math.min(f.figures.scanMs, ms);
    }
    ratios.push(times.get(figures[figures.length - 1].figures)! / times.get(figures[0].figures)!);
  }
  return { figures: figures.map((f) => f.figures), ratios: ratios.sort((a, b) => a - b) };
}

const {
  figures: [smallFig, largeFig],
  ratios,
} = measureBoth([small, large]);
/** The median of the paired per-round ratios: robust to the noise of a shared machine. */
const ratio = ratios[Math.floor(ratios.length / 2)];
const kb = Math.round(text.length / 1024);

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify(
      {
        textKB: kb,
        textWords: TEXT_WORDS,
        rounds: ROUNDS,
        small: smallFig,
        large: largeFig,
        ratio,
        maxRatio: MAX_RATIO,
      },
      null,
      2,
    ),
  );
} else {
  const row = (f: Figures) =>
    `${String(f.labels).padStart(7)} labels   build ${f.buildMs.toFixed(1).padStart(7)} ms   scan ${f.scanMs.toFixed(2).padStart(7)} ms   ${String(f.matches).padStart(5)} matches`;
  console.log(
    `Term matcher: one ${kb} KB text (${TEXT_WORDS.toLocaleString('en')} words), CPU time, fastest of ${ROUNDS} scans each`,
  );
  console.log(row(smallFig));
  console.log(row(largeFig));
  console.log(
    `scan time ratio ${LARGE.toLocaleString('en')} / ${SMALL} labels: ${ratio.toFixed(2)} (median of ${ROUNDS} paired scans; limit ${MAX_RATIO})`,
  );
}
if (ratio > MAX_RATIO) {
  console.error(
    `The scan got ${ratio.toFixed(2)}x slower with ${LARGE} labels: the matcher is no longer independent of the glossary size.`,
  );
  process.exitCode = 1;
}

/**
 * The "styled" variant of a generated workspace (issue 16): the same taxonomy, value for value, written
 * with the habits people have, so a bench of it measures the YAML people really write.
 *
 * Each habit is a text-to-text rewrite that keeps every value the same (so the same problems stay
 * planted and are found at the same counts). A quarter of the YAML files are restyled, chosen by a
 * seeded shuffle; three in ten of those mix a second habit. Every other teams file is restyled with
 * anchors and aliases. Which file got which habit is counted in the manifest (`style`).
 */
import { mulberry32 } from './random';
import { wrapWords } from './wrap';

/** The habits, in the order they are applied to a file that has several. */
export const HABITS = [
  'anchors',
  'flowMappings',
  'quotedKeys',
  'keyComments',
  'wrappedPlain',
  'wrappedQuoted',
  'documentMarkers',
  'bom',
  'crlf',
] as const;
export type Habit = (typeof HABITS)[number];

/** The shares of the styled variant. */
export const STYLE_SHARES = {
  /** YAML files (besides the teams files, the config, broken and bench files) written with habits. */
  styled: 0.25,
  /** Among those, the files mixing a second habit. */
  mixed: 0.3,
  /** Files with `---` that also end with `...`. */
  documentEnd: 0.5,
};

/** What the styler did, for the manifest. */
export interface StyleManifest {
  shares: typeof STYLE_SHARES;
  /** YAML files that could be restyled, and those that were. */
  candidates: number;
  styledFiles: number;
  mixedFiles: number;
  /** Files showing each habit (a `---` file ending with `...` counts under `documentEnd` too). */
  habits: Record<Habit | 'documentEnd', number>;
}

/** A rewrite draws its choices from `rand`; `ctx` counts the files given document markers so far. */
type Rewrite = (text: string, rand: () => number, ctx: { markers: number }) => string;

const KEY = `["']?([A-Za-z]\\w*)["']?`;

/** Values written plain inside a flow mapping must not hold its indicators. */
const flowValue = (v: string) =>
  v.startsWith('"') || v.startsWith('[') || v.startsWith('&') || v.startsWith('*') || !/[,[\]{}]|: | #/.test(v)
    ? v
    : JSON.stringify(v);

/** List items whose lines are all `key: scalar` become `- { key: scalar, ... }`. */
const flowMappings: Rewrite = (text) => {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = /^(\s*)- ([A-Za-z]\w*): (.+)$/.exec(lines[i]);
    if (!head) {
      out.push(lines[i]);
      continue;
    }
    const inner = head[1] + '  ';
    const pairs: string[] = [`${head[2]}: ${flowValue(head[3])}`];
    let j = i + 1;
    let simple = !/ #|^[>|]/.test(head[3]);
    for (; j < lines.length && lines[j].startsWith(inner) && lines[j][inner.length] !== ' '; j++) {
      const m = /^\s*([A-Za-z]\w*): (.+)$/.exec(lines[j]);
      if (!m || / #|^[>|]/.test(m[2])) simple = false;
      else pairs.push(`${m[1]}: ${flowValue(m[2])}`);
    }
    // A deeper line (a nested collection or a continuation) ends the item too: keep it as it is.
    if (j < lines.length && lines[j].startsWith(inner + ' ')) simple = false;
    if (!simple || pairs.length < 2) {
      out.push(lines[i]);
      continue;
    }
    out.push(`${head[1]}- { ${pairs.join(', ')} }`);
    i = j - 1;
  }
  return out.join('\n');
};

/** Every block key quoted (double or single quotes, one style a file); block scalars left alone. */
const quotedKeys: Rewrite = (text, rand) => {
  const q = rand() < 0.5 ? '"' : "'";
  let scalarIndent = -1;
  return text
    .split('\n')
    .map((line) => {
      const indent = line.length - line.trimStart().length;
      if (scalarIndent >= 0 && (line.trim() === '' || indent > scalarIndent)) return line;
      scalarIndent = -1;
      const m = /^(\s*(?:- )?)([A-Za-z]\w*):( |$)(.*)$/.exec(line);
      if (!m) return line;
      if (/^[>|]/.test(m[4])) scalarIndent = indent;
      return `${m[1]}${q}${m[2]}${q}:${m[3]}${m[4]}`;
    })
    .join('\n');
};

const NOTES = ['agreed in the last review', 'ask CX Design before changing', 'see the wiki', 'TODO: confirm'];

/** `key: # note` with the value on the next line (scalars), or a note after a collection's key. */
const keyComments: Rewrite = (text, rand) =>
  text.replace(
    new RegExp(
      `^( *)(["']?(?:owner|persona|lead|channel|lifecycleStage|vocabulary|unit|direction|frequency)["']?):( (?!#)[^\\n]+)?$|^( *)(["']?(?:stages|touchpoints|teams|terms|goals|pains|segments|personas)["']?):$`,
      'gm',
    ),
    (all, ind: string, key: string, value: string | undefined, ind2: string, key2: string) => {
      const note = NOTES[Math.floor(rand() * NOTES.length)];
      if (key2 !== undefined) return `${ind2}${key2}: # ${note}`;
      if (value === undefined || value.includes(' #')) return all;
      return `${ind}${key}: # ${note}\n${ind}  ${value.slice(1)}`;
    },
  );

/** Splits prose into lines of about half its length (at most 72 characters), at spaces. */
function halves(text: string): string[] {
  return wrapWords(text, Math.min(72, Math.ceil(text.length / 2)));
}

const plainSafe = (s: string) =>
  /^[A-Za-z(]/.test(s) && !/: | #|#|\s{2}|\s$|["\\]/.test(s) && !s.split(' ').some((w) => w === '-' || w === '');

/** Descriptions and definitions (one-line or folded) rewritten as multi-line plain or double-quoted scalars. */
function wrapped(quoted: boolean): Rewrite {
  return (text) => {
    const lines = text.split('\n');
    const out: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const m = new RegExp(`^(\\s*)(["']?(?:description|definition)["']?): (.+)$`).exec(lines[i]);
      if (!m) {
        out.push(lines[i]);
        continue;
      }
      const [, ind, key, raw] = m;
      let value: string | undefined;
      let end = i;
      if (raw === '>-') {
        const body: string[] = [];
        while (end + 1 < lines.length && lines[end + 1].startsWith(ind + '  ') && lines[end + 1].trim())
          body.push(lines[++end].trim());
        value = body.join(' ');
      } else if (i + 1 < lines.length && lines[i + 1].startsWith(ind + ' '))
        value = undefined; // already wrapped
      else if (raw.startsWith('"') && raw.endsWith('"')) value = JSON.parse(raw) as string;
      else if (!/^['"[{>|&*!]/.test(raw) && !raw.includes(' #')) value = raw;
      if (value === undefined || value.split(' ').length < 6 || (!quoted && !plainSafe(value))) {
        out.push(lines[i]);
        continue;
      }
      const parts = halves(quoted ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"') : value);
      const first = `${ind}${key}: ${quoted ? '"' : ''}${parts[0]}`;
      const rest = parts.slice(1).map((p) => `${ind}  ${p}`);
      if (quoted) rest[rest.length - 1] += '"';
      out.push(first, ...rest);
      i = end;
    }
    return out.join('\n');
  };
}

/** The first `status` and each team function get an anchor; their repeats become aliases. */
const anchors: Rewrite = (text) => {
  const seen = new Set<string>();
  return text.replace(/^( +)(status|function): ([a-z-]+)$/gm, (_all, ind: string, key: string, value: string) => {
    const name = `${key === 'status' ? '' : 'fn-'}${value}`;
    if (seen.has(name)) return `${ind}${key}: *${name}`;
    seen.add(name);
    return `${ind}${key}: &${name} ${value}`;
  });
};

/** `---` first (or after the leading comments), and `...` at the end of every other one (the first included). */
const documentMarkers: Rewrite = (text, rand, ctx) => {
  const afterComments = rand() < 0.5;
  const at = afterComments ? (/^(#[^\n]*\n)*/.exec(text)?.[0].length ?? 0) : 0;
  const started = `${text.slice(0, at)}---\n${text.slice(at)}`;
  return ctx.markers++ % Math.round(1 / STYLE_SHARES.documentEnd) === 0 ? `${started}...\n` : started;
};

const REWRITES: Record<Habit, Rewrite> = {
  anchors,
  flowMappings,
  quotedKeys,
  keyComments,
  wrappedPlain: wrapped(false),
  wrappedQuoted: wrapped(true),
  documentMarkers,
  bom: (text) => `\uFEFF${text}`,
  crlf: (text) => text.replace(/\n/g, '\r\n'),
};

/** Applies habits in the fixed order; the ones that change nothing in this file are left out. */
export function applyHabits(
  text: string,
  wanted: readonly Habit[],
  rand: () => number,
  ctx: { markers: number },
): { text: string; applied: Habit[] } {
  const applied: Habit[] = [];
  for (const h of HABITS) {
    if (!wanted.includes(h)) continue;
    const next = REWRITES[h](text, rand, ctx);
    if (next !== text) applied.push(h);
    text = next;
  }
  return { text, applied };
}

/**
 * Restyles a quarter of the workspace's YAML files in place (the map is updated), leaving `keep` alone.
 * Deterministic for a seed: the same files get the same habits on every run.
 */
export function restyleWorkspace(files: Map<string, string>, seed: number, keep: ReadonlySet<string>): StyleManifest {
  const rand = mulberry32(seed * 7919 + 16);
  const ctx = { markers: 0 };
  /** Whether a habit alone would change a text (tried with choices of its own, so nothing else shifts). */
  const changes = (text: string, h: Habit) => REWRITES[h](text, () => 0.5, { markers: 0 }) !== text;
  const habits = Object.fromEntries([...HABITS, 'documentEnd'].map((h) => [h, 0])) as StyleManifest['habits'];
  const count = (applied: Habit[], text: string) => {
    for (const h of applied) habits[h]++;
    if (applied.includes('documentMarkers') && /\n\.\.\.\r?\n$/.test(text)) habits.documentEnd++;
  };
  const isYaml = (p: string) => /\.ya?ml$/.test(p) && !p.endsWith('config.yaml') && !keep.has(p);
  const teamsFiles = [...files.keys()].filter((p) => isYaml(p) && p.endsWith('.teams.yaml'));
  teamsFiles.forEach((p, k) => {
    if (k % 2) return;
    const { text, applied } = applyHabits(files.get(p)!, ['anchors', k % 4 ? 'crlf' : 'flowMappings'], rand, ctx);
    files.set(p, text);
    count(applied, text);
  });
  const candidates = [...files.keys()].filter((p) => isYaml(p) && !p.endsWith('.teams.yaml'));
  const order = candidates.map((p, i) => ({ p, key: rand(), i })).sort((a, b) => a.key - b.key || a.i - b.i);
  const styledCount = Math.round(candidates.length * STYLE_SHARES.styled);
  const general = HABITS.filter((h) => h !== 'anchors');
  let cursor = 0;
  let styledFiles = teamsFiles.filter((_, k) => k % 2 === 0).length;
  let mixedFiles = styledFiles;
  for (let n = 0; n < styledCount; n++) {
    const p = order[n].p;
    const original = files.get(p)!;
    // Spread evenly: the n-th styled file mixes when the running share of mixed files steps up.
    const mixed = Math.floor((n + 1) * STYLE_SHARES.mixed) > Math.floor(n * STYLE_SHARES.mixed);
    // The least used habits so far (ties in turn), skipping those that would change nothing in this
    // file: every habit gets about the same share, and a small workspace still shows each of them.
    const turn = cursor++;
    const ranked = general
      .map((h, i) => ({ h, used: habits[h], order: (i - turn + general.length * 64) % general.length }))
      .sort((a, b) => a.used - b.used || a.order - b.order);
    const chosen: Habit[] = [];
    for (const { h } of ranked) if (chosen.length < (mixed ? 2 : 1) && changes(original, h)) chosen.push(h);
    const result = applyHabits(original, chosen, rand, ctx);
    files.set(p, result.text);
    count(result.applied, result.text);
    if (result.applied.length) styledFiles++;
    if (result.applied.length > 1) mixedFiles++;
  }
  return { shares: STYLE_SHARES, candidates: candidates.length + teamsFiles.length, styledFiles, mixedFiles, habits };
}

/** Which habits a file's text shows (what the smoke test counts against the manifest). */
export function detectHabits(text: string): Set<Habit | 'documentEnd'> {
  const found = new Set<Habit | 'documentEnd'>();
  if (text.startsWith('\uFEFF')) found.add('bom');
  if (text.includes('\r\n')) found.add('crlf');
  if (/^\uFEFF?---\r?$/m.test(text)) found.add('documentMarkers');
  if (/^\.\.\.\r?$/m.test(text)) found.add('documentEnd');
  if (/^\s*- \{ /m.test(text)) found.add('flowMappings');
  if (/^\s*(- )?["'][A-Za-z]\w*["']:/m.test(text)) found.add('quotedKeys');
  if (new RegExp(`^\\s*${KEY}: # `, 'm').test(text)) found.add('keyComments');
  if (/: &[\w-]+ /.test(text) && /: \*[\w-]+/.test(text)) found.add('anchors');
  if (new RegExp(`^( *)["']?(description|definition)["']?: [^">|\\s][^\\r\\n]*\\r?\\n\\1  [^\\s#"'-]`, 'm').test(text))
    found.add('wrappedPlain');
  if (new RegExp(`^ *["']?(description|definition)["']?: "[^"\\r\\n]*\\r?\\n`, 'm').test(text))
    found.add('wrappedQuoted');
  return found;
}

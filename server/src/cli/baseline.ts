import { ALL_RULES, type SuppressedDiagnostic, type TaxonomyDiagnostic } from '../core';

/**
 * The baseline of `lint` (ESLint's bulk suppressions): how many findings of each rule each file
 * had when the baseline was taken. While a file has no more findings of a rule than its count,
 * they are shown as suppressed and do not fail the run; one more and all of them are reported,
 * as ESLint does (the counts say how many, not which). Pure: the file is read and written by
 * baselineFile.ts.
 */

/** The file a taxonomy's baseline lives in, at the taxonomy's root. */
export const BASELINE_FILE_NAME = 'cx-taxonomy-suppressions.json';

/** Counts by file (relative to the taxonomy root, '/'-separated), then rule: ESLint's shape. */
export type Baseline = Record<string, Record<string, { count: number }>>;

/**
 * Findings a baseline never holds: those of the rules that say a file could not be read or
 * parsed (`fatal`). Such a file is not checked, so a count for it would hide every later finding
 * in it; ESLint never suppresses its fatal errors either.
 */
const NOT_BASELINED: ReadonlySet<string> = new Set(ALL_RULES.filter((r) => r.fatal).map((r) => r.id));

/**
 * Whether a finding is one a baseline counts: errors and warnings, what can fail a run (errors
 * always, warnings under `--max-warnings`). ESLint counts errors only, but the Action and most
 * CI here run with `--max-warnings 0`. Info and hints never fail a run, so they are left shown.
 */
function counted(d: TaxonomyDiagnostic): boolean {
  return (d.severity === 'error' || d.severity === 'warning') && !NOT_BASELINED.has(d.ruleId);
}

/** The findings of one file the baseline is applied to, under the key it has in the baseline. */
export interface BaselineInput {
  key: string;
  diagnostics: readonly TaxonomyDiagnostic[];
}

/** What applying a baseline leaves of a file: the findings still shown and those it suppressed. */
export interface BaselineOutput {
  key: string;
  diagnostics: TaxonomyDiagnostic[];
  suppressed: SuppressedDiagnostic[];
}

/** The counted findings of a file, by rule. */
function countsByRule(diagnostics: readonly TaxonomyDiagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics) if (counted(d)) counts.set(d.ruleId, (counts.get(d.ruleId) ?? 0) + 1);
  return counts;
}

/**
 * Applies a baseline to the files linted. `unused` holds, for the files linted and the files of
 * the baseline that no longer exist (`exists` says which do), what the baseline allows beyond
 * what was found: the entries `--prune-suppressions` would lower or remove.
 */
export function applyBaseline(
  baseline: Baseline,
  files: readonly BaselineInput[],
  exists: (key: string) => boolean,
): { files: BaselineOutput[]; unused: Baseline } {
  const unused: Baseline = {};
  const out: BaselineOutput[] = [];
  for (const f of files) {
    const entry = baseline[f.key];
    if (!entry) {
      out.push({ key: f.key, diagnostics: [...f.diagnostics], suppressed: [] });
      continue;
    }
    const counts = countsByRule(f.diagnostics);
    const silenced = new Set<string>();
    for (const [rule, { count }] of Object.entries(entry)) {
      const found = counts.get(rule) ?? 0;
      if (found <= count) silenced.add(rule);
      if (found < count) (unused[f.key] ??= {})[rule] = { count: count - found };
    }
    const diagnostics: TaxonomyDiagnostic[] = [];
    const suppressed: SuppressedDiagnostic[] = [];
    for (const d of f.diagnostics) {
      // ESLint's shape for a bulk suppression: kind `file`, no justification.
      if (counted(d) && silenced.has(d.ruleId))
        suppressed.push({ ...d, suppressions: [{ kind: 'file', justification: '' }] });
      else diagnostics.push(d);
    }
    out.push({ key: f.key, diagnostics, suppressed });
  }
  // A file renamed or deleted since the baseline was taken leaves its whole entry unused.
  const linted = new Set(files.map((f) => f.key));
  for (const [key, entry] of Object.entries(baseline)) {
    if (linted.has(key) || exists(key)) continue;
    unused[key] = structuredClone(entry);
  }
  return { files: out, unused };
}

/**
 * `--suppress-all` (no `rules`) and `--suppress-rule` (`rules`): the baseline with the files
 * linted recorded as they are now. For those files, a rule's count becomes what was found, and a
 * rule no longer found is dropped: the baseline holds exactly the current findings. Files not
 * linted keep their entries.
 */
export function recordBaseline(
  baseline: Baseline,
  files: readonly BaselineInput[],
  rules?: ReadonlySet<string>,
): Baseline {
  const next = structuredClone(baseline);
  for (const f of files) {
    const entry = next[f.key] ?? {};
    for (const rule of Object.keys(entry)) if (!rules || rules.has(rule)) delete entry[rule];
    for (const [rule, count] of countsByRule(f.diagnostics)) if (!rules || rules.has(rule)) entry[rule] = { count };
    if (Object.keys(entry).length) next[f.key] = entry;
    else delete next[f.key];
  }
  return next;
}

/**
 * `--prune-suppressions`: the baseline less what it allows beyond what was found (`unused` of
 * `applyBaseline`). Counts only go down: a count a file now exceeds is kept, so the new finding
 * still fails the run.
 */
export function pruneBaseline(baseline: Baseline, unused: Baseline): Baseline {
  const next = structuredClone(baseline);
  for (const [key, rules] of Object.entries(unused)) {
    const entry = next[key];
    if (!entry) continue;
    for (const [rule, { count }] of Object.entries(rules)) {
      if (!entry[rule]) continue;
      const left = entry[rule].count - count;
      if (left > 0) entry[rule] = { count: left };
      else delete entry[rule];
    }
    if (Object.keys(entry).length === 0) delete next[key];
  }
  return next;
}

/** How many findings a baseline allows in all: the size of `unused` in the warning. */
export function totalCount(baseline: Baseline): number {
  let n = 0;
  for (const rules of Object.values(baseline)) for (const { count } of Object.values(rules)) n += count;
  return n;
}

/** Keys sorted at both levels, two-space indents and a final newline: a stable, diff-friendly file. */
export function formatBaseline(baseline: Baseline): string {
  const sorted: Baseline = {};
  for (const key of Object.keys(baseline).sort(byCodePoint)) {
    const rules: Record<string, { count: number }> = {};
    for (const rule of Object.keys(baseline[key]).sort(byCodePoint)) rules[rule] = { count: baseline[key][rule].count };
    sorted[key] = rules;
  }
  return JSON.stringify(sorted, null, 2) + '\n';
}

/** A locale-independent order, so the file is the same on every machine. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reads a baseline's text; throws an Error with a one-line reason when it is not one. */
export function parseBaseline(text: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`not valid JSON (${(err as Error).message})`, { cause: err });
  }
  if (!isObject(data)) throw new Error('expected an object of files');
  const out: Baseline = Object.create(null) as Baseline;
  for (const [key, rules] of Object.entries(data)) {
    if (!isObject(rules)) throw new Error(`"${key}" should hold an object of rules`);
    const entry: Record<string, { count: number }> = Object.create(null) as Record<string, { count: number }>;
    for (const [rule, value] of Object.entries(rules)) {
      const count = isObject(value) ? value.count : undefined;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
        throw new Error(`"${key}" > "${rule}" should be { "count": <a whole number> }`);
      if (count > 0) entry[rule] = { count };
    }
    if (Object.keys(entry).length) out[key] = entry;
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

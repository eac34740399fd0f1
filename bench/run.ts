/**
 * `npm run bench`: every figure of BENCHMARKS.md, measured in one run on this machine, printed as
 * one table and written between the result markers of BENCHMARKS.md.
 *
 *   npm run bench                      # everything (under 15 minutes on a 2-core machine)
 *   npm run bench -- --only floor,cli  # some sections (floor, cli, styled, lsp, matcher, spectral)
 *   npm run bench -- --no-write        # print, do not touch BENCHMARKS.md
 *
 * The targets are ratios within the run (issue 7), so a busy machine slows numerator and floor
 * alike; the machine's load average is printed beside them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RULE_IDS } from '../server/src/core';
import { DEFAULT_PARSE_LIMITS } from '../server/src/core/yaml';
import { fastParseYaml } from '../server/src/core/yaml/fastParse';
import { walk } from './floor';
import { generateWorkspace, SIZES, workspaceDir, writeWorkspace, type Manifest } from './generate';
import { measureLsp, type LspFigures } from './lsp';
import { runProcess, type ProcessRun } from './measure';
import { writeSpectralRuleset } from './spectral/build';

const ROOT = path.join(__dirname, '..');
const SEED = 1;

/** One row of the table. */
export interface Row {
  measure: string;
  figure: string;
  target?: string;
  met?: boolean;
  note?: string;
}

/** Makes sure a generated workspace of the size exists (regenerated when the seed or generator changed). */
export function ensureWorkspace(size: 'S' | 'M' | 'L' | 'L-styled'): { dir: string; manifest: Manifest } {
  const dir = workspaceDir(size);
  const manifestFile = `${dir}.manifest.json`;
  const base = size === 'L-styled' ? 'L' : size;
  const fresh = generateWorkspace(SIZES[base], SEED, size, { styled: size !== base });
  const want = JSON.stringify(fresh.manifest);
  if (
    !existsSync(manifestFile) ||
    readFileSync(manifestFile, 'utf8').trim() !== JSON.stringify(fresh.manifest, null, 2)
  ) {
    process.stderr.write(`generating the ${size} workspace...\n`);
    writeWorkspace(dir, fresh);
  }
  return { dir, manifest: JSON.parse(want) as Manifest };
}

/** The floor, in a fresh process so that nothing else lives in its heap. */
export function measureFloorInChild(dir: string): {
  files: number;
  bytes: number;
  readMs: number;
  parseMs: number;
  totalMs: number;
} {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'floor.ts'), dir], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/** How many YAML files of a folder the fast path declines, so that `parseYaml` falls back to the full parse. */
export function fastPathFallbacks(dir: string): { yamlFiles: number; fallbacks: number } {
  let yamlFiles = 0;
  let fallbacks = 0;
  for (const file of walk(dir)) {
    if (!/\.ya?ml$/.test(file) || file.endsWith('cx-taxonomy.config.yaml')) continue;
    yamlFiles++;
    if (!fastParseYaml(readFileSync(file, 'utf8'), DEFAULT_PARSE_LIMITS)) fallbacks++;
  }
  return { yamlFiles, fallbacks };
}

/** Counts of the diagnostics in a `--format json` report, by rule id. */
export function countByRule(reportFile: string): Record<string, number> {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { messages?: { ruleId: string }[] }[];
  const counts: Record<string, number> = {};
  for (const f of report) for (const m of f.messages ?? []) counts[m.ruleId] = (counts[m.ruleId] ?? 0) + 1;
  return counts;
}

/** Which of the manifest's planted counts a lint did not find exactly. */
export function plantedMismatches(
  expected: Record<string, number>,
  found: Record<string, number>,
  knownRules: ReadonlySet<string>,
): string[] {
  return Object.entries(expected)
    .filter(([rule, n]) => knownRules.has(rule) && (found[rule] ?? 0) !== n)
    .map(([rule, n]) => `${rule}: planted ${n}, found ${found[rule] ?? 0}`);
}

export interface CliFigures {
  cold: ProcessRun;
  warm?: ProcessRun;
  mismatches: string[];
}

/** How many times `lint --cache` runs again with nothing changed; the fastest counts. */
const WARM_RUNS = 3;

/**
 * How many cold runs (each with an empty cache); the fastest counts, as the floor's does, and the
 * highest peak: a ratio of one run to the fastest of four would measure the machine's noise.
 */
const COLD_RUNS = 3;

/** `cx-taxonomy lint` end to end (process start included), cold and again with nothing changed. */
export async function measureCli(
  dir: string,
  manifest: Manifest,
  cliJs: string,
  knownRules: ReadonlySet<string>,
  timeoutMs: number,
): Promise<CliFigures> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'cx-bench-'));
  try {
    const help = execFileSync(process.execPath, [cliJs, 'lint', '--help'], { encoding: 'utf8' });
    const withCache = help.includes('--cache');
    const argsWith = (cache: string) => [
      cliJs,
      'lint',
      dir,
      '--format',
      'json',
      ...(withCache ? ['--cache', '--cache-location', path.join(tmp, cache)] : []),
    ];
    const report = path.join(tmp, 'report.json');
    const mismatches: string[] = [];
    let cold: ProcessRun | undefined;
    let peak = 0;
    for (let i = 0; i < COLD_RUNS; i++) {
      const out = i === 0 ? report : path.join(tmp, 'report-cold.json');
      // A cache location of its own: every cold run starts with none.
      const run = await runProcess(process.execPath, argsWith(`cache-${i}`), { cwd: ROOT, stdoutFile: out, timeoutMs });
      if (run.code !== 0 && run.code !== 1)
        throw new Error(`cx-taxonomy lint failed (exit ${run.code}): ${run.stderr.slice(0, 2000)}`);
      if (i > 0 && readFileSync(out, 'utf8') !== readFileSync(report, 'utf8'))
        mismatches.push('two cold runs reported different things');
      peak = Math.max(peak, run.peakRssMb);
      if (!cold || run.wallMs < cold.wallMs) cold = run;
    }
    cold = { ...cold!, peakRssMb: peak };
    mismatches.push(...plantedMismatches(manifest.expected, countByRule(report), knownRules));
    if (!withCache) return { cold, mismatches };
    const args = argsWith(`cache-${COLD_RUNS - 1}`);
    // The fastest of three, as the floor is the fastest of its runs: a one-second run is easily
    // slowed by whatever else the machine does in that second.
    let warm: ProcessRun | undefined;
    for (let i = 0; i < WARM_RUNS; i++) {
      const run = await runProcess(process.execPath, args, {
        cwd: ROOT,
        stdoutFile: path.join(tmp, 'report2.json'),
        timeoutMs,
      });
      if (readFileSync(path.join(tmp, 'report2.json'), 'utf8') !== readFileSync(report, 'utf8'))
        mismatches.push('the cached run reported something else than the cold run');
      if (!warm || run.wallMs < warm.wallMs) warm = run;
    }
    return { cold, warm, mismatches };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export interface SpectralFigures {
  run: ProcessRun;
  touchpointOwner: number;
  schema: number;
}

/** Stoplight Spectral with the equivalent ruleset, on every YAML file of a workspace. */
export async function measureSpectral(dir: string, timeoutMs: number): Promise<SpectralFigures> {
  const ruleset = writeSpectralRuleset();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'cx-spectral-'));
  try {
    const out = path.join(tmp, 'spectral.json');
    const cli = path.join(ROOT, 'node_modules/@stoplight/spectral-cli/dist/index.js');
    const run = await runProcess(
      process.execPath,
      [cli, 'lint', `${dir}/**/*.yaml`, '--ruleset', ruleset, '-f', 'json', '-q', '-o', out],
      { cwd: ROOT, stdoutFile: path.join(tmp, 'stdout'), timeoutMs },
    );
    let touchpointOwner = NaN;
    let schema = NaN;
    if (!run.timedOut && existsSync(out)) {
      const results = JSON.parse(readFileSync(out, 'utf8')) as { code: string }[];
      touchpointOwner = results.filter((r) => r.code === 'cx-touchpoint-owner').length;
      schema = results.filter((r) => r.code.startsWith('cx-schema-')).length;
    }
    return { run, touchpointOwner, schema };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The term matcher micro-benchmark (bench/matcher.ts, written with the terminology rules). */
export function measureMatcher():
  { small: { labels: number; scanMs: number }; large: { labels: number; scanMs: number }; ratio: number } | undefined {
  const script = path.join(__dirname, 'matcher.ts');
  if (!existsSync(script)) return undefined;
  let out: string;
  try {
    out = execFileSync(process.execPath, ['--import', 'tsx', script, '--json'], { cwd: ROOT, encoding: 'utf8' });
  } catch (err) {
    // It exits with 1 when the ratio is over its limit, still printing the figures.
    out = String((err as { stdout?: string }).stdout ?? '');
  }
  return JSON.parse(out.slice(out.indexOf('{')));
}

const fmtS = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a');
const fmtMs = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms` : 'n/a');
const fmtX = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : 'n/a');
const fmtMb = (mb: number) => (Number.isFinite(mb) ? `${mb.toFixed(0)} MB` : 'n/a');

/** The table as Markdown. */
export function renderTable(rows: readonly Row[], header: string[]): string {
  const lines = [header.join('\n\n'), '', '| Measure | Figure | Target | Met |', '| --- | --- | --- | --- |'];
  for (const r of rows)
    lines.push(
      `| ${r.measure} | ${r.figure}${r.note ? ` (${r.note})` : ''} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : '**no**'} |`,
    );
  return lines.join('\n') + '\n';
}

/** Replaces the generated part of BENCHMARKS.md, keeping everything written around it. */
export function writeResults(file: string, table: string): void {
  const start = '<!-- bench:results:start -->';
  const end = '<!-- bench:results:end -->';
  const block = `${start}\n${table}${end}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${start}\n${end}\n`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  writeFileSync(
    file,
    i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n${block}\n`,
  );
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? new Set(argv[onlyAt + 1].split(',')) : undefined;
  const want = (s: string) => !only || only.has(s);
  const began = performance.now();
  const load0 = os.loadavg();
  const cpu = os.cpus();
  const header = [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` on ${cpu[0]?.model.trim() ?? 'an unknown CPU'}, ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, ${os.platform()} ${os.release()}.`,
  ];
  const rows: Row[] = [];
  const log = (s: string) => process.stderr.write(`${s}\n`);

  const cliJs = path.join(ROOT, 'dist/cli.js');
  const serverJs = path.join(ROOT, 'dist/server.js');
  const L = ensureWorkspace('L');
  const S = ensureWorkspace('S');
  const M = ensureWorkspace('M');
  const LS = want('styled') ? ensureWorkspace('L-styled') : undefined;
  header.push(
    `Workspaces (bench/generate.ts, seed ${SEED}): L = ${L.manifest.files.toLocaleString('en')} files (${L.manifest.yamlFiles.toLocaleString('en')} YAML, ${L.manifest.markdownFiles.toLocaleString('en')} Markdown), ${(L.manifest.bytes / 1048576).toFixed(1)} MB, ${L.manifest.counts.touchpoints.toLocaleString('en')} touchpoints; M = ${M.manifest.files.toLocaleString('en')} files; S = ${S.manifest.files} files.${LS?.manifest.style ? ` Styled L: the same taxonomy, ${LS.manifest.style.styledFiles.toLocaleString('en')} of its ${LS.manifest.style.candidates.toLocaleString('en')} YAML files written with habits (${LS.manifest.style.mixedFiles} mixing two; BENCHMARKS.md "Styled L").` : ''}`,
  );

  // The floor is measured again after each long section, and every ratio uses the fastest floor
  // so far: on a shared machine a busy moment during one floor would flatter the ratios.
  const floors: number[] = [];
  const floorRow: Row = {
    measure: 'Floor: read every file of L + `yaml` parseAllDocuments, one core, in-process',
    figure: '',
  };
  rows.push(floorRow);
  const floor = { totalMs: Infinity };
  const measureFloorAgain = () => {
    log('floor: read + parseAllDocuments of L, one core...');
    const f = measureFloorInChild(L.dir);
    floors.push(f.totalMs);
    floor.totalMs = Math.min(floor.totalMs, f.totalMs);
    floorRow.figure = `${fmtS(floor.totalMs)} (fastest of ${floors.map(fmtS).join(', ')}; read ${fmtS(f.readMs)})`;
  };
  measureFloorAgain();

  if (want('cli')) {
    log('cli: cx-taxonomy lint L, cold then warm...');
    const cli = await measureCli(L.dir, L.manifest, cliJs, RULE_IDS, 20 * 60_000);
    measureFloorAgain();
    rows.push(
      ...cliRows(cli, floor, {
        workspace: 'L',
        coldNote: 'process start included',
        cold: 0.6,
        warm: 0.1,
      }),
    );
  }

  if (LS) rows.push(...(await measureStyled(LS, L.dir, cliJs, serverJs, floor, measureFloorAgain, S)));

  if (want('lsp')) {
    if (!existsSync(serverJs)) rows.push({ measure: 'Language server', figure: 'dist/server.js not built' });
    else {
      log('lsp: language server on L...');
      const l: LspFigures = await measureLsp({
        serverJs,
        dir: L.dir,
        journey: L.manifest.benchJourney,
        requests: 200,
        timeoutMs: 15 * 60_000,
        settle: true,
      });
      log('lsp: language server on S...');
      const s: LspFigures = await measureLsp({
        serverJs,
        dir: S.dir,
        journey: S.manifest.benchJourney,
        requests: 200,
        timeoutMs: 5 * 60_000,
      });
      measureFloorAgain();
      rows.push({
        measure: 'LSP L: initialize -> last diagnostics of the initial index',
        figure: `${fmtS(l.initialIndexMs)} = ${fmtX(l.initialIndexMs / floor.totalMs)} floor`,
        target: '<= 1x floor',
        met: l.initialIndexMs <= floor.totalMs,
        note: `${l.diagnosticsPublished.toLocaleString('en')} files published; ready at ${fmtS(l.readyMs)}`,
      });
      rows.push({
        measure: 'LSP L: edit -> fresh diagnostics, p50 / p95 (200 edits of one journey)',
        figure: `${fmtMs(l.edit.p50)} / ${fmtMs(l.edit.p95)}`,
        target: 'p95 <= 50 ms',
        met: l.edit.p95 <= 50,
      });
      rows.push({
        measure: 'LSP S: edit -> fresh diagnostics, p50 / p95',
        figure: `${fmtMs(s.edit.p50)} / ${fmtMs(s.edit.p95)}`,
      });
      rows.push({
        measure: 'LSP edit p95, L / S',
        figure: fmtX(l.edit.p95 / s.edit.p95),
        target: '<= 2',
        met: l.edit.p95 / s.edit.p95 <= 2,
      });
      rows.push({
        measure: 'LSP L: completion p50 / p95 (200 requests, team ids)',
        figure: `${fmtMs(l.completion.p50)} / ${fmtMs(l.completion.p95)}`,
        target: 'p95 <= 20 ms',
        met: l.completion.p95 <= 20,
        note: `${l.completion.items} items`,
      });
      rows.push({
        measure: 'LSP S: completion p50 / p95',
        figure: `${fmtMs(s.completion.p50)} / ${fmtMs(s.completion.p95)}`,
        note: `L/S p95 ${fmtX(l.completion.p95 / s.completion.p95)}`,
      });
      rows.push({
        measure: 'LSP L: hover p50 / p95 (200 requests, persona id)',
        figure: `${fmtMs(l.hover.p50)} / ${fmtMs(l.hover.p95)}`,
        target: 'p95 <= 20 ms',
        met: l.hover.p95 <= 20,
      });
      rows.push({
        measure: 'LSP S: hover p50 / p95',
        figure: `${fmtMs(s.hover.p50)} / ${fmtMs(s.hover.p95)}`,
        note: `L/S p95 ${fmtX(l.hover.p95 / s.hover.p95)}`,
      });
      rows.push(...lensInlayRows('L', l));
      rows.push(memoryRow('LSP L', l));
    }
  }

  if (want('matcher')) {
    log('matcher: 200 vs 20,000 labels...');
    const m = measureMatcher();
    if (m)
      rows.push({
        measure: `Term matcher: one text, ${m.small.labels} vs ${m.large.labels.toLocaleString('en')} labels (scan ${fmtMs(m.small.scanMs)} vs ${fmtMs(m.large.scanMs)})`,
        figure: fmtX(m.ratio),
        target: '<= 1.5x',
        met: m.ratio <= 1.5,
      });
  }

  if (want('spectral')) {
    for (const [name, ws, limit] of [
      ['M', M, 5 * 60_000],
      ['L', L, 6 * 60_000],
    ] as const) {
      log(`spectral: ${name}...`);
      const sp = await measureSpectral(ws.dir, limit);
      const found = sp.run.timedOut
        ? `stopped after ${fmtS(sp.run.wallMs)}`
        : `${fmtS(sp.run.wallMs)}, ${fmtMb(sp.run.peakRssMb)}`;
      rows.push({
        measure: `Peer: Stoplight Spectral, schema + touchpoint-owner ruleset, ${name}`,
        figure: found,
        note: sp.run.timedOut
          ? 'time limit of the bench run'
          : `${sp.touchpointOwner} unowned touchpoints (planted ${ws.manifest.expected['touchpoint-owner']}), ${sp.schema} schema errors (planted ${ws.manifest.expected.schema})`,
      });
      if (name === 'L' && want('cli')) {
        const cold = rows.find((r) => r.measure.startsWith('`cx-taxonomy lint` L, cold, end'));
        const ours = cold ? Number(/^([\d.]+) s/.exec(cold.figure)?.[1]) * 1000 : NaN;
        rows.push({
          measure: 'Spectral L / `cx-taxonomy lint` L cold',
          figure: `${sp.run.timedOut ? '> ' : ''}${fmtX(sp.run.wallMs / ours)}`,
          target: '>= 15x',
          met: sp.run.wallMs / ours >= 15,
        });
      }
    }
  }

  const load1 = os.loadavg();
  header.push(
    `Load average at start ${load0.map((x) => x.toFixed(1)).join(' / ')}, at end ${load1.map((x) => x.toFixed(1)).join(' / ')} (1 / 5 / 15 min). The whole run took ${fmtS(performance.now() - began)}.`,
  );
  const table = renderTable(rows, header);
  process.stdout.write(`\n${table}`);
  if (!argv.includes('--no-write')) writeResults(path.join(ROOT, 'BENCHMARKS.md'), table);
}

/**
 * The language server's resident memory after its initial index: once it has been idle for a
 * moment and run the collection that gives back its young generation (what it holds while an
 * analyst works), with the figure right at "ready" beside it. Judged on the first; without it
 * (the server never logged the collection), on the second.
 */
function memoryRow(what: string, f: LspFigures): Row {
  const settled = f.rssIdleMb ?? f.rssAfterIndexMb;
  return {
    measure: `${what}: resident memory after indexing, once idle`,
    figure: f.rssIdleMb === undefined ? `${fmtMb(f.rssAfterIndexMb)} (no idle collection seen)` : fmtMb(f.rssIdleMb),
    target: '<= 450 MB',
    met: settled <= 450,
    note: `${fmtMb(f.rssAfterIndexMb)} right at ready`,
  };
}

/** The rows of a cold then warm lint of one workspace, with their targets as fractions of the floor. */
function cliRows(
  cli: CliFigures,
  floor: { totalMs: number },
  o: { workspace: string; coldNote: string; cold: number; warm: number },
): Row[] {
  const ofFloor = (ms: number) => `${fmtS(ms)} = ${fmtX(ms / floor.totalMs)} floor`;
  return [
    {
      measure: `\`cx-taxonomy lint\` ${o.workspace}, cold, end to end (${o.coldNote}; fastest of ${COLD_RUNS})`,
      figure: ofFloor(cli.cold.wallMs),
      target: `<= ${o.cold}x floor`,
      met: cli.cold.wallMs <= o.cold * floor.totalMs,
      note: cli.mismatches.length ? cli.mismatches.join('; ') : 'every planted problem found',
    },
    {
      measure: `\`cx-taxonomy lint\` ${o.workspace}, cold: peak memory (the highest of ${COLD_RUNS})`,
      figure: fmtMb(cli.cold.peakRssMb),
      target: '<= 450 MB',
      met: cli.cold.peakRssMb <= 450,
    },
    cli.warm
      ? {
          measure: `\`cx-taxonomy lint --cache\` ${o.workspace} again, nothing changed (fastest of ${WARM_RUNS})`,
          figure: ofFloor(cli.warm.wallMs),
          target: `<= ${o.warm}x floor`,
          met: cli.warm.wallMs <= o.warm * floor.totalMs,
        }
      : {
          measure: `\`cx-taxonomy lint\` ${o.workspace} again, nothing changed`,
          figure: 'no --cache in this build',
          target: `<= ${o.warm}x floor`,
          met: false,
        },
  ];
}

/** The styled L (issue 16): cold lint, its memory, the server's initial index, and the fast path's fallbacks. */
async function measureStyled(
  ws: { dir: string; manifest: Manifest },
  cleanDir: string,
  cliJs: string,
  serverJs: string,
  floor: { totalMs: number },
  measureFloorAgain: () => void,
  sDir?: { dir: string; manifest: Manifest },
): Promise<Row[]> {
  const rows: Row[] = [];
  process.stderr.write('styled: cx-taxonomy lint of the styled L, cold then warm...\n');
  const cli = await measureCli(ws.dir, ws.manifest, cliJs, RULE_IDS, 20 * 60_000);
  let lsp: LspFigures | undefined;
  if (existsSync(serverJs)) {
    process.stderr.write('styled: language server initial index of the styled L...\n');
    lsp = await measureLsp({
      serverJs,
      dir: ws.dir,
      journey: ws.manifest.benchJourney,
      requests: 200,
      timeoutMs: 15 * 60_000,
      settle: true,
    });
  }
  // The L/S edit ratio needs S's edits measured in the same stretch of the run.
  const s =
    lsp && sDir
      ? await measureLsp({
          serverJs,
          dir: sDir.dir,
          journey: sDir.manifest.benchJourney,
          requests: 200,
          timeoutMs: 5 * 60_000,
        })
      : undefined;
  measureFloorAgain();
  rows.push(
    ...cliRows(cli, floor, { workspace: 'styled L', coldNote: "the floor is the clean L's", cold: 0.5, warm: 0.05 }),
  );
  if (lsp) {
    rows.push({
      measure: 'LSP styled L: initialize -> last diagnostics of the initial index',
      figure: `${fmtS(lsp.initialIndexMs)} = ${fmtX(lsp.initialIndexMs / floor.totalMs)} floor`,
      target: '<= 0.7x floor',
      met: lsp.initialIndexMs <= 0.7 * floor.totalMs,
      note: `${lsp.diagnosticsPublished.toLocaleString('en')} files published; ready at ${fmtS(lsp.readyMs)}`,
    });
    rows.push({
      measure: 'LSP styled L: edit -> fresh diagnostics, p50 / p95 (200 edits of one journey)',
      figure: `${fmtMs(lsp.edit.p50)} / ${fmtMs(lsp.edit.p95)}`,
      target: 'p95 <= 50 ms',
      met: lsp.edit.p95 <= 50,
    });
    if (s)
      rows.push({
        measure: 'LSP edit p95, styled L / S (S measured right after)',
        figure: `${fmtX(lsp.edit.p95 / s.edit.p95)} (S: ${fmtMs(s.edit.p50)} / ${fmtMs(s.edit.p95)})`,
        target: '<= 2',
        met: lsp.edit.p95 / s.edit.p95 <= 2,
      });
    rows.push(memoryRow('LSP styled L', lsp));
  }
  const styled = fastPathFallbacks(ws.dir);
  const clean = fastPathFallbacks(cleanDir);
  const pct = (f: { yamlFiles: number; fallbacks: number }) =>
    `${f.fallbacks.toLocaleString('en')} of ${f.yamlFiles.toLocaleString('en')} (${((100 * f.fallbacks) / f.yamlFiles).toFixed(1)}%)`;
  rows.push({
    measure: 'YAML files the fast path declines (full parse instead), styled L / clean L',
    figure: `${pct(styled)} / ${pct(clean)}`,
  });
  return rows;
}

/** The rows of usage lens and inlay hint latency (issue 15: p95 <= 20 ms on L). */
export function lensInlayRows(size: string, f: LspFigures): Row[] {
  return [
    {
      measure: `LSP ${size}: code lens request p50 / p95 (${f.codeLens.n} requests over a teams file, a glossary, a persona, a segment, a KPI)`,
      figure: `${fmtMs(f.codeLens.p50)} / ${fmtMs(f.codeLens.p95)}`,
      target: 'p95 <= 20 ms',
      met: f.codeLens.p95 <= 20,
      note: `up to ${f.codeLens.lenses} lenses a file`,
    },
    {
      measure: `LSP ${size}: code lens resolve p50 / p95 (every lens of those requests)`,
      figure: `${fmtMs(f.codeLensResolve.p50)} / ${fmtMs(f.codeLensResolve.p95)}`,
      target: 'p95 <= 20 ms',
      met: f.codeLensResolve.p95 <= 20,
      note: `${f.codeLensResolve.n} resolves; the first ${fmtMs(f.codeLensResolve.firstMs)}; slowest ${f.codeLensResolve.slowest}`,
    },
    {
      measure: `LSP ${size}: a click on a lens with too many places to send with it (cxTaxonomy/usagePlaces), p50 / p95`,
      figure: `${fmtMs(f.usagePlaces.p50)} / ${fmtMs(f.usagePlaces.p95)}`,
      note: `${f.usagePlaces.n} requests, up to ${f.usagePlaces.places.toLocaleString('en')} places`,
    },
    {
      measure: `LSP ${size}: inlay hints p50 / p95 (${f.inlayHint.n} requests, the whole edited journey)`,
      figure: `${fmtMs(f.inlayHint.p50)} / ${fmtMs(f.inlayHint.p95)}`,
      target: 'p95 <= 20 ms',
      met: f.inlayHint.p95 <= 20,
      note: `${f.inlayHint.hints} hints`,
    },
  ];
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err instanceof Error ? err.stack : err);
      process.exit(1);
    },
  );
}

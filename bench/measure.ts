/** Small measuring helpers shared by the benchmark harness: processes, memory, percentiles. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, openSync, closeSync } from 'node:fs';

/** The p-th percentile (nearest rank) of some samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function statusField(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Resident memory of a process and every process it started, now, in KB (Linux /proc), or NaN:
 * the language server over stdio may serve from a child process it starts (lsp/serverThread.ts),
 * and both count.
 */
export function rssOf(pid: number): number {
  let total = statusField(pid, 'VmRSS');
  for (const child of childrenOf(pid)) total += rssOf(child);
  return total;
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .split(' ')
        .filter((s) => s.trim() !== '')
        .map(Number),
    );
  } catch {
    return [];
  }
}

export interface ProcessRun {
  wallMs: number;
  /** Peak resident memory in MB: from /usr/bin/time -v when installed, else polled from /proc. */
  peakRssMb: number;
  code: number | null;
  timedOut: boolean;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

/**
 * Runs a command to completion, its output to a file, and measures its wall time (process start
 * included) and peak memory. A run over `timeoutMs` is stopped and marked as timed out.
 */
export function runProcess(
  cmd: string,
  args: readonly string[],
  opts: { cwd: string; stdoutFile: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<ProcessRun> {
  const useTime = existsSync(GNU_TIME);
  const out = openSync(opts.stdoutFile, 'w');
  const start = performance.now();
  // Its own process group, so a time limit stops the command and not only GNU time.
  const child = useTime
    ? spawn(GNU_TIME, ['-v', cmd, ...args], {
        cwd: opts.cwd,
        stdio: ['ignore', out, 'pipe'],
        env: opts.env ?? process.env,
        detached: true,
      })
    : spawn(cmd, args, { cwd: opts.cwd, stdio: ['ignore', out, 'pipe'], env: opts.env ?? process.env, detached: true });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 1_000_000) stderr = stderr.slice(-100_000);
  });
  let polledPeak = 0;
  const poll = setInterval(() => {
    // Without GNU time, the child is the command itself: its high-water mark is the peak.
    if (!useTime && child.pid) polledPeak = Math.max(polledPeak, statusField(child.pid, 'VmHWM') || 0);
  }, 50);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }, opts.timeoutMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      clearInterval(poll);
      clearTimeout(timer);
      closeSync(out);
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const peakKb = m ? Number(m[1]) : polledPeak;
      const exit = useTime ? /Exit status: (\d+)/.exec(stderr) : null;
      resolve({
        wallMs,
        peakRssMb: peakKb / 1024,
        code: exit ? Number(exit[1]) : code,
        timedOut,
        stderr: useTime ? stderr.replace(/\tCommand being timed[\s\S]*$/, '') : stderr,
      });
    });
  });
}

import type { FileReport } from '../report';
import { totalsOf } from '../report';

/** Terminal colours, or none. */
export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export function paint(enabled: boolean): Paint {
  if (!enabled) {
    const id = (s: string) => s;
    return { red: id, yellow: id, blue: id, dim: id, bold: id, underline: id };
  }
  return { red: wrap(31, 39), yellow: wrap(33, 39), blue: wrap(34, 39), dim: wrap(2, 22), bold: wrap(1, 22), underline: wrap(4, 24) };
}

/** The readable default, in the manner of ESLint's "stylish": grouped by file, a summary last. */
export function formatStylish(reports: readonly FileReport[], p: Paint): string {
  const out: string[] = [];
  for (const r of reports) {
    if (!r.diagnostics.length) continue;
    out.push(p.underline(r.filePath));
    const rows = r.diagnostics.map((d) => {
      const sev = d.severity === 'error' ? p.red('error') : d.severity === 'warning' ? p.yellow('warning') : p.blue(d.severity);
      return [`${d.range.start.line + 1}:${d.range.start.character + 1}`, sev, d.message, p.dim(d.ruleId)];
    });
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...r.diagnostics.map((d) => d.severity.length));
    for (const row of rows) {
      const sevPlain = row[1].replace(/\u001b\[\d+m/g, '');
      out.push(`  ${row[0].padEnd(w0)}  ${row[1]}${' '.repeat(w1 - sevPlain.length)}  ${row[2]}  ${row[3]}`);
    }
    out.push('');
  }
  const t = totalsOf(reports);
  const problems = t.errors + t.warnings + t.infos + t.hints;
  if (problems === 0) {
    out.push(`No problems in ${t.files} file${t.files === 1 ? '' : 's'}.`);
  } else {
    const parts = [`${t.errors} error${t.errors === 1 ? '' : 's'}`, `${t.warnings} warning${t.warnings === 1 ? '' : 's'}`];
    if (t.infos) parts.push(`${t.infos} info`);
    if (t.hints) parts.push(`${t.hints} hint${t.hints === 1 ? '' : 's'}`);
    const line = `✖ ${problems} problem${problems === 1 ? '' : 's'} (${parts.join(', ')}) in ${t.files} file${t.files === 1 ? '' : 's'}`;
    out.push(t.errors ? p.red(p.bold(line)) : p.yellow(p.bold(line)));
  }
  return out.join('\n') + '\n';
}

import { paint } from '../color';
import { terminalText } from '../../core/text/escape';
import { fixableCounts } from '../fix';
import { absolutePathOf, countsText, plural, totalsOf, type FileReport, type FormatContext } from '../report';

/** The readable default, in the manner of ESLint's "stylish": grouped by file, a summary last. */
export function formatStylish(reports: readonly FileReport[], ctx: Pick<FormatContext, 'color' | 'cwd'>): string {
  const p = paint(ctx.color);
  const out: string[] = [];
  for (const r of reports) {
    if (!r.diagnostics.length) continue;
    // A file name is user text too: a name holding a line break or starting with `::` is shown, not run.
    out.push(p.underline(terminalText(r.filePath)));
    const pos = r.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}`);
    const w0 = Math.max(...pos.map((s) => s.length));
    const w1 = Math.max(...r.diagnostics.map((d) => d.severity.length));
    r.diagnostics.forEach((d, i) => {
      const sev = d.severity.padEnd(w1);
      const coloured = d.severity === 'error' ? p.red(sev) : d.severity === 'warning' ? p.yellow(sev) : p.blue(sev);
      out.push(`  ${p.dim(pos[i].padEnd(w0))}  ${coloured}  ${terminalText(d.message)}  ${p.dim(d.ruleId)}`);
    });
    out.push('');
  }
  const t = totalsOf(reports);
  const problems = t.errors + t.warnings + t.infos + t.hints;
  if (problems === 0) {
    out.push(p.green(`No problems in ${plural(t.files, 'file')}.`));
  } else {
    const line = `✖ ${plural(problems, 'problem')} (${countsText(t)}) in ${plural(t.files, 'file')}`;
    out.push(t.errors ? p.red(p.bold(line)) : p.yellow(p.bold(line)));
    // As ESLint: say how many of them `--fix` would fix.
    let errors = 0;
    let warnings = 0;
    for (const r of reports) {
      const f = fixableCounts(r.diagnostics, absolutePathOf(r, ctx.cwd));
      errors += f.errors;
      warnings += f.warnings;
    }
    if (errors + warnings > 0) {
      const fixable = `  ${plural(errors, 'error')} and ${plural(warnings, 'warning')} potentially fixable with the \`--fix\` option.`;
      out.push(errors ? p.red(p.bold(fixable)) : p.yellow(p.bold(fixable)));
    }
  }
  return out.join('\n') + '\n';
}

import { mdCell, mdCode } from '../../core/text/escape';
import { countsText, plural, totalsOf, type FileReport, type FormatContext } from '../report';

/** Beyond this many rows the problem table is cut: a job summary holds at most 1 MiB. */
const MAX_ROWS = 500;

const ICON: Record<string, string> = { error: '❌', warning: '⚠️', info: 'ℹ️', hint: '💡' };

/** A link to a file line on GitHub when the run is a GitHub Actions job, else the path in code. */
function fileCell(relativePath: string, line: number, env: NodeJS.ProcessEnv): string {
  const label = mdCode(`${relativePath}:${line}`);
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  if (!server || !repo || !sha || relativePath.startsWith('../')) return label;
  const url = `${server}/${repo}/blob/${sha}/${relativePath.split('/').map(encodeURIComponent).join('/')}#L${line}`;
  return `[${label}](${url.replace(/[()]/g, (c) => encodeURIComponent(c))})`;
}

/**
 * A Markdown summary for a job summary (`$GITHUB_STEP_SUMMARY`) or a pull-request comment: the
 * totals, a count per rule, then every problem in a table (cut at 500 rows).
 */
export function formatMarkdown(reports: readonly FileReport[], ctx: FormatContext): string {
  const t = totalsOf(reports);
  const problems = t.errors + t.warnings + t.infos + t.hints;
  const out: string[] = [];
  if (problems === 0) {
    out.push(`### ✅ cx-taxonomy: no problems in ${plural(t.files, 'file')}`, '');
    return out.join('\n');
  }
  out.push(
    `### ${t.errors ? '❌' : '⚠️'} cx-taxonomy: ${plural(problems, 'problem')} (${countsText(t)}) in ${plural(t.files, 'file')}`,
    '',
  );
  const byRule = new Map<string, { severity: string; count: number }>();
  for (const r of reports) {
    for (const d of r.diagnostics) {
      const e = byRule.get(d.ruleId) ?? { severity: d.severity, count: 0 };
      e.count++;
      byRule.set(d.ruleId, e);
    }
  }
  const description = new Map(ctx.rules.map((r) => [r.id, r.description]));
  out.push('| Rule | Severity | Problems | What it checks |', '| --- | --- | ---: | --- |');
  for (const [id, e] of [...byRule].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))) {
    out.push(
      `| ${mdCode(id)} | ${ICON[e.severity] ?? ''} ${e.severity} | ${e.count} | ${mdCell(description.get(id) ?? '')} |`,
    );
  }
  out.push('', '| Severity | File | Rule | Problem |', '| --- | --- | --- | --- |');
  let rows = 0;
  for (const r of reports) {
    for (const d of r.diagnostics) {
      if (rows++ >= MAX_ROWS) continue;
      out.push(
        `| ${ICON[d.severity] ?? ''} ${d.severity} | ${fileCell(r.relativePath, d.range.start.line + 1, ctx.env)} | ${mdCode(d.ruleId)} | ${mdCell(d.message)} |`,
      );
    }
  }
  if (rows > MAX_ROWS) out.push('', `_…and ${rows - MAX_ROWS} more; see the full report in the job's other outputs._`);
  out.push('');
  return out.join('\n');
}

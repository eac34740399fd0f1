import { xmlAttr, xmlText } from '../escape';
import { totalsOf, type FileReport } from '../report';

/**
 * JUnit XML as Jenkins, GitLab and Azure DevOps read it, laid out as ESLint's JUnit formatter:
 * one `<testsuite>` per file; a file with no problems is one passing `<testcase>`, a file with
 * problems has one `<testcase>` per problem, each with its single `<failure>`. (Readers show only
 * the first `<failure>` of a testcase, so one testcase per problem keeps every problem visible.)
 */
export function formatJunit(reports: readonly FileReport[]): string {
  const t = totalsOf(reports);
  const failures = t.errors + t.warnings + t.infos + t.hints;
  const tests = reports.reduce((n, r) => n + Math.max(1, r.diagnostics.length), 0);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="cx-taxonomy" tests="${tests}" failures="${failures}" errors="0" time="0">`);
  for (const r of reports) {
    const name = xmlAttr(r.relativePath);
    const n = r.diagnostics.length;
    out.push(`  <testsuite name="${name}" package="cx-taxonomy" tests="${Math.max(1, n)}" failures="${n}" errors="0" skipped="0" time="0">`);
    if (n === 0) out.push(`    <testcase name="${name}" classname="${name}" file="${name}" time="0" />`);
    for (const d of r.diagnostics) {
      const at = `${d.range.start.line + 1}:${d.range.start.character + 1}`;
      out.push(`    <testcase name="${xmlAttr(`${r.relativePath}:${at} ${d.ruleId}`)}" classname="${name}" file="${name}" line="${d.range.start.line + 1}" time="0">`);
      out.push(
        `      <failure message="${xmlAttr(d.message)}" type="${xmlAttr(d.ruleId)}">${xmlText(`${d.severity} at ${r.relativePath}:${at}: ${d.message} (${d.ruleId})`)}</failure>`,
      );
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

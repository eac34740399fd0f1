import { xmlAttr, xmlText } from '../../core/text/escape';
import { totalsOf, type FileReport } from '../report';

/**
 * JUnit XML as Jenkins and GitLab read it: one `<testsuite>` for the run, one `<testcase>` per
 * linted file (so a clean file shows as a passing test), and one `<failure>` per problem in it.
 * Each failure's message names its line and rule, and its body repeats the location, so a reader
 * that shows only part of a testcase still points the user at the right place.
 */
export function formatJunit(reports: readonly FileReport[]): string {
  const t = totalsOf(reports);
  const failures = t.errors + t.warnings + t.infos + t.hints;
  const failed = reports.filter((r) => r.diagnostics.length > 0).length;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="cx-taxonomy" tests="${reports.length}" failures="${failed}" errors="0" time="0">`);
  out.push(
    `  <testsuite name="cx-taxonomy" package="cx-taxonomy" tests="${reports.length}" failures="${failed}" errors="0" skipped="0" time="0">`,
  );
  for (const r of reports) {
    const name = xmlAttr(r.relativePath);
    if (r.diagnostics.length === 0) {
      out.push(`    <testcase name="${name}" classname="cx-taxonomy" file="${name}" time="0" />`);
      continue;
    }
    out.push(`    <testcase name="${name}" classname="cx-taxonomy" file="${name}" time="0">`);
    for (const d of r.diagnostics) {
      const at = `${d.range.start.line + 1}:${d.range.start.character + 1}`;
      out.push(
        `      <failure message="${xmlAttr(`${at} ${d.message}`)}" type="${xmlAttr(d.ruleId)}" line="${d.range.start.line + 1}">${xmlText(`${d.severity} at ${r.relativePath}:${at}: ${d.message} (${d.ruleId})`)}</failure>`,
      );
    }
    out.push('    </testcase>');
  }
  out.push('  </testsuite>');
  out.push('</testsuites>');
  // `failures` counts failing testcases, as readers expect; the problem count is in the comment.
  out.push(`<!-- ${failures} problem${failures === 1 ? '' : 's'} in ${failed} file${failed === 1 ? '' : 's'} -->`);
  return out.join('\n') + '\n';
}

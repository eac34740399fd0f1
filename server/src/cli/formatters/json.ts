import type { Rule, TaxonomyDiagnostic } from '../../core';
import { jsonText } from '../../core/text/escape';
import { fixableCounts } from '../fix';
import { absolutePathOf, type FileReport, type FormatContext } from '../report';

/** One finding as an ESLint message; a finding of a rule that says the file could not be read or parsed is `fatal`. */
function messageOf(d: TaxonomyDiagnostic, fatal: ReadonlySet<string>) {
  return {
    ruleId: d.ruleId,
    severity: d.severity === 'error' ? 2 : 1,
    cxSeverity: d.severity,
    ...(fatal.has(d.ruleId) ? { fatal: true } : {}),
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
  };
}

/**
 * ESLint's JSON shape, so tooling that reads ESLint reports reads ours: an absolute `filePath`;
 * `severity` 2 is an error, 1 anything milder (the exact severity is kept in `cxSeverity`), but
 * only warnings count in `warningCount`, as in the stylish summary and `--max-warnings`; a file
 * that cannot be read or parsed has `fatal` messages, counted in `fatalErrorCount` when errors;
 * `fixable*Count` count what `--fix` would fix; `output` is the fixed text, only when fixed.
 */
export function formatJson(reports: readonly FileReport[], ctx: Pick<FormatContext, 'cwd' | 'rules'>): string {
  const fatal = new Set(ctx.rules.filter((r: Rule) => r.fatal).map((r) => r.id));
  return (
    jsonText(
      reports.map((r) => {
        const filePath = absolutePathOf(r, ctx.cwd);
        const messages = r.diagnostics.map((d) => messageOf(d, fatal));
        // As ESLint: a silenced finding with the directives that silence it and their reasons.
        const suppressedMessages = (r.suppressed ?? []).map((d) => ({
          ...messageOf(d, fatal),
          suppressions: d.suppressions,
        }));
        const errors = r.diagnostics.filter((d) => d.severity === 'error');
        const fixable = fixableCounts(r.diagnostics, filePath);
        return {
          filePath,
          messages,
          suppressedMessages,
          errorCount: errors.length,
          fatalErrorCount: errors.filter((d) => fatal.has(d.ruleId)).length,
          warningCount: r.diagnostics.filter((d) => d.severity === 'warning').length,
          fixableErrorCount: fixable.errors,
          fixableWarningCount: fixable.warnings,
          ...(r.output !== undefined ? { output: r.output } : {}),
          usedDeprecatedRules: [],
        };
      }),
    ) + '\n'
  );
}

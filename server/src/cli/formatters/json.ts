import type { TaxonomyDiagnostic } from '../../core';
import { jsonText } from '../escape';
import type { FileReport } from '../report';

/** One finding as an ESLint message. */
function messageOf(d: TaxonomyDiagnostic) {
  return {
    ruleId: d.ruleId,
    severity: d.severity === 'error' ? 2 : 1,
    cxSeverity: d.severity,
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
  };
}

/**
 * ESLint's JSON shape, so tooling that reads ESLint reports reads ours: `severity` 2 is an error,
 * 1 anything milder (the exact severity is kept in `cxSeverity`).
 */
export function formatJson(reports: readonly FileReport[]): string {
  return (
    jsonText(
      reports.map((r) => {
        const messages = r.diagnostics.map(messageOf);
        // As ESLint: a silenced finding with the directives that silence it and their reasons.
        const suppressedMessages = (r.suppressed ?? []).map((d) => ({ ...messageOf(d), suppressions: d.suppressions }));
        const errorCount = r.diagnostics.filter((d) => d.severity === 'error').length;
        return {
          filePath: r.filePath,
          messages,
          suppressedMessages,
          errorCount,
          fatalErrorCount: 0,
          warningCount: messages.length - errorCount,
          fixableErrorCount: 0,
          fixableWarningCount: 0,
          usedDeprecatedRules: [],
        };
      }),
    ) + '\n'
  );
}

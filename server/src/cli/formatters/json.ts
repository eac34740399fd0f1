import type { FileReport } from '../report';

/** ESLint's JSON shape, so existing tooling that reads ESLint reports reads ours. */
export function formatJson(reports: readonly FileReport[]): string {
  return (
    JSON.stringify(
      reports.map((r) => {
        const messages = r.diagnostics.map((d) => ({
          ruleId: d.ruleId,
          severity: d.severity === 'error' ? 2 : 1,
          message: d.message,
          line: d.range.start.line + 1,
          column: d.range.start.character + 1,
          endLine: d.range.end.line + 1,
          endColumn: d.range.end.character + 1,
        }));
        return {
          filePath: r.filePath,
          messages,
          errorCount: r.diagnostics.filter((d) => d.severity === 'error').length,
          warningCount: r.diagnostics.filter((d) => d.severity !== 'error').length,
        };
      }),
      null,
      2,
    ) + '\n'
  );
}

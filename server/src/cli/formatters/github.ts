import { ghData, ghProperty } from '../../core/text/escape';
import type { FileReport } from '../report';

/**
 * GitHub Actions workflow commands: each problem becomes an annotation on the pull request.
 * Errors are `::error`, warnings `::warning`, info and hints `::notice`. Values are escaped with
 * the runner's rules: `%`, CR and LF everywhere, and `:` and `,` in properties too.
 */
export function formatGithub(reports: readonly FileReport[]): string {
  const out: string[] = [];
  for (const r of reports) {
    for (const d of r.diagnostics) {
      const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      const props = [
        `file=${ghProperty(r.relativePath)}`,
        `line=${d.range.start.line + 1}`,
        `col=${d.range.start.character + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `endColumn=${d.range.end.character + 1}`,
        `title=${ghProperty(d.ruleId)}`,
      ];
      out.push(`::${command} ${props.join(',')}::${ghData(d.message)}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}

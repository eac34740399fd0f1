import * as path from 'node:path';
import type { Rule, SuppressedDiagnostic, TaxonomyDiagnostic } from '../core';

/** One file's problems, as every formatter receives them. */
export interface FileReport {
  /** The path as the user should see it (relative to the working folder, native separators). */
  filePath: string;
  /** The path relative to the working folder with forward slashes: the SARIF `%SRCROOT%` and annotation path. */
  relativePath: string;
  /** The file's text, for formatters that quote the offending line. */
  source?: string;
  diagnostics: TaxonomyDiagnostic[];
  /**
   * Findings a `cx-taxonomy-disable` comment silences: the JSON and SARIF reports list them as
   * suppressed, the other formats leave them out, and they never count toward the exit code.
   */
  suppressed?: SuppressedDiagnostic[];
  /** The file's whole new content after `--fix` or `--fix-dry-run`, present only when a fix changed it. */
  output?: string;
}

/** The absolute path of a report's file: ESLint's JSON `filePath`, and the file its fixes edit. */
export function absolutePathOf(r: FileReport, cwd: string): string {
  return path.resolve(cwd, r.filePath);
}

/** Counts used by the summary line and the exit code. */
export interface Totals {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  files: number;
}

export function totalsOf(reports: readonly FileReport[]): Totals {
  const t: Totals = { errors: 0, warnings: 0, infos: 0, hints: 0, files: reports.length };
  for (const r of reports) {
    for (const d of r.diagnostics) {
      if (d.severity === 'error') t.errors++;
      else if (d.severity === 'warning') t.warnings++;
      else if (d.severity === 'info') t.infos++;
      else t.hints++;
    }
  }
  return t;
}

/** `--quiet`: errors only, as if the other problems had never been found (ESLint 9 behaves so). */
export function errorsOnly(reports: readonly FileReport[]): FileReport[] {
  return reports.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === 'error') }));
}

/** Everything a formatter may need beyond the reports. */
export interface FormatContext {
  /** Every rule, in registry order (SARIF lists them as reporting descriptors). */
  rules: readonly Rule[];
  /** The tool's version. */
  version: string;
  /** The absolute working folder: the SARIF `%SRCROOT%`. */
  cwd: string;
  /** Whether terminal colours are wanted (stylish only). */
  color: boolean;
  env: NodeJS.ProcessEnv;
}

/** A report format: pure text from the reports. */
export type Formatter = (reports: readonly FileReport[], ctx: FormatContext) => string;

/** "1 error", "2 warnings". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "3 errors, 1 warning, 2 hints" (zero counts of info and hints left out). */
export function countsText(t: Totals): string {
  const parts = [plural(t.errors, 'error'), plural(t.warnings, 'warning')];
  if (t.infos) parts.push(`${t.infos} info`);
  if (t.hints) parts.push(plural(t.hints, 'hint'));
  return parts.join(', ');
}

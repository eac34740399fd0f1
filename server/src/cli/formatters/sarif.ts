import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  diagnosticOrder,
  LineIndex,
  type Range,
  type Rule,
  type Suppression,
  type TaxonomyDiagnostic,
} from '../../core';
import { jsonText } from '../../core/text/escape';
import { reportPath } from '../render/paths';
import { INFORMATION_URI, TOOL_NAME } from '../product';
import type { FileReport, FormatContext } from '../report';

/** The base every result's file is relative to; GitHub code scanning resolves it to the checkout. */
const SRCROOT = '%SRCROOT%';

/** The name of our fingerprint in `partialFingerprints`; bump the version if the recipe changes. */
const FINGERPRINT_KEY = 'cxTaxonomy/v1';

type SarifLevel = 'error' | 'warning' | 'note';

function levelOf(severity: TaxonomyDiagnostic['severity']): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** A SARIF region: 1-based lines and columns, the end column just past the last character (UTF-16 units, see `columnKind`). */
function regionOf(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function artifactLocation(relativePath: string) {
  // Each path segment is percent-encoded so spaces or `#` in a file name still make a valid URI.
  return { uri: relativePath.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function descriptor(rule: Rule) {
  const level = levelOf(rule.defaultSeverity);
  const how = (code: (s: string) => string) =>
    `Default severity: ${rule.defaultSeverity}. Change it in cx-taxonomy.config.yaml (${code(`rules: { ${rule.id}: ${rule.defaultSeverity === 'error' ? 'warning' : 'error'} }`)}) ` +
    `or for one run with ${code(`--rule ${rule.id}=off`)}.`;
  const help = {
    text: `${rule.description}\n\n${how((s) => s)}`,
    markdown: `${rule.description}\n\n${how((s) => `\`${s}\``)}`,
  };
  return {
    id: rule.id,
    name: rule.id
      .split('-')
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    help,
    helpUri: `${INFORMATION_URI}#rules`,
    defaultConfiguration: { level },
    properties: { tags: ['taxonomy'] },
  };
}

/**
 * A fingerprint that survives the offending line moving: the rule, the file, the trimmed text of
 * the line (not its number) and how many earlier results of the same rule sit on identical lines
 * of the same file. GitHub code scanning matches alerts across commits with it.
 */
function fingerprint(ruleId: string, relativePath: string, lineText: string, occurrence: number): string {
  const h = createHash('sha256')
    .update(`${ruleId}\u0000${relativePath}\u0000${lineText.trim()}\u0000${occurrence}`)
    .digest('hex');
  return `${h.slice(0, 32)}:${occurrence + 1}`;
}

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, every rule as a
 * reporting descriptor, each result with a `%SRCROOT%`-relative location, related locations and
 * a stable partial fingerprint.
 */
export function formatSarif(reports: readonly FileReport[], ctx: FormatContext): string {
  const ruleIndex = new Map(ctx.rules.map((r, i) => [r.id, i]));
  const results: unknown[] = [];
  for (const r of reports) {
    const source = r.diagnostics.length || r.suppressed?.length ? r.source : undefined;
    const lines = source !== undefined ? new LineIndex(source) : undefined;
    const seen = new Map<string, number>();
    // Silenced findings are results too, marked `inSource` with the reason written, in place
    // among the others so that a finding keeps its fingerprint when it is silenced.
    const all: (TaxonomyDiagnostic & { suppressions?: Suppression[] })[] = r.suppressed?.length
      ? [...r.diagnostics, ...r.suppressed].sort(diagnosticOrder)
      : r.diagnostics;
    for (const d of all) {
      const lineText = lines?.lineText(d.range.start.line) ?? '';
      const key = `${d.ruleId}\u0000${lineText.trim()}`;
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      const index = ruleIndex.get(d.ruleId);
      results.push({
        ruleId: d.ruleId,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: levelOf(d.severity),
        message: { text: d.message },
        locations: [
          { physicalLocation: { artifactLocation: artifactLocation(r.relativePath), region: regionOf(d.range) } },
        ],
        ...(d.related?.length
          ? {
              relatedLocations: d.related.map((rel, i) => ({
                id: i + 1,
                physicalLocation: {
                  artifactLocation: artifactLocation(reportPath(rel.location.uri, ctx.cwd)),
                  region: regionOf(rel.location.range),
                },
                message: { text: rel.message },
              })),
            }
          : {}),
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(d.ruleId, r.relativePath, lineText, occurrence) },
        ...(d.severity === 'hint' || d.severity === 'info' ? { properties: { severity: d.severity } } : {}),
        ...(d.suppressions
          ? {
              suppressions: d.suppressions.map((s) => ({
                kind: s.kind === 'file' ? 'external' : 'inSource',
                ...(s.justification ? { justification: s.justification } : {}),
              })),
            }
          : {}),
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: ctx.version,
            ...(/^\d+\.\d+\.\d+/.test(ctx.version) ? { semanticVersion: ctx.version } : {}),
            informationUri: INFORMATION_URI,
            rules: ctx.rules.map(descriptor),
          },
        },
        originalUriBaseIds: {
          [SRCROOT]: { uri: pathToFileURL(ctx.cwd.endsWith(path.sep) ? ctx.cwd : ctx.cwd + path.sep).href },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return jsonText(log) + '\n';
}

import {
  createTaxonomyWorkspace,
  parseConfig,
  RULE_IDS,
  type TaxonomyDiagnostic,
  type TaxonomyConfig,
  type TaxonomyWorkspace,
} from '../../server/src/core';

/** Joins lines with '\n' so fixtures read as the YAML they hold. */
export function lines(...ls: string[]): string {
  return ls.join('\n') + '\n';
}

/** The marker tests put in fixture text to say "the cursor is here". */
export const CURSOR = '$$';

/** Removes the cursor marker and returns the text and the marker's offset. */
export function withCursor(text: string): { text: string; offset: number } {
  const offset = text.indexOf(CURSOR);
  if (offset < 0) throw new Error('fixture has no $$ cursor marker');
  return { text: text.slice(0, offset) + text.slice(offset + CURSOR.length), offset };
}

/** An in-memory workspace: files keyed by relative path, uris of the form `mem:///path`. */
export function memoryWorkspace(
  files: Record<string, string>,
  config?: Partial<TaxonomyConfig> | string,
): TaxonomyWorkspace {
  let cfg: TaxonomyConfig | undefined;
  if (typeof config === 'string') cfg = parseConfig(config, RULE_IDS).config;
  else if (config) cfg = { ...parseConfig('', RULE_IDS).config, ...config };
  const ws = createTaxonomyWorkspace(cfg);
  for (const [path, text] of Object.entries(files)) ws.setFile(uriOf(path), path, text);
  ws.flush();
  return ws;
}

export function uriOf(path: string): string {
  return `mem:///${path}`;
}

/** Diagnostics of one file, optionally only those of one rule. */
export function diagnosticsOf(ws: TaxonomyWorkspace, path: string, ruleId?: string): TaxonomyDiagnostic[] {
  return ws.diagnostics(uriOf(path)).filter((d) => !ruleId || d.ruleId === ruleId);
}

/** Every diagnostic of the workspace as `path:line rule` strings (1-based lines), sorted. */
export function summary(ws: TaxonomyWorkspace, ruleId?: string): string[] {
  const out: string[] = [];
  for (const f of ws.allFiles()) {
    for (const d of ws.diagnostics(f.uri))
      if (!ruleId || d.ruleId === ruleId) out.push(`${f.relativePath}:${d.range.start.line + 1} ${d.ruleId}`);
  }
  return out.sort();
}

/** A small valid taxonomy that each rule test varies. */
export function baseTaxonomy(): Record<string, string> {
  return {
    'org.teams.yaml': lines(
      'kind: teams',
      'teams:',
      '  - id: brand-marketing',
      '    name: Brand Marketing',
      '    function: marketing',
      '  - id: cx-ops',
      '    name: CX Operations',
      '    function: cx',
      '  - id: sales-team',
      '    name: Sales',
      '    function: sales',
    ),
    'p.persona.yaml': lines(
      'kind: persona',
      'id: busy-parent',
      'name: Busy Parent',
      'owner: cx-ops',
      'segments: [families]',
    ),
    's.segment.yaml': lines(
      'kind: segment',
      'id: families',
      'name: Families',
      'owner: brand-marketing',
      'personas: [busy-parent]',
      'lifecycleStage: acquisition',
    ),
    'k.kpi.yaml': lines(
      'kind: kpi',
      'id: nps',
      'name: Net Promoter Score',
      'owner: cx-ops',
      'direction: increase',
      'unit: score',
    ),
    'j.journey.yaml': lines(
      'kind: journey',
      'id: onboarding',
      'name: Onboarding',
      'persona: busy-parent',
      'owner: cx-ops',
      'stages:',
      '  - id: welcome',
      '    name: Welcome',
      '    lifecycleStage: onboarding',
      '    touchpoints:',
      '      - id: welcome-email',
      '        name: Welcome email',
      '        channel: email',
      '        owner: cx-ops',
      '        kpis: [nps]',
    ),
  };
}

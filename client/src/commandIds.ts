/**
 * Every command the extension contributes, with its title. Pure (no `vscode` import): the
 * command table in commands.ts must implement exactly these ids, and package.json's
 * `contributes.commands` is generated from this list (scripts/gen-contributes.ts; a unit test
 * fails when they drift).
 */
export const COMMAND_CATEGORY = 'CX Taxonomy';

export interface CommandInfo {
  title: string;
  /** A codicon for menus (`$(name)`). */
  icon?: string;
  /** Writes files into the workspace: disabled in Restricted Mode. */
  writes?: boolean;
  /** Only offered in the Command Palette when this holds. */
  when?: string;
}

export const COMMANDS = {
  'cxTaxonomy.newPersona': { title: 'New Persona…', writes: true },
  'cxTaxonomy.newSegment': { title: 'New Segment…', writes: true },
  'cxTaxonomy.newJourney': { title: 'New Journey…', writes: true },
  'cxTaxonomy.newKpi': { title: 'New KPI…', writes: true },
  'cxTaxonomy.newGlossary': { title: 'New Glossary…', writes: true },
  'cxTaxonomy.openJourneyMap': { title: 'Open Journey Map', icon: '$(type-hierarchy-sub)' },
  'cxTaxonomy.showOwnershipReport': { title: 'Show Ownership Report' },
  'cxTaxonomy.restartServer': { title: 'Restart Language Server' },
  'cxTaxonomy.showOutput': { title: 'Show Output' },
  // Run by the usage code lenses that count many places; it needs the lens, so it is not in the palette.
  'cxTaxonomy.showUsage': { title: 'Show Usage', when: 'false' },
} as const satisfies Record<string, CommandInfo>;

export type CommandId = keyof typeof COMMANDS;

export const COMMAND_IDS = Object.keys(COMMANDS) as CommandId[];

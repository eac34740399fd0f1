/**
 * Generates the parts of package.json's `contributes` that have a source of truth in code:
 *
 * - `contributes.commands` and `contributes.menus.commandPalette` from client/src/commandIds.ts;
 * - `contributes.configuration` from the server's settings table (server/src/lsp/settings.ts,
 *   `configurationContribution()`), the table the server itself reads, so the settings UI and
 *   the server cannot disagree;
 * - `capabilities.untrustedWorkspaces.restrictedConfigurations` from RESTRICTED_SETTINGS;
 * - `activationEvents` and `contributes.yamlValidation` from the domain's file kinds and suffixes
 *   (server/src/core/domain), the ones the server watches and the client selects.
 *
 * `npx tsx scripts/gen-contributes.ts` rewrites package.json; `--check` exits 1 when it is out of
 * date. test/unit/settings-drift.test.ts fails on drift too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_CATEGORY, COMMANDS, type CommandInfo } from '../client/src/commandIds';
import {
  CONFIG_FILE_NAMES,
  CONFIG_GLOB,
  suffixGlobs,
  TAXONOMY_GLOB,
  TAXONOMY_KINDS,
  YAML_EXTENSIONS,
} from '../server/src/core/domain';
import { configurationContribution } from '../server/src/lsp/settings';
import { JOURNEY_MAP_VIEW_TYPE } from '../client/src/journeyMap/messages';

export const PACKAGE_JSON = path.resolve(__dirname, '..', 'package.json');

/**
 * Settings whose workspace values are ignored in Restricted Mode: they decide which files are
 * read and how much of them, so an untrusted folder must not set them for the user.
 */
export const RESTRICTED_SETTINGS: readonly string[] = ['cxTaxonomy.docs.globs', 'cxTaxonomy.files.maxSize'];

/** `contributes.commands`. */
export function commandContributions(): Record<string, unknown>[] {
  return Object.entries(COMMANDS).map(([command, info]: [string, CommandInfo]) => ({
    command,
    title: info.title,
    category: COMMAND_CATEGORY,
    ...(info.icon ? { icon: info.icon } : {}),
    ...(info.writes ? { enablement: 'isWorkspaceTrusted' } : {}),
  }));
}

/** `contributes.menus.commandPalette`: commands that write files are hidden in Restricted Mode. */
export function commandPaletteMenu(): Record<string, unknown>[] {
  return Object.entries(COMMANDS)
    .filter(([, info]: [string, CommandInfo]) => info.writes || info.when)
    .map(([command, info]: [string, CommandInfo]) => ({
      command,
      when: [info.when, info.writes ? 'isWorkspaceTrusted' : undefined].filter(Boolean).join(' && '),
    }));
}

/**
 * `activationEvents`: a workspace holding any taxonomy or config file, and a restored journey map
 * panel (so VS Code can revive it after a reload).
 */
export function activationEvents(): string[] {
  return [
    `workspaceContains:${TAXONOMY_GLOB}`,
    `workspaceContains:${CONFIG_GLOB}`,
    `onWebviewPanel:${JOURNEY_MAP_VIEW_TYPE}`,
  ];
}

/** `contributes.yamlValidation`: each kind's schema for the YAML extension, on both spellings. */
export function yamlValidation(): Record<string, unknown>[] {
  return [
    ...TAXONOMY_KINDS.map((kind) => ({ fileMatch: suffixGlobs(kind), url: `./schemas/${kind}.schema.json` })),
    { fileMatch: [...CONFIG_FILE_NAMES], url: './schemas/config.schema.json' },
  ];
}

/** The command whose menus show only on journey files. */
const JOURNEY_MAP_COMMAND: keyof typeof COMMANDS = 'cxTaxonomy.openJourneyMap';

/** The when-clause of the menus that open a journey map: a journey file, on both spellings. */
export function journeyFileWhen(): string {
  return `resourceFilename =~ /\\.journey\\.(${YAML_EXTENSIONS.join('|')})$/`;
}

/** Points every menu entry of a command that needs a journey file at the domain's journey suffixes. */
function withJourneyWhen(menus: Record<string, unknown>): void {
  for (const entries of Object.values(menus)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries as Record<string, unknown>[]) {
      if (entry.command === JOURNEY_MAP_COMMAND) entry.when = journeyFileWhen();
    }
  }
}

/** package.json as far as the generator writes it; every other field is carried over untouched. */
interface PackageJson {
  activationEvents?: string[];
  contributes?: { menus?: Record<string, unknown>; [key: string]: unknown };
  capabilities?: {
    untrustedWorkspaces?: { supported: string; restrictedConfigurations?: string[]; [key: string]: unknown };
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** The package.json object with every generated part replaced. */
export function withGenerated(pkg: PackageJson): PackageJson {
  const next = JSON.parse(JSON.stringify(pkg)) as PackageJson;
  next.contributes ??= {};
  next.contributes.commands = commandContributions();
  next.contributes.menus ??= {};
  next.contributes.menus.commandPalette = commandPaletteMenu();
  withJourneyWhen(next.contributes.menus);
  next.contributes.configuration = configurationContribution();
  next.contributes.yamlValidation = yamlValidation();
  next.activationEvents = activationEvents();
  next.capabilities ??= {};
  next.capabilities.untrustedWorkspaces ??= { supported: 'limited' };
  next.capabilities.untrustedWorkspaces.restrictedConfigurations = [...RESTRICTED_SETTINGS];
  return next;
}

/** package.json as the generator would write it. */
export function generatedPackageJson(): string {
  const pkg = JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8')) as PackageJson;
  return JSON.stringify(withGenerated(pkg), null, 2) + '\n';
}

if (require.main === module) {
  const next = generatedPackageJson();
  const current = fs.readFileSync(PACKAGE_JSON, 'utf8');
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error(
        'package.json is out of date with the command and settings tables: run `npx tsx scripts/gen-contributes.ts`.',
      );
      process.exit(1);
    }
    console.log('package.json contributions are up to date.');
  } else if (next !== current) {
    fs.writeFileSync(PACKAGE_JSON, next);
    console.log('package.json updated.');
  } else {
    console.log('package.json already up to date.');
  }
}

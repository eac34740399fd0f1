import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMAND_IDS } from '../../client/src/commandIds';
import {
  activationEvents,
  commandContributions,
  commandPaletteMenu,
  PACKAGE_JSON,
  RESTRICTED_SETTINGS,
  withGenerated,
  yamlValidation,
} from '../../scripts/gen-contributes';
import { CONFIG_FILE_NAMES, TAXONOMY_KINDS } from '../../server/src/core/domain';
import { configurationContribution, SETTINGS } from '../../server/src/lsp/settings';

const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8'));
const FIX = 'Run `npm run gen:contributes` to regenerate package.json.';

describe('package.json contributions', () => {
  it('contributes exactly the settings of the server settings table', () => {
    assert.deepEqual(pkg.contributes.configuration, configurationContribution(), FIX);
    assert.deepEqual(
      Object.keys(pkg.contributes.configuration.properties),
      SETTINGS.map((s) => s.key),
    );
  });

  it('lists exactly the commands of the command table, with their titles', () => {
    assert.deepEqual(pkg.contributes.commands, commandContributions(), FIX);
    assert.deepEqual(
      pkg.contributes.commands.map((c: { command: string }) => c.command),
      COMMAND_IDS,
    );
    assert.deepEqual(pkg.contributes.menus.commandPalette, commandPaletteMenu(), FIX);
  });

  it('is exactly what the generator writes', () => {
    assert.deepEqual(pkg, withGenerated(pkg), FIX);
  });

  it('restricts only settings that exist', () => {
    const keys = new Set(SETTINGS.map((s) => s.key));
    for (const k of RESTRICTED_SETTINGS) assert.ok(keys.has(k), `${k} is not in the settings table`);
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, RESTRICTED_SETTINGS);
  });

  it('traces under the client id, so the language client picks the setting up', () => {
    assert.ok(SETTINGS.some((s) => s.key === 'cxTaxonomy.trace.server'));
  });

  it('names only commands and submenus that exist in menus', () => {
    const ids = new Set<string>(COMMAND_IDS);
    for (const [menu, items] of Object.entries(
      pkg.contributes.menus as Record<string, { command?: string; submenu?: string }[]>,
    )) {
      for (const item of items) {
        if (item.command) assert.ok(ids.has(item.command), `${menu} names unknown command ${item.command}`);
        if (item.submenu)
          assert.ok(
            pkg.contributes.submenus.some((s: { id: string }) => s.id === item.submenu),
            `${menu} names unknown submenu ${item.submenu}`,
          );
      }
    }
  });

  it('points yamlValidation at schemas that exist and activates on every taxonomy suffix', () => {
    for (const v of pkg.contributes.yamlValidation as { url: string }[])
      assert.ok(existsSync(path.join(path.dirname(PACKAGE_JSON), v.url)), v.url);
    const events: string[] = pkg.activationEvents;
    assert.ok(events.includes('onWebviewPanel:cxTaxonomy.journeyMap'));
  });

  it('activates and validates exactly on the suffixes and config names of the domain module', () => {
    assert.deepEqual(pkg.activationEvents, activationEvents(), FIX);
    assert.deepEqual(pkg.contributes.yamlValidation, yamlValidation(), FIX);
    const matched = (pkg.contributes.yamlValidation as { fileMatch: string[] }[]).flatMap((v) => v.fileMatch);
    for (const kind of TAXONOMY_KINDS) {
      assert.ok(matched.includes(`*.${kind}.yaml`) && matched.includes(`*.${kind}.yml`), kind);
      assert.ok((pkg.activationEvents as string[])[0].includes(kind), kind);
    }
    for (const name of CONFIG_FILE_NAMES) {
      assert.ok(matched.includes(name), name);
      assert.ok(
        (pkg.activationEvents as string[]).some((e) => e.includes(name)),
        name,
      );
    }
  });

  it('declares limited support for untrusted workspaces', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(pkg.capabilities.untrustedWorkspaces.description, /Restricted Mode/);
  });
});

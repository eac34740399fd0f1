/**
 * The real cx-taxonomy end-to-end scenarios, run by run.ts after the harness smoke test.
 * Each scenario starts a workbench (code-server in chromium) with the packaged extension and a
 * temp copy of a sample workspace, then checks what a user sees: the status bar, the Problems
 * panel, hovers, completion, quick fixes, the journey map webview, the ownership report, and
 * that the language server comes back after it is killed. Screenshots of the key moments go to
 * the git-ignored test-results/screenshots/; `npm run screenshots` writes them to
 * test/e2e-web/screenshots/ instead, which the README shows. The same scenarios, through the VS Code
 * API, are in test/e2e/suite for @vscode/test-electron.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Frame } from 'playwright-core';
import { cacheDir, packageVsix, poll, repoRoot, withWorkbench, type Workbench } from '../../scripts/e2e';
import type { Scenario } from './scenario';

const withProblems = path.join(repoRoot, 'samples', 'with-problems');
const acme = path.join(repoRoot, 'samples', 'acme-telecom');

/**
 * Why the real extension cannot be tested yet, or undefined when it can. Building is not the
 * harness's job: `npm run test:e2e` builds first (or set CX_E2E_VSIX to a packaged .vsix).
 */
function notReady(): string | undefined {
  if (process.env.CX_E2E_VSIX)
    return fs.existsSync(process.env.CX_E2E_VSIX) ? undefined : `CX_E2E_VSIX=${process.env.CX_E2E_VSIX} does not exist`;
  for (const f of ['dist/client.js', 'dist/server.js', 'dist/media/journeyMap.js']) {
    if (!fs.existsSync(path.join(repoRoot, f))) return `${f} not built (npm run build)`;
  }
  // Without it vsce would pack .cache/ (code-server, ~300 MB) into the .vsix.
  const ignore = path.join(repoRoot, '.vscodeignore');
  if (!fs.existsSync(ignore) || !/^\.cache\b/m.test(fs.readFileSync(ignore, 'utf8')))
    return '.vscodeignore must exclude .cache/**';
  if (!fs.existsSync(withProblems) || !fs.existsSync(acme)) return 'samples/ missing';
  return undefined;
}

let packaged: string | undefined;

/**
 * The cx-taxonomy .vsix: CX_E2E_VSIX, or the repo packaged once per run with the same flags as
 * `npm run package` (vsce runs `vscode:prepublish`, the production build, first).
 */
function extensionVsix(): string {
  if (process.env.CX_E2E_VSIX) return path.resolve(process.env.CX_E2E_VSIX);
  packaged ??= packageVsix(repoRoot, path.join(cacheDir, 'cx-taxonomy-e2e.vsix'), ['--no-rewrite-relative-links']);
  return packaged;
}

/**
 * The webview page that shows `selector` (VS Code nests each webview page in two iframes, and
 * several webviews can be open: the one that holds what we look for is the one we want).
 */
async function webview(wb: Workbench, selector: string, timeoutMs = 30_000): Promise<Frame> {
  return poll(
    async () => {
      for (const frame of wb.page.frames()) {
        if (frame === wb.page.mainFrame()) continue;
        if (
          (await frame
            .locator(selector)
            .count()
            .catch(() => 0)) > 0
        )
          return frame;
      }
      return undefined;
    },
    { timeoutMs, intervalMs: 200, what: `a webview showing ${selector}` },
  );
}

/**
 * Gives a tab the whole window (panel hidden, side bar hidden, its editor group maximized) for a
 * readable screenshot, runs `body`, then brings the side bar and the group layout back. The
 * Problems panel stays hidden; the helpers that need it open it again.
 */
async function maximized(wb: Workbench, tabTitle: RegExp, body: () => Promise<void>): Promise<void> {
  const tab = () => wb.page.locator('.tabs-container .tab', { hasText: tabTitle }).first();
  if (await wb.page.locator('.part.panel').isVisible()) await wb.runCommand('View: Hide Panel');
  await wb.runCommand('View: Toggle Primary Side Bar Visibility');
  await tab().click();
  await wb.runCommand('View: Toggle Maximize Editor Group');
  try {
    await body();
  } finally {
    await tab().click();
    await wb.runCommand('View: Toggle Maximize Editor Group');
    await wb.runCommand('View: Toggle Primary Side Bar Visibility');
  }
}

/**
 * Process ids of the language servers of this workbench: node processes running dist/server.js
 * from this run's own extensions folder (a temp folder no other process uses).
 */
function serverPids(wb: Workbench): number[] {
  const extensionsDir = path.resolve(wb.workspaceDir, '..', '..', 'extensions');
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue; // the process ended while we looked
    }
    if (cmdline.includes(extensionsDir) && /dist[\\/]server\.js/.test(cmdline)) pids.push(Number(entry));
  }
  return pids;
}

/**
 * Brings an already open file to the front by clicking its tab (Quick Open would list it twice,
 * as "recently opened" and as a search result, and the list can re-render under the click).
 */
async function showOpenFile(wb: Workbench, relativePath: string): Promise<void> {
  const name = path.posix.basename(relativePath);
  const tab = wb.page.locator(`.tabs-container .tab[data-resource-name="${name}"]`).first();
  if (await tab.count()) {
    await tab.click();
    await wb.page
      .locator(`.part.editor .editor-group-container.active .tab.active[data-resource-name="${name}"]`)
      .waitFor({ timeout: 10_000 });
  } else {
    await wb.openFile(relativePath);
  }
}

/** Waits until no Problems row matches. */
async function waitForNoProblem(wb: Workbench, match: RegExp, timeoutMs = 30_000): Promise<void> {
  await poll(async () => !(await wb.problems()).some((r) => match.test(r.label) || match.test(r.text)), {
    timeoutMs,
    intervalMs: 250,
    what: `no Problems row matching ${match}`,
  });
}

const UNOWNED_ROW = /Order confirmation by text message.*no owner|order-confirmation-sms.*no owner/;

export const scenarios: Scenario[] = [
  {
    name: 'cx-taxonomy: problems, hover, journey map, quick fix, completion, New Persona and crash recovery (samples/with-problems)',
    skip: notReady,
    timeoutMs: 300_000,
    async run(ctx) {
      const settings = { 'workbench.colorTheme': 'Default Dark Modern' };
      await withWorkbench(
        extensionVsix(),
        withProblems,
        async (wb) => {
          await ctx.step('activates and shows problem counts in the status bar', async () => {
            await wb.openFile('journeys/mobile-switch.journey.yaml');
            const text = await wb.waitForStatusBar(/^CX \d+ \d+/, 60_000);
            ctx.log(`status bar: ${text}`);
            // The unowned touchpoint is below the fold; the lifecycle conflict near the top is not.
            await wb.waitForSquiggle('any');
          });

          await ctx.step('the Problems panel lists the unowned touchpoint', async () => {
            const rows = await wb.waitForProblem(UNOWNED_ROW);
            ctx.log(`${rows.length} rows in the Problems panel`);
            await wb.screenshot('problems-panel');
          });

          await ctx.step('hovering a glossary term in a Markdown doc shows its definition', async () => {
            await wb.openFile('docs/fibre-install-review.md');
            const hover = await wb.hoverAt('moment of truth', /forms a lasting opinion/);
            if (!/Moment of truth/i.test(hover)) throw new Error(`the hover does not name the term: ${hover}`);
            await wb.screenshot('hover-glossary');
          });

          await ctx.step('the journey map shows the unowned touchpoint as a red card', async () => {
            await showOpenFile(wb, 'journeys/mobile-switch.journey.yaml');
            await wb.runCommand('CX Taxonomy: Open Journey Map');
            const map = await webview(wb, '.card.unowned');
            const red = map.locator('.card.unowned', { hasText: 'Order confirmation by text message' });
            await red.waitFor({ timeout: 10_000 });
            const text = await red.innerText();
            if (!/no owner/i.test(text)) throw new Error(`the red card does not say why: ${text}`);
            const cards = await map.locator('.card').count();
            const arrows = await map.locator('path.handoff-arrow').count();
            ctx.log(`${cards} cards, ${arrows} handoff arrow(s)`);
            if (arrows < 1) throw new Error('no handoff arrow drawn');
            await maximized(wb, /Journey Map/, async () => {
              await (await webview(wb, '.card.unowned')).locator('.card.unowned').first().scrollIntoViewIfNeeded();
              await wb.screenshot('journey-map-unowned');
            });
          });

          await ctx.step('clicking a card reveals its touchpoint in the editor', async () => {
            await (
              await webview(wb, '.card.unowned')
            )
              .locator('.card.unowned', { hasText: 'Order confirmation by text message' })
              .click();
            // The id `order-confirmation-sms` is on line 61 and gets selected. The click can leave the
            // keyboard focus in the map's webview, which hides the editor's Ln/Col from the status bar
            // (and would send the quick fix's Ctrl+. to the webview): focus the journey's editor group.
            await wb.runCommand('View: Focus First Editor Group');
            await wb.waitForStatusBar(/Ln 61, Col \d+/);
          });

          await ctx.step('a quick fix gives the unowned touchpoint an owner, and the map follows live', async () => {
            // The click above left the touchpoint's id selected in the editor.
            await wb.waitForStatusBar(/Ln 61, Col \d+/);
            await wb.page.keyboard.press('Control+.');
            const action = wb.page.locator('.action-widget .monaco-list-row', { hasText: /cx-design/ }).first();
            await action.waitFor({ timeout: 15_000 });
            await wb.screenshot('quick-fix');
            // The widget focuses its first action; a click would land on VS Code's pointer block.
            await wb.page.keyboard.press('Enter');
            const map = await webview(wb, '.card');
            await poll(async () => (await map.locator('.card.unowned').count()) === 0, {
              timeoutMs: 20_000,
              what: 'no red card once the touchpoint has an owner',
            });
            await waitForNoProblem(wb, UNOWNED_ROW);
          });

          await ctx.step('completion after `owner:` lists team ids, and the map shows the new owner', async () => {
            await wb.placeCursor('name: First bill email');
            await wb.page.keyboard.press('End');
            await wb.page.keyboard.press('Enter');
            await wb.type('owner: ');
            const rows = await wb.triggerCompletion('customer-care');
            const labels = rows.map((r) => r.label);
            ctx.log(`completion: ${labels.slice(0, 8).join(', ')}${labels.length > 8 ? ', …' : ''}`);
            for (const team of ['customer-care', 'digital-product'])
              if (!labels.includes(team)) throw new Error(`completion lacks ${team}: ${labels.join(', ')}`);
            await wb.screenshot('completion-teams');
            await wb.acceptCompletion('customer-care');
            const map = await webview(wb, '.card');
            const card = map.locator('.card', { hasText: 'First bill email' });
            await poll(
              async () => /Customer Care/.test(await card.innerText()) && !/via stage/.test(await card.innerText()),
              { timeoutMs: 20_000, what: 'the First bill email card to show Customer Care as its own owner' },
            );
          });

          await ctx.step('New Persona creates the file from a template and offers teams for its owner', async () => {
            await wb.runCommand('CX Taxonomy: New Persona…');
            const input = wb.page.locator('.quick-input-widget .quick-input-box input');
            await input.waitFor({ timeout: 10_000 });
            await wb.type('Sam, the Tester');
            // The input box previews the derived id and file name before anything is written.
            await wb.page
              .locator('.quick-input-widget', { hasText: 'sam-the-tester.persona.yaml' })
              .waitFor({ timeout: 10_000 });
            await wb.page.keyboard.press('Enter');
            // Then the folder: the one that already holds personas comes first.
            await poll(
              async () =>
                (await wb.page
                  .locator('.quick-input-widget .quick-input-list .monaco-list-row.focused', { hasText: 'personas' })
                  .count()) > 0,
              { timeoutMs: 10_000, what: 'the personas folder offered first' },
            );
            await wb.page.keyboard.press('Enter');
            const file = path.join(wb.workspaceDir, 'personas', 'sam-the-tester.persona.yaml');
            // The file appears before its content is flushed (the remote file system creates, then
            // writes), so wait for the whole template rather than for the file to exist.
            let text = '';
            const complete = () => /^id: sam-the-tester$/m.test(text) && /^name: Sam, the Tester$/m.test(text);
            try {
              await poll(
                () => {
                  text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
                  return complete();
                },
                { timeoutMs: 10_000, what: `${file} with the persona template` },
              );
            } catch (err) {
              throw new Error(`unexpected template:\n${text}\n${String(err)}`, { cause: err });
            }
            await wb.page
              .locator('.tab.active[data-resource-name="sam-the-tester.persona.yaml"]')
              .waitFor({ timeout: 10_000 });
            await wb.triggerCompletion('customer-care');
            await wb.page.keyboard.press('Escape');
          });

          await ctx.step('after the server is killed it restarts and diagnostics come back', async () => {
            const before = await poll(
              () => {
                const pids = serverPids(wb);
                return pids.length === 1 ? pids : undefined;
              },
              { timeoutMs: 30_000, what: 'exactly one language server process' },
            );
            process.kill(before[0], 'SIGKILL');
            ctx.log(`killed the language server (pid ${before[0]})`);
            const after = await poll(
              async () => {
                const now = serverPids(wb).filter((p) => p !== before[0]);
                return now.length ? now : undefined;
              },
              { timeoutMs: 30_000, what: 'a new language server process' },
            );
            ctx.log(`restarted as pid ${after[0]}`);
            // A new problem that only a live server can report.
            await showOpenFile(wb, 'journeys/mobile-switch.journey.yaml');
            await wb.placeCursor('name: First bill email');
            await wb.page.keyboard.press('End');
            await wb.page.keyboard.press('Enter');
            await wb.type('kpis: [no-such-kpi]');
            // The squiggle's hover carries the new server's message (the Problems list is long now).
            // The only error in view is the new one; its hover comes from the new server too.
            await wb.waitForSquiggle('error', 30_000);
            await wb.hoverAt('no-such-kpi', /No KPI has the id|not defined anywhere/, 30_000);
            await wb.waitForStatusBar(/^CX \d+ \d+/);
          });
        },
        { settings },
      );
    },
  },
  {
    name: 'cx-taxonomy: journey map with handoffs, SVG export and the ownership report (samples/acme-telecom, light theme)',
    skip: notReady,
    timeoutMs: 240_000,
    async run(ctx) {
      const settings = { 'workbench.colorTheme': 'Default Light Modern' };
      await withWorkbench(
        extensionVsix(),
        acme,
        async (wb) => {
          await ctx.step('the map of a clean journey has coloured cards and handoff arrows', async () => {
            await wb.openFile('journeys/fibre-install.journey.yaml');
            await wb.waitForStatusBar(/^CX/, 60_000);
            await wb.runCommand('CX Taxonomy: Open Journey Map');
            const frame = await webview(wb, '.card');
            await poll(async () => (await frame.locator('path.handoff-arrow').count()) >= 3, {
              timeoutMs: 10_000,
              what: 'three handoff arrows',
            });
            const unowned = await frame.locator('.card.unowned').count();
            if (unowned) throw new Error(`${unowned} red card(s) in a clean sample`);
            const shared = await frame.locator('.badge.shared').count();
            const kpis = await frame.locator('.chip.kpi').count();
            ctx.log(`${await frame.locator('.card').count()} cards, ${shared} shared badge(s), ${kpis} KPI chip(s)`);
            if (!shared || !kpis) throw new Error('expected shared-ownership badges and KPI chips');
            await maximized(wb, /Journey Map/, () => wb.screenshot('journey-map').then(() => undefined));
          });

          await ctx.step('Export SVG writes a standalone SVG next to the journey', async () => {
            await (await webview(wb, 'button.export')).locator('button.export').click();
            // code-server's save dialog is a quick input holding the proposed path: accept it.
            const input = wb.page.locator('.quick-input-widget .quick-input-box input');
            await input.waitFor({ timeout: 15_000 });
            await poll(async () => /fibre-install\.journey-map\.svg$/.test(await input.inputValue()), {
              timeoutMs: 10_000,
              what: 'the proposed file name',
            });
            await wb.page.keyboard.press('Enter');
            const file = path.join(wb.workspaceDir, 'journeys', 'fibre-install.journey-map.svg');
            // Wait for the closing tag: the file can exist before all of it is written.
            const svg = await poll(
              () => {
                const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
                return /<\/svg>\s*$/.test(text) ? text : undefined;
              },
              { timeoutMs: 15_000, what: `${file}, written to its end` },
            );
            if (!svg.startsWith('<?xml') || !svg.includes('Getting home fibre installed'))
              throw new Error('the SVG lacks the journey');
            ctx.log(`exported ${svg.length} bytes`);
          });

          await ctx.step('the ownership report lists teams against journeys', async () => {
            await wb.runCommand('CX Taxonomy: Show Ownership Report');
            const frame = await webview(wb, 'table.grid');
            const teams = await frame.locator('table.grid tbody tr').count();
            const journeys = await frame.locator('table.grid thead th.journey-col').count();
            ctx.log(`${teams} teams x ${journeys} journeys`);
            if (journeys < 4) throw new Error(`expected the 4 sample journeys, found ${journeys}`);
            await maximized(wb, /Ownership Report/, () => wb.screenshot('ownership-report').then(() => undefined));
          });

          await ctx.step('the journey map follows a high-contrast theme', async () => {
            // Show the map again (the report took its place), focus the editor, and pick the
            // theme with Ctrl+K Ctrl+T as a user would (VS Code restyles open webviews).
            await wb.page
              .locator('.tabs-container .tab', { hasText: /Journey Map/ })
              .first()
              .click();
            await showOpenFile(wb, 'journeys/fibre-install.journey.yaml');
            await wb.page.keyboard.press('Control+K');
            await wb.page.keyboard.press('Control+T');
            await wb.page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: 10_000 });
            await wb.page.keyboard.type('Dark High Contrast');
            await poll(
              async () =>
                (await wb.page
                  .locator('.quick-input-widget .quick-input-list .monaco-list-row.focused', {
                    hasText: 'Dark High Contrast',
                  })
                  .count()) > 0,
              { timeoutMs: 10_000, what: 'the Dark High Contrast theme in the picker' },
            );
            await wb.page.keyboard.press('Enter');
            // The webview restyles as the theme's colours arrive: poll for the high-contrast look.
            await poll(
              async () => {
                const frame = await webview(wb, 'body.vscode-high-contrast .card', 5_000);
                const style = await frame
                  .locator('.card')
                  .first()
                  .evaluate(
                    (el) =>
                      (
                        globalThis as unknown as { getComputedStyle(e: unknown): { borderTopStyle: string } }
                      ).getComputedStyle(el).borderTopStyle,
                  );
                return style === 'solid';
              },
              { timeoutMs: 20_000, what: 'high-contrast cards with solid borders' },
            );
            await maximized(wb, /Journey Map/, () => wb.screenshot('journey-map-high-contrast').then(() => undefined));
          });
        },
        // Wide enough for the six stages of the fibre journey in the README screenshot.
        { settings, viewport: { width: 1600, height: 960 } },
      );
    },
  },
  {
    name: 'cx-taxonomy in Restricted Mode: checks and hovers, offers no New commands, ignores the workspace size limit (samples/with-problems, untrusted)',
    skip: notReady,
    timeoutMs: 240_000,
    async run(ctx) {
      const source = path.join(ctx.tempDir, 'untrusted-with-problems');
      fs.cpSync(withProblems, source, { recursive: true });
      fs.mkdirSync(path.join(source, '.vscode'), { recursive: true });
      // Honoured, this would make the journeys "too large"; it is a restricted setting, so an
      // untrusted folder's value is ignored and the user's (the default) applies.
      fs.writeFileSync(
        path.join(source, '.vscode', 'settings.json'),
        JSON.stringify({ 'cxTaxonomy.files.maxSize': 1024 }, null, 2),
      );
      await withWorkbench(
        extensionVsix(),
        source,
        async (wb) => {
          await ctx.step('the untrusted folder opens in Restricted Mode and its problems are listed', async () => {
            await wb.waitForStatusBar(/Restricted Mode/, 60_000);
            await wb.openFile('journeys/mobile-switch.journey.yaml');
            const text = await wb.waitForStatusBar(/^CX \d+ \d+/, 60_000);
            ctx.log(`status bar: ${text}`);
            await wb.waitForProblem(UNOWNED_ROW);
            const tooLarge = (await wb.problems()).filter(
              (r) => /limit \(setting maxFileSize\)/.test(r.label) || /limit \(setting maxFileSize\)/.test(r.text),
            );
            if (tooLarge.length)
              throw new Error(`the workspace's maxSize was applied in Restricted Mode: ${tooLarge[0].label}`);
            await wb.debugScreenshot('restricted-mode');
          });

          await ctx.step('hover shows the glossary definition in Restricted Mode', async () => {
            await wb.openFile('docs/fibre-install-review.md');
            await wb.hoverAt('moment of truth', /forms a lasting opinion/);
          });

          await ctx.step('the New commands, which write files, are not offered', async () => {
            const labels = await wb.commandsMatching('CX Taxonomy', 'CX Taxonomy: Open Journey Map');
            ctx.log(`commands: ${labels.join(', ')}`);
            const writers = labels.filter((l) => /^CX Taxonomy: New /.test(l));
            if (writers.length) throw new Error(`offered in Restricted Mode: ${writers.join(', ')}`);
          });
        },
        { restrictedMode: true, label: 'restricted-mode' },
      );
    },
  },
  {
    name: 'cx-taxonomy editor, second round: usage lens, inherited owner hint, fix all on save, the Taxonomy view (samples/with-problems)',
    skip: notReady,
    timeoutMs: 300_000,
    async run(ctx) {
      const settings = {
        'editor.codeLens': true,
        'editor.inlayHints.enabled': 'on',
        '[yaml]': { 'editor.codeActionsOnSave': { 'source.fixAll.cxTaxonomy': 'explicit' } },
      };
      await withWorkbench(
        extensionVsix(),
        withProblems,
        async (wb) => {
          await ctx.step('a persona shows a usage code lens', async () => {
            await wb.openFile('personas/busy-family-organiser.persona.yaml');
            await wb.waitForStatusBar(/^CX /, 60_000);
            const lens = await poll(
              async () => {
                const texts = await wb.page
                  .locator('.part.editor .contentWidgets .codelens-decoration, .part.editor .codelens-decoration')
                  .allInnerTexts();
                return texts.find((t) => /used by|not used/.test(t));
              },
              { timeoutMs: 30_000, what: 'a usage code lens on the persona' },
            );
            ctx.log(`lens: ${lens}`);
            await wb.screenshot('code-lens');
          });

          await ctx.step(
            'a touchpoint without an owner of its own shows the one it inherits from its stage',
            async () => {
              await wb.openFile('journeys/mobile-switch.journey.yaml');
              const text = await poll(
                async () => {
                  const t = await wb.visibleText();
                  return /\(from stage\)|no owner/.test(t) ? t : undefined;
                },
                { timeoutMs: 30_000, what: 'an inlay hint "(from stage)" or "no owner" in the journey' },
              );
              ctx.log(
                `hint line: ${text
                  .split('\n')
                  .find((l) => /\(from stage\)|no owner/.test(l))
                  ?.trim()}`,
              );
              await wb.screenshot('inlay-hint');
            },
          );

          await ctx.step('saving applies the safe fixes of the file (fix all on save)', async () => {
            const rel = 'segments/family-bundles.segment.yaml';
            const file = path.join(wb.workspaceDir, ...rel.split('/'));
            if (!/target group/.test(fs.readFileSync(file, 'utf8')))
              throw new Error(`${rel} no longer says "target group"`);
            await wb.openFile(rel);
            await wb.waitForSquiggle('any');
            // An edit makes the save a real one; the fix-all runs as the file is saved.
            await wb.placeCursor('id: family-bundles');
            await wb.page.keyboard.press('End');
            await wb.type(' # saved');
            await wb.page.keyboard.press('Control+S');
            let text = '';
            await poll(
              () => {
                text = fs.readFileSync(file, 'utf8');
                return /# saved/.test(text) && !/target group/.test(text);
              },
              { timeoutMs: 20_000, what: `${rel} saved with "target group" replaced` },
            );
            ctx.log(
              `saved: ${text
                .split('\n')
                .find((l) => /^description:/.test(l))
                ?.slice(0, 100)}`,
            );
          });

          await ctx.step('the Taxonomy view lists the unowned touchpoints first and reveals one', async () => {
            const header = wb.page.locator('.part.sidebar .pane-header', { hasText: /^Taxonomy$|Taxonomy/ }).last();
            await header.waitFor({ timeout: 30_000 });
            if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
            const rows = wb.page.locator('.part.sidebar .monaco-list-row');
            const unowned = rows.filter({ hasText: /Unowned touchpoints \(\d+\)/ }).first();
            await unowned.waitFor({ timeout: 30_000 });
            ctx.log(`view: ${(await unowned.innerText()).replace(/\s+/g, ' ')}`);
            const item = rows.filter({ hasText: 'Order confirmation by text message' }).first();
            await item.waitFor({ timeout: 15_000 });
            await wb.screenshot('taxonomy-view');
            await item.click();
            await wb.page
              .locator('.tab.active[data-resource-name="mobile-switch.journey.yaml"]')
              .waitFor({ timeout: 15_000 });
            await wb.waitForStatusBar(/Ln 61, Col \d+/);
          });
        },
        { settings },
      );
    },
  },
];

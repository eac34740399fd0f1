/**
 * The real cx-taxonomy end-to-end scenarios, run by run.ts after the harness smoke test.
 * Each scenario starts a workbench (code-server in chromium) with the packaged extension and a
 * temp copy of a sample workspace, then checks what a user sees: the status bar, the Problems
 * panel, hovers, completion, quick fixes, the journey map webview, the ownership report, and
 * that the language server comes back after it is killed. Screenshots of the key moments go to
 * test/e2e-web/screenshots/ (the README shows them). The same scenarios, through the VS Code
 * API, are in test/e2e/suite for @vscode/test-electron.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator } from 'playwright-core';
import { cacheDir, packageVsix, poll, repoRoot, withWorkbench, type Workbench } from '../../scripts/e2e';
import type { Scenario } from './scenario';

const withProblems = path.join(repoRoot, 'samples', 'with-problems');
const acme = path.join(repoRoot, 'samples', 'acme-telecom');

/**
 * Why the real extension cannot be tested yet, or undefined when it can. Building is not the
 * harness's job: `npm run test:e2e` builds first (or set CX_E2E_VSIX to a packaged .vsix).
 */
function notReady(): string | undefined {
  if (process.env.CX_E2E_VSIX) return fs.existsSync(process.env.CX_E2E_VSIX) ? undefined : `CX_E2E_VSIX=${process.env.CX_E2E_VSIX} does not exist`;
  for (const f of ['dist/client.js', 'dist/server.js', 'dist/media/journeyMap.js']) {
    if (!fs.existsSync(path.join(repoRoot, f))) return `${f} not built (npm run build)`;
  }
  // Without it vsce would pack .cache/ (code-server, ~300 MB) into the .vsix.
  const ignore = path.join(repoRoot, '.vscodeignore');
  if (!fs.existsSync(ignore) || !/^\.cache\b/m.test(fs.readFileSync(ignore, 'utf8'))) return '.vscodeignore must exclude .cache/**';
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

/** The content of the visible webview (VS Code nests the page in two iframes). */
function webview(wb: Workbench): FrameLocator {
  return wb.page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
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
    let cmdline = '';
    try {
      cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue; // the process ended while we looked
    }
    if (cmdline.includes(extensionsDir) && /dist[\\/]server\.js/.test(cmdline)) pids.push(Number(entry));
  }
  return pids;
}

/** Waits until no Problems row matches. */
async function waitForNoProblem(wb: Workbench, match: RegExp, timeoutMs = 30_000): Promise<void> {
  await poll(async () => !(await wb.problems()).some((r) => match.test(r.label) || match.test(r.text)), { timeoutMs, intervalMs: 250, what: `no Problems row matching ${match}` });
}

const UNOWNED_ROW = /Order confirmation by text message.*no owner|order-confirmation-sms.*no owner/;

export const scenarios: Scenario[] = [
  {
    name: 'cx-taxonomy: problems, hover, journey map, completion, quick fix and crash recovery (samples/with-problems)',
    skip: notReady,
    timeoutMs: 300_000,
    async run(ctx) {
      await withWorkbench(extensionVsix(), withProblems, async (wb) => {
        await ctx.step('activates and shows problem counts in the status bar', async () => {
          await wb.openFile('journeys/mobile-switch.journey.yaml');
          const text = await wb.waitForStatusBar(/^CX \d+ \d+/, 60_000);
          ctx.log(`status bar: ${text}`);
          await wb.waitForSquiggle('error');
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
          await wb.openFile('journeys/mobile-switch.journey.yaml');
          await wb.runCommand('CX Taxonomy: Open Journey Map');
          const red = webview(wb).locator('.card.unowned', { hasText: 'Order confirmation by text message' });
          await red.waitFor({ timeout: 30_000 });
          const text = await red.innerText();
          if (!/no owner/i.test(text)) throw new Error(`the red card does not say why: ${text}`);
          const cards = await webview(wb).locator('.card').count();
          const arrows = await webview(wb).locator('path.handoff-arrow').count();
          ctx.log(`${cards} cards, ${arrows} handoff arrow(s)`);
          if (arrows < 1) throw new Error('no handoff arrow drawn');
          await wb.screenshot('journey-map-unowned');
        });

        await ctx.step('clicking a card reveals its touchpoint in the editor', async () => {
          await webview(wb).locator('.card.unowned', { hasText: 'Order confirmation by text message' }).click();
          // The id `order-confirmation-sms` is on line 61 and gets selected.
          await wb.waitForStatusBar(/Ln 61, Col \d+/);
        });

        await ctx.step('completion after `owner:` lists team ids, and the map follows the edit live', async () => {
          await wb.placeCursor('channel: sms');
          await wb.page.keyboard.press('End');
          await wb.page.keyboard.press('Enter');
          await wb.type('owner: ');
          const rows = await wb.triggerCompletion('customer-care');
          const labels = rows.map((r) => r.label);
          ctx.log(`completion: ${labels.slice(0, 8).join(', ')}${labels.length > 8 ? ', …' : ''}`);
          for (const team of ['customer-care', 'digital-product']) if (!labels.includes(team)) throw new Error(`completion lacks ${team}: ${labels.join(', ')}`);
          await wb.screenshot('completion-teams');
          await wb.acceptCompletion('customer-care');
          await poll(async () => (await webview(wb).locator('.card.unowned').count()) === 0, { timeoutMs: 20_000, what: 'no red card once the touchpoint has an owner' });
          await waitForNoProblem(wb, UNOWNED_ROW);
        });

        await ctx.step('a quick fix replaces an unresolved KPI id', async () => {
          await wb.openFile('journeys/fibre-install.journey.yaml');
          await wb.waitForProblem(/nps-scroe/);
          await wb.placeCursor('nps-scroe', 'before');
          await wb.page.keyboard.press('Control+.');
          const action = wb.page.locator('.action-widget .monaco-list-row', { hasText: /net-promoter-score/ }).first();
          await action.waitFor({ timeout: 15_000 });
          await wb.screenshot('quick-fix');
          await action.click();
          await waitForNoProblem(wb, /nps-scroe/);
        });

        await ctx.step('after the server is killed it restarts and diagnostics come back', async () => {
          const before = serverPids(wb);
          if (before.length !== 1) throw new Error(`expected one language server process, found ${before.length}`);
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
          // Undo the quick fix: only a live server can report the typo again.
          await wb.placeCursor('name: Recommend');
          await wb.page.keyboard.press('Control+Z');
          await wb.waitForProblem(/nps-scroe/, 30_000);
          await wb.waitForStatusBar(/^CX \d+ \d+/);
        });
      });
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
            const frame = webview(wb);
            await frame.locator('.card').first().waitFor({ timeout: 30_000 });
            await poll(async () => (await frame.locator('path.handoff-arrow').count()) >= 3, { timeoutMs: 10_000, what: 'three handoff arrows' });
            const unowned = await frame.locator('.card.unowned').count();
            if (unowned) throw new Error(`${unowned} red card(s) in a clean sample`);
            const shared = await frame.locator('.badge.shared').count();
            const kpis = await frame.locator('.chip.kpi').count();
            ctx.log(`${await frame.locator('.card').count()} cards, ${shared} shared badge(s), ${kpis} KPI chip(s)`);
            if (!shared || !kpis) throw new Error('expected shared-ownership badges and KPI chips');
            await wb.screenshot('journey-map');
          });

          await ctx.step('Export SVG writes a standalone SVG next to the journey', async () => {
            await webview(wb).locator('button.export').click();
            // code-server's save dialog is a quick input holding the proposed path: accept it.
            const input = wb.page.locator('.quick-input-widget .quick-input-box input');
            await input.waitFor({ timeout: 15_000 });
            await poll(async () => /fibre-install\.journey-map\.svg$/.test(await input.inputValue()), { timeoutMs: 10_000, what: 'the proposed file name' });
            await wb.page.keyboard.press('Enter');
            const file = path.join(wb.workspaceDir, 'journeys', 'fibre-install.journey-map.svg');
            await poll(async () => fs.existsSync(file) && fs.statSync(file).size > 0, { timeoutMs: 15_000, what: file });
            const svg = fs.readFileSync(file, 'utf8');
            if (!svg.startsWith('<?xml') || !svg.includes('Getting home fibre installed')) throw new Error('the SVG lacks the journey');
            ctx.log(`exported ${svg.length} bytes`);
          });

          await ctx.step('the ownership report lists teams against journeys', async () => {
            await wb.runCommand('CX Taxonomy: Show Ownership Report');
            const frame = webview(wb);
            await frame.locator('table.grid').waitFor({ timeout: 30_000 });
            const teams = await frame.locator('table.grid tbody tr').count();
            const journeys = await frame.locator('table.grid thead th.journey-col').count();
            ctx.log(`${teams} teams x ${journeys} journeys`);
            if (journeys < 4) throw new Error(`expected the 4 sample journeys, found ${journeys}`);
            await wb.screenshot('ownership-report');
          });
        },
        { settings },
      );
    },
  },
];

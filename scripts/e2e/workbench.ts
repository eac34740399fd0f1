/**
 * A real VS Code workbench (code-server) driven by Debian's chromium through playwright-core,
 * with helpers that act as a user would: open a file, hover, read Problems, complete, run a
 * command. Every helper waits on the UI with a timeout; none sleeps a fixed time.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, BrowserContext, Locator, Page } from 'playwright-core';
import { assertSetup, chromiumPath, logsRoot, screenshotsDir } from './paths';
import { CodeServer, CodeServerDirs, installExtension, startCodeServer, writeUserSettings } from './code-server';
import type { PageDocument, PageElement } from './pageDom';
import { poll, PollOptions } from './wait';

/** Options of {@link launchWorkbench} and {@link withWorkbench}. */
export interface WorkbenchOptions {
  /** Short name for the logs folder (default: the workspace folder's name). */
  label?: string;
  /** User settings merged over the harness defaults. */
  settings?: Record<string, unknown>;
  /** Browser viewport (default 1440x900, a good size for README screenshots). */
  viewport?: { width: number; height: number };
  /** Keep the temp folder (workspace copy, user-data-dir) after stop; also CX_E2E_KEEP=1. */
  keepTemp?: boolean;
  /** How long to wait for the workbench to appear (default 90 s). */
  startTimeoutMs?: number;
  /**
   * Open the folder in Restricted Mode: workspace trust on, no trust prompt, the folder not
   * trusted (default: trust off, so every folder is trusted).
   */
  restrictedMode?: boolean;
}

/** Severity of a squiggle, as the editor draws it. */
export type Squiggle = 'error' | 'warning' | 'info' | 'hint' | 'any';

/** One row of the Problems panel. */
export interface ProblemRow {
  /** The row's accessible label: severity, message, position and source. */
  label: string;
  /** The row's visible text. */
  text: string;
  /** True for a file row (the tree's parent of markers). */
  isFile: boolean;
}

/** One row of the suggest (completion) widget. */
export interface SuggestRow {
  /** The completion label as shown. */
  label: string;
  /** The row's accessible label (label plus kind/detail). */
  ariaLabel: string;
}

/** The workbench page and the helpers scenarios use. */
export class Workbench {
  /** The Playwright page of the workbench, for anything the helpers do not cover. */
  readonly page: Page;

  constructor(
    page: Page,
    /** Absolute path of the temp copy of the workspace that is open. */
    readonly workspaceDir: string,
    /** This run's logs folder (code-server.log, browser-console.log, vscode-logs/). */
    readonly logsDir: string,
    /** Base URL of code-server. */
    readonly url: string,
  ) {
    this.page = page;
  }

  /** Appends a timestamped line to this run's harness.log (what the helpers did, and when). */
  trace(message: string): void {
    fs.appendFileSync(path.join(this.logsDir, 'harness.log'), `${new Date().toISOString()} ${message}\n`);
  }

  /** Closes an editor hover if one shows, so it cannot cover the text a helper clicks next. */
  async dismissHover(timeoutMs = 5_000): Promise<void> {
    const hover = this.page.locator('.monaco-editor .monaco-hover:not(.hidden)');
    if (!(await hover.first().isVisible().catch(() => false))) return;
    await this.page.mouse.move(1, 1);
    await this.page.keyboard.press('Escape');
    await hover.first().waitFor({ state: 'hidden', timeout: timeoutMs }).catch(() => undefined);
  }

  /** The editor area of the active editor group. */
  private activeEditor(): Locator {
    return this.page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
  }

  /**
   * Opens a workspace file by its path relative to the workspace root, through Quick Open.
   * The first search of a run can take 10 s on a busy machine, hence the generous timeout.
   */
  async openFile(relativePath: string, timeoutMs = 45_000): Promise<void> {
    const posixPath = relativePath.split(path.sep).join('/');
    const baseName = path.posix.basename(posixPath);
    if (!fs.existsSync(path.join(this.workspaceDir, relativePath))) {
      throw new Error(`openFile: ${relativePath} does not exist in the workspace ${this.workspaceDir}`);
    }
    const dir = path.posix.dirname(posixPath);
    this.trace(`openFile ${posixPath}`);
    await this.openQuickInput('Control+P', '');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(posixPath);
    // The file search answers asynchronously: wait for the row of exactly this file (its name
    // as label and, for a nested file, its folder in the description).
    const row = await poll(
      async () => {
        const rows = await this.quickInputRows();
        const inDir = (description: string): boolean =>
          dir === '.' ? description === '' || !description.includes('/') : description.replace(/\\/g, '/').includes(dir);
        let index = rows.findIndex((r) => r.label === baseName && inDir(r.description));
        // A root file's description is empty or the folder's name: fall back to any row of that name.
        if (index < 0 && dir === '.') index = rows.findIndex((r) => r.label === baseName);
        return index >= 0 ? this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').nth(index) : undefined;
      },
      { timeoutMs, what: `Quick Open to list ${posixPath}` },
    );
    this.trace('openFile: row found');
    await row.click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: timeoutMs });
    await this.page
      .locator(`.part.editor .editor-group-container.active .tab.active[data-resource-name="${baseName}"]`)
      .waitFor({ timeout: timeoutMs });
    await this.activeEditor().locator('.view-lines .view-line').first().waitFor({ timeout: timeoutMs });
    this.trace('openFile: editor shown');
  }

  /** Waits until the active editor shows at least one squiggle of the given severity. */
  async waitForSquiggle(severity: Squiggle = 'any', timeoutMs = 30_000): Promise<Locator> {
    this.trace(`waitForSquiggle ${severity}`);
    const squiggles = this.activeEditor().locator(squiggleSelector(severity));
    await squiggles.first().waitFor({ state: 'attached', timeout: timeoutMs });
    this.trace(`waitForSquiggle: ${await squiggles.count()} found`);
    return squiggles;
  }

  /** Waits until the active editor shows no squiggle of the given severity. */
  async waitForNoSquiggle(severity: Squiggle = 'any', timeoutMs = 30_000): Promise<void> {
    await poll(async () => (await this.activeEditor().locator(squiggleSelector(severity)).count()) === 0, {
      timeoutMs,
      what: `no ${severity} squiggle`,
    });
  }

  /**
   * Moves the mouse over the first occurrence of `text` in the visible lines of the active
   * editor and returns the hover's text. With `expect`, waits until the hover contains it
   * (hover content can arrive in parts); otherwise waits until it has finished loading.
   */
  async hoverAt(text: string, expect?: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const box = await this.textBox(text);
    return this.hoverPoint(box.x + Math.min(box.width / 2, 12), box.y + box.height / 2, expect, timeoutMs, `"${text}"`);
  }

  /** Hovers the first squiggle of the given severity and returns the hover's text. */
  async hoverSquiggle(severity: Squiggle = 'any', expect?: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const squiggle = (await this.waitForSquiggle(severity, timeoutMs)).first();
    const box = await squiggle.boundingBox();
    if (!box) throw new Error('hoverSquiggle: the squiggle is not visible');
    return this.hoverPoint(box.x + Math.min(box.width / 2, 12), box.y + box.height / 2, expect, timeoutMs, 'squiggle');
  }

  private async hoverPoint(
    x: number,
    y: number,
    expect: string | RegExp | undefined,
    timeoutMs: number,
    what: string,
  ): Promise<string> {
    const hover = this.page.locator('.monaco-editor .monaco-hover:not(.hidden)');
    this.trace(`hover ${what} at ${Math.round(x)},${Math.round(y)}`);
    // Start from no hover, so we never read a stale one.
    await this.dismissHover();
    let wiggle = 0;
    return poll(
      async () => {
        // Nudge by a pixel each attempt: the editor shows a hover on mouse *move*.
        await this.page.mouse.move(x + (wiggle++ % 2), y);
        if (!(await hover.first().isVisible())) return undefined;
        const content = (await hover.first().innerText({ timeout: 1_000 })).trim();
        if (!content || /^Loading\.\.\.$/.test(content)) return undefined;
        if (expect !== undefined && !matches(content, expect)) return undefined;
        return content;
      },
      { timeoutMs, intervalMs: 250, what: `a hover over ${what}${expect ? ` containing ${String(expect)}` : ''}` },
    );
  }

  /** Opens the Problems panel (Ctrl+Shift+M) unless it is already showing. */
  async openProblems(timeoutMs = 10_000): Promise<void> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.focusWorkbench();
      await this.page.keyboard.press('Control+Shift+M');
    }
    await panel.waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /**
   * Every row of the Problems panel (opens it first). The list is virtual: only the rows in view
   * exist in the page, so it is scrolled from the top to the end, a viewport at a time, as a
   * user would, and the rows seen on the way are returned in order.
   */
  async problems(): Promise<ProblemRow[]> {
    await this.openProblems();
    const visible = () =>
      this.page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) =>
        rows.map((row: PageElement) => ({
          label: String(row.getAttribute('aria-label') ?? ''),
          text: String(row.innerText ?? '').replace(/\s+/g, ' ').trim(),
          isFile: !!row.querySelector('.file-icon, .markers-panel-container .resource-label, .monaco-icon-label.file-icon'),
        })),
      );
    const box = await this.page.locator('.markers-panel .monaco-list').first().boundingBox();
    if (!box || box.height < 10) return visible();
    // Two animation frames: the wheel is handled in the first, the rows of the new position drawn by the second.
    const frame = () => this.page.evaluate(() => new Promise<void>((resolve) => (globalThis as unknown as { requestAnimationFrame(cb: () => void): void }).requestAnimationFrame(() => resolve())));
    const nextFrame = async () => {
      await frame();
      await frame();
    };
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.wheel(0, -1_000_000);
    await nextFrame();
    const seen = new Map<string, ProblemRow>();
    for (let page = 0; page < 100; page++) {
      let added = 0;
      for (const row of await visible()) {
        const key = `${row.label}\u0000${row.text}`;
        if (!seen.has(key)) {
          seen.set(key, row);
          added++;
        }
      }
      if (added === 0 && page > 0) break;
      await this.page.mouse.wheel(0, Math.max(40, box.height * 0.8));
      await nextFrame();
    }
    return [...seen.values()];
  }

  /** Waits until a Problems row's label or text matches, and returns the rows then. */
  async waitForProblem(match: string | RegExp, timeoutMs = 30_000): Promise<ProblemRow[]> {
    return poll(
      async () => {
        const rows = await this.problems();
        return rows.some((row) => matches(row.label, match) || matches(row.text, match)) ? rows : undefined;
      },
      { timeoutMs, intervalMs: 250, what: `a Problems row matching ${String(match)}` },
    );
  }

  /**
   * Puts the cursor in the active editor right after (or, with `before`, right before) the
   * first visible occurrence of `text`, by clicking there.
   */
  async placeCursor(text: string, where: 'after' | 'before' = 'after'): Promise<void> {
    this.trace(`placeCursor ${where} "${text}"`);
    await this.dismissHover();
    const box = await this.textBox(text);
    const x = where === 'after' ? box.x + box.width - 1 : box.x + 1;
    await this.page.mouse.click(x, box.y + box.height / 2);
  }

  /** Goes to a 1-based line (and column) of the active editor with Ctrl+G. */
  async goToLine(line: number, column?: number): Promise<void> {
    await this.openQuickInput('Control+G', ':');
    await this.page.keyboard.type(column ? `${line}:${column}` : `${line}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Types into the focused editor, as a user would (auto-closing and indentation apply). */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /**
   * Triggers completion (Ctrl+Space) at the cursor and returns the suggest rows once shown.
   * With `expect`, waits until a row's label matches it (items can arrive late).
   */
  async triggerCompletion(expect?: string | RegExp, timeoutMs = 15_000): Promise<SuggestRow[]> {
    const widget = this.page.locator('.monaco-editor .suggest-widget.visible');
    this.trace(`triggerCompletion ${expect ?? ''}`);
    await this.dismissHover();
    if (!(await widget.isVisible())) await this.page.keyboard.press('Control+Space');
    return poll(
      async () => {
        if (!(await widget.isVisible())) return undefined;
        const rows = await this.suggestRows();
        if (rows.length === 0) return undefined;
        if (expect !== undefined && !rows.some((row) => matches(row.label, expect))) return undefined;
        return rows;
      },
      { timeoutMs, intervalMs: 150, what: `suggestions${expect ? ` including ${String(expect)}` : ''}` },
    );
  }

  /** The rows the suggest widget renders now (only the visible part of a long list). */
  async suggestRows(): Promise<SuggestRow[]> {
    return this.page.locator('.monaco-editor .suggest-widget.visible .monaco-list-row').evaluateAll((rows) =>
      rows.map((row: PageElement) => ({
        label: String(row.querySelector('.label-name')?.textContent ?? row.textContent ?? '').trim(),
        ariaLabel: String(row.getAttribute('aria-label') ?? ''),
      })),
    );
  }

  /** Accepts the suggestion whose label is `label`, by clicking it (completion must be open). */
  async acceptCompletion(label: string | RegExp, timeoutMs = 15_000): Promise<void> {
    await this.triggerCompletion(label, timeoutMs);
    const rows = await this.suggestRows();
    const index = rows.findIndex((row) => (typeof label === 'string' ? row.label === label : label.test(row.label)));
    if (index >= 0) {
      await this.page.locator('.monaco-editor .suggest-widget.visible .monaco-list-row').nth(index).click();
      await this.page.locator('.monaco-editor .suggest-widget.visible').waitFor({ state: 'hidden', timeout: timeoutMs });
      return;
    }
    throw new Error(`acceptCompletion: no suggestion ${String(label)}`);
  }

  /**
   * Runs a command by its title from the Command Palette (F1), e.g. "File: Save". The palette
   * closes when something else takes the focus (an extension revealing an editor after a click in
   * a webview does), so a palette that closes before the command is picked is opened again.
   */
  async runCommand(title: string, timeoutMs = 15_000): Promise<void> {
    this.trace(`runCommand ${title}`);
    const widget = this.page.locator('.quick-input-widget');
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      const row = await this.paletteRow(title, Math.max(1_000, deadline - Date.now()));
      if (row) {
        await row.click();
        await widget.waitFor({ state: 'hidden', timeout: timeoutMs }).catch(() => undefined);
        return;
      }
      if (attempt >= 4 || Date.now() >= deadline) {
        throw new Error(`the Command Palette kept closing before "${title}" could be picked (${attempt} attempts)`);
      }
      this.trace(`runCommand ${title}: the palette closed, opening it again`);
    }
  }

  /**
   * Opens the palette, types `>title` and returns the row to click, or undefined when the palette
   * closed underneath (focus taken elsewhere) before the row showed up.
   */
  private async paletteRow(title: string, timeoutMs: number): Promise<Locator | undefined> {
    const widget = this.page.locator('.quick-input-widget');
    await this.openQuickInput('F1', '>');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    const closed = async (): Promise<boolean> => !(await widget.isVisible());
    try {
      await input.fill(`>${title}`, { timeout: 5_000 });
    } catch (error) {
      if (await closed()) return undefined;
      throw error;
    }
    const row = await poll(
      async () => {
        if (await closed()) return 'closed' as const;
        const rows = await this.quickInputRows();
        let index = rows.findIndex((r) => r.label === title);
        if (index < 0) index = rows.findIndex((r) => r.label.toLowerCase().includes(title.toLowerCase()));
        return index >= 0 ? this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').nth(index) : undefined;
      },
      { timeoutMs, what: `the command "${title}" in the Command Palette` },
    );
    return row === 'closed' ? undefined : row;
  }

  /**
   * The Command Palette's rows for `filter`, read once `ready` (a title that must be listed) shows
   * up, so that a command that is missing is missing from a settled list. Closes the palette.
   */
  async commandsMatching(filter: string, ready: string, timeoutMs = 15_000): Promise<string[]> {
    this.trace(`commandsMatching ${filter}`);
    await this.openQuickInput('F1', '>');
    await this.page.locator('.quick-input-widget .quick-input-box input').fill(`>${filter}`);
    const labels = await poll(
      async () => {
        const rows = (await this.quickInputRows()).map((r) => r.label);
        return rows.includes(ready) ? rows : undefined;
      },
      { timeoutMs, what: `the command "${ready}" in the Command Palette` },
    );
    await this.page.keyboard.press('Escape');
    return labels;
  }

  /** Texts of the status bar items. */
  async statusBar(): Promise<string[]> {
    return this.page.locator('.part.statusbar .statusbar-item').evaluateAll((items) =>
      items.map((item: PageElement) => String(item.innerText ?? '').replace(/\s+/g, ' ').trim()).filter((text: string) => text.length > 0),
    );
  }

  /** Waits until a status bar item's text matches, and returns that text. */
  async waitForStatusBar(match: string | RegExp, timeoutMs = 15_000): Promise<string> {
    return poll(async () => (await this.statusBar()).find((text) => matches(text, match)), {
      timeoutMs,
      intervalMs: 200,
      what: `a status bar item matching ${String(match)}`,
    });
  }

  /** Messages of the notification toasts showing now. */
  async notifications(): Promise<string[]> {
    return this.page
      .locator('.notifications-toasts .notification-list-item-message')
      .evaluateAll((items) => items.map((item: PageElement) => String(item.innerText ?? '').trim()));
  }

  /** The text of the active editor's visible lines (Monaco renders only what is on screen). */
  async visibleText(): Promise<string> {
    return this.activeEditor()
      .locator('.view-lines')
      .evaluate((el: PageElement) =>
        Array.from(el.querySelectorAll('.view-line'))
          .map((line) => ({ top: parseFloat(line.style.top || '0'), text: String(line.textContent ?? '') }))
          .sort((a, b) => a.top - b.top)
          .map((line) => line.text.replace(/\u00a0/g, ' '))
          .join('\n'),
      );
  }

  /** Saves a PNG of the whole workbench into the screenshots folder (test-results/screenshots/; the README's with `npm run screenshots`). */
  async screenshot(name: string): Promise<string> {
    const file = path.join(screenshotsDir, name.endsWith('.png') ? name : `${name}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Saves a PNG into this run's logs folder (for debugging; not committed). */
  async debugScreenshot(name: string): Promise<string> {
    const file = path.join(this.logsDir, name.endsWith('.png') ? name : `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * A snapshot of the quick input's rows (label and description). Read in one evaluate call:
   * a Locator read would wait (30 s) for a description that a row does not have.
   */
  private async quickInputRows(): Promise<{ label: string; description: string }[]> {
    return this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').evaluateAll((rows) =>
      rows.map((row: PageElement) => ({
        label: String(row.querySelector('.label-name')?.textContent ?? '').trim(),
        description: String(row.querySelector('.label-description')?.textContent ?? '').trim(),
      })),
    );
  }

  /**
   * Makes sure keyboard shortcuts reach the workbench: the workbench listens on the window, so
   * focus anywhere in the main document will do, but a focused webview (an iframe) would keep
   * the keys. Blurring it returns focus to the document. (Clicking somewhere to focus is not
   * safe: the status bar's left corner, for one, opens the remote menu.)
   */
  private async focusWorkbench(): Promise<void> {
    await this.page.evaluate(() => {
      const active = (globalThis as unknown as { document: PageDocument }).document.activeElement;
      if (active && active.tagName === 'IFRAME') active.blur();
    });
  }

  /** Opens Quick Open (Ctrl+P), Go to Line (Ctrl+G) or the Command Palette (F1). */
  private async openQuickInput(key: string, prefix: string): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    if (await widget.isVisible()) {
      await this.page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden' });
    }
    // A key pressed while the workbench is still wiring its keybindings, or while a webview holds
    // the focus, opens nothing: press it again (the palette also has Ctrl+Shift+P) before failing.
    const keys = key === 'F1' ? [key, key, 'Control+Shift+P', key] : [key, key, key];
    for (let i = 0; ; i++) {
      await this.focusWorkbench();
      await this.page.keyboard.press(keys[i]);
      const shown = await widget
        .waitFor({ state: 'visible', timeout: i === keys.length - 1 ? 15_000 : 5_000 })
        .then(() => true)
        .catch((error: unknown) => {
          if (i === keys.length - 1) throw error;
          return false;
        });
      if (shown) break;
      this.trace(`${keys[i]} opened no quick input; pressing ${keys[i + 1]}`);
    }
    if (prefix) {
      await poll(
        async () =>
          (await this.page.locator('.quick-input-widget .quick-input-box input').inputValue()).startsWith(prefix),
        { timeoutMs: 5_000, what: `the quick input to start with "${prefix}"` },
      );
    }
  }

  /**
   * Screen rectangle of the first occurrence of `text` in the active editor's rendered lines.
   * If the text is not on screen, uses Find (Ctrl+F) to reveal it first.
   */
  private async textBox(text: string, options: PollOptions = {}): Promise<{ x: number; y: number; width: number; height: number }> {
    const find = (): Promise<{ x: number; y: number; width: number; height: number } | undefined> =>
      this.activeEditor()
        .locator('.view-lines')
        .evaluate((viewLines: PageElement, needle: string) => {
          const doc = (globalThis as unknown as { document: PageDocument }).document;
          const lines = Array.from(viewLines.querySelectorAll('.view-line')).sort(
            (a, b) => parseFloat(a.style.top || '0') - parseFloat(b.style.top || '0'),
          );
          for (const line of lines) {
            const content = String(line.textContent ?? '').replace(/\u00a0/g, ' ');
            const index = content.indexOf(needle);
            if (index < 0) continue;
            // Map the character offsets onto the token spans' text nodes.
            const walker = doc.createTreeWalker(line, 4 /* NodeFilter.SHOW_TEXT */);
            const range = doc.createRange();
            let seen = 0;
            let startSet = false;
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const length = node.textContent.length;
              if (!startSet && index < seen + length) {
                range.setStart(node, index - seen);
                startSet = true;
              }
              if (startSet && index + needle.length <= seen + length) {
                range.setEnd(node, index + needle.length - seen);
                break;
              }
              seen += length;
            }
            const rect = range.getBoundingClientRect();
            if (rect.width > 0 && rect.height > 0) return { x: rect.left, y: rect.top, width: rect.width, height: rect.height };
          }
          return undefined;
        }, text);
    const onScreen = await find();
    if (onScreen) return onScreen;
    // Reveal it with Find, then close Find and look again.
    await this.dismissHover();
    // Find needs the editor focused; a click at the top-left corner only moves the cursor.
    await this.activeEditor().click({ position: { x: 5, y: 5 }, timeout: 5_000 });
    await this.page.keyboard.press('Control+F');
    const findInput = this.page.locator('.part.editor .find-widget.visible textarea, .part.editor .find-widget.visible input').first();
    await findInput.waitFor({ timeout: 5_000 });
    await findInput.fill(text);
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Escape');
    return poll(find, { timeoutMs: options.timeoutMs ?? 5_000, what: `"${text}" in the active editor` });
  }
}

function squiggleSelector(severity: Squiggle): string {
  return severity === 'any'
    ? '.squiggly-error, .squiggly-warning, .squiggly-info, .squiggly-hint'
    : `.squiggly-${severity}`;
}

function matches(text: string, match: string | RegExp): boolean {
  return typeof match === 'string' ? text.includes(match) : match.test(text);
}

/** A started workbench and the means to stop it. */
interface RunningWorkbench {
  wb: Workbench;
  /** Closes the browser, stops code-server's process group, keeps logs, removes temp files. */
  stop(): Promise<void>;
}

/** Workbenches not yet stopped, so a timeout or a signal can stop them all. */
const running = new Set<RunningWorkbench>();

/** The workbench started most recently and still running (for failure screenshots). */
export function currentWorkbench(): Workbench | undefined {
  let last: Workbench | undefined;
  for (const item of running) last = item.wb;
  return last;
}

/** Stops every running workbench (used by the runner's timeouts and signal handlers). */
export async function stopAllWorkbenches(): Promise<void> {
  await Promise.all(Array.from(running).map((item) => item.stop().catch(() => undefined)));
}

/**
 * Starts code-server with `vsixPath` installed, opens a temp copy of `workspaceDir` in
 * chromium and waits for the workbench. Use {@link withWorkbench} unless you need to manage
 * the lifetime yourself.
 */
async function launchWorkbench(
  vsixPath: string | string[],
  workspaceDir: string,
  options: WorkbenchOptions = {},
): Promise<RunningWorkbench> {
  assertSetup();
  const source = path.resolve(workspaceDir);
  if (!fs.statSync(source).isDirectory()) throw new Error(`workspace ${source} is not a folder`);
  const label = (options.label ?? path.basename(source)).replace(/[^A-Za-z0-9._-]+/g, '-');
  const logsDir = makeLogsDir(label);
  const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-e2e-'));
  const dirs: CodeServerDirs = {
    userDataDir: path.join(tempRoot, 'user-data'),
    extensionsDir: path.join(tempRoot, 'extensions'),
    xdgDir: path.join(tempRoot, 'xdg'),
  };
  const workspaceCopy = path.join(tempRoot, 'workspace', path.basename(source));
  const codeServerLog = path.join(logsDir, 'code-server.log');
  const consoleLog = path.join(logsDir, 'browser-console.log');
  const keepTemp = options.keepTemp ?? process.env.CX_E2E_KEEP === '1';
  fs.writeFileSync(path.join(logsDir, 'run.json'), JSON.stringify({ source, workspaceCopy, tempRoot, vsixPath }, null, 2));

  const launchStarted = Date.now();
  const phase = (message: string): void =>
    fs.appendFileSync(
      path.join(logsDir, 'harness.log'),
      `${new Date().toISOString()} launch +${((Date.now() - launchStarted) / 1000).toFixed(1)}s ${message}\n`,
    );
  let server: CodeServer | undefined;
  let context: BrowserContext | undefined;
  let stopped = false;
  const handle: RunningWorkbench = {
    wb: undefined as unknown as Workbench,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      running.delete(handle);
      phase('stopping');
      await context?.close().catch(() => undefined);
      await server?.stop().catch(() => undefined);
      phase('stopped');
      // VS Code's own logs (extension host, renderer, server) help when an extension fails.
      const vscodeLogs = path.join(dirs.userDataDir, 'logs');
      if (fs.existsSync(vscodeLogs)) fs.cpSync(vscodeLogs, path.join(logsDir, 'vscode-logs'), { recursive: true });
      if (!keepTemp) fs.rmSync(tempRoot, { recursive: true, force: true, maxRetries: 3 });
    },
  };
  running.add(handle);

  try {
    fs.cpSync(source, workspaceCopy, { recursive: true });
    const trust = options.restrictedMode
      ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false }
      : {};
    writeUserSettings(dirs.userDataDir, { ...trust, ...options.settings });
    for (const vsix of Array.isArray(vsixPath) ? vsixPath : [vsixPath]) installExtension(dirs, vsix, codeServerLog);
    phase('extension(s) installed');
    server = await startCodeServer(dirs, codeServerLog, undefined, { workspaceTrust: options.restrictedMode ?? false });
    phase(`code-server healthy at ${server.url}`);

    const browserXdg = path.join(tempRoot, 'browser-xdg');
    context = await chromium.launchPersistentContext(path.join(tempRoot, 'browser-profile'), {
      executablePath: chromiumPath,
      headless: true,
      viewport: options.viewport ?? { width: 1440, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(browserXdg, 'config'),
        XDG_CACHE_HOME: path.join(browserXdg, 'cache'),
      },
    });
    phase('chromium started');
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => fs.appendFileSync(consoleLog, `[${message.type()}] ${message.text()}\n`));
    page.on('pageerror', (error) => fs.appendFileSync(consoleLog, `[pageerror] ${error.message}\n`));
    const workbench = new Workbench(page, workspaceCopy, logsDir, server.url);
    handle.wb = workbench;

    const startTimeout = options.startTimeoutMs ?? 90_000;
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspaceCopy)}`, { timeout: startTimeout });
    await page.locator('.monaco-workbench').waitFor({ timeout: startTimeout });
    phase('workbench shown');
    // The folder is open once the explorer shows its rows.
    await page.locator('.part.sidebar .explorer-folders-view .monaco-list-row').first().waitFor({ timeout: startTimeout });
    phase('explorer shows the workspace');
    return handle;
  } catch (error) {
    if (handle.wb) await handle.wb.debugScreenshot('startup-failure').catch(() => undefined);
    await handle.stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n  (logs: ${logsDir})`, { cause: error });
  }
}

/**
 * Runs `body` against a fresh workbench with the extension(s) installed and a temp copy of
 * `workspaceDir` open, then stops everything, also when `body` throws. On failure a
 * screenshot `failure.png` is saved in the run's logs folder.
 */
export async function withWorkbench<T>(
  vsixPath: string | string[],
  workspaceDir: string,
  body: (wb: Workbench) => Promise<T>,
  options: WorkbenchOptions = {},
): Promise<T> {
  const handle = await launchWorkbench(vsixPath, workspaceDir, options);
  try {
    return await body(handle.wb);
  } catch (error) {
    await handle.wb.debugScreenshot('failure').catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    const wrapped = new Error(`${message}\n  (screenshot and logs: ${handle.wb.logsDir})`);
    if (error instanceof Error) wrapped.stack = `${wrapped.message}\n${error.stack?.split('\n').slice(1).join('\n') ?? ''}`;
    throw wrapped;
  } finally {
    await handle.stop();
  }
}

/** Makes `.cache/e2e/logs/<time>-<label>/` and keeps only the newest 30 run folders. */
function makeLogsDir(label: string): string {
  fs.mkdirSync(logsRoot, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = path.join(logsRoot, `${stamp}-${label}`);
  fs.mkdirSync(dir, { recursive: true });
  const runs = fs.readdirSync(logsRoot).sort();
  for (const old of runs.slice(0, Math.max(0, runs.length - 30))) {
    fs.rmSync(path.join(logsRoot, old), { recursive: true, force: true });
  }
  return dir;
}

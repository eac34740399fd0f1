/**
 * Renders images/icon.svg to images/icon.png (128x128) with the system chromium, so the PNG the
 * marketplace needs is reproducible from the SVG source: `npx tsx scripts/render-icon.ts`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const svg = fs.readFileSync(path.join(root, 'images', 'icon.svg'), 'utf8');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-icon-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CX_E2E_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 128, height: 128 },
    deviceScaleFactor: 1,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(root, 'images', 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * Headless Chromium for tests that check what a person sees. Debian's chromium at
 * /usr/bin/chromium, driven by playwright-core; no browser is ever downloaded. Where it is
 * missing the tests fail with one line that says how to install it: a browser test that
 * quietly skips would hide exactly what it exists to show.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHATSPEC_CHROMIUM ?? '/usr/bin/chromium';

/** Where screenshots of a test run go (kept after the run, ignored by git). */
export const SCREENSHOT_DIR = join(process.cwd(), 'test-output', 'screenshots');

export interface LaunchedBrowser {
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<LaunchedBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's package (apt-get install chromium) or set CHATSPEC_CHROMIUM`,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: 30_000,
    // A fresh profile per launch (playwright's own); no background services, which would
    // only try the network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** A path for a screenshot under SCREENSHOT_DIR, the folder made on first use. */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name}.png`);
}

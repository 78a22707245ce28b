import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath, type LaunchedBrowser } from './browser.js';

describe('headless Chromium', () => {
  let launched: LaunchedBrowser;
  beforeAll(async () => {
    launched = await launchBrowser();
  });
  afterAll(async () => {
    await launched?.close();
  });

  it('renders a page served on loopback and saves a screenshot', async () => {
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(
        '<!doctype html><title>t</title><button id="b" onclick="this.textContent=\'clicked\'">go</button>',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const page = await launched.browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await page.click('#b');
      expect(await page.textContent('#b')).toBe('clicked');
      const path = screenshotPath('support-browser');
      await page.screenshot({ path });
      expect(existsSync(path)).toBe(true);
    } finally {
      server.close();
    }
  });
});

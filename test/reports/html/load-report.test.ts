/**
 * The load report as a person sees it: a real short load run against the reference server,
 * its HTML opened in headless Chromium; the nines-axis latency plot and the timeline are
 * drawn (polylines with real extent), the per-command table lists what ran.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { launchBrowser, screenshotPath, type LaunchedBrowser } from '../../support/browser.js';
import { runChatspec } from '../../cli/support/run-cli.js';

let server: RunningServer;
let browser: LaunchedBrowser;
let file: string;

beforeAll(async () => {
  server = await startServer({ host: '127.0.0.1', port: 0 });
  file = join(await mkdtemp(join(tmpdir(), 'chatspec-load-html-')), 'load.html');
  // Open loop, so the corrected and the uncorrected curves are both drawn.
  const exit = await runChatspec(
    [
      'load',
      `127.0.0.1:${server.port}`,
      '-c',
      '4',
      '-d',
      '2',
      '-R',
      '300',
      '--html',
      file,
      '--no-progress',
    ],
    60_000,
  );
  expect(exit.code, exit.stderr).toBe(0);
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await server?.close();
  await browser?.close();
});

describe('the load HTML report', () => {
  it('draws the latency plot on the nines axis, corrected and uncorrected, and the timeline', async () => {
    const page = await browser.browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    const curves = page.locator('#chart-latency polyline.series');
    expect(await curves.count()).toBe(2);
    for (const curve of await curves.all()) {
      const points = ((await curve.getAttribute('points')) ?? '').split(' ');
      expect(points.length).toBeGreaterThan(8);
      const box = (await curve.boundingBox())!;
      expect(box.width).toBeGreaterThan(200);
    }
    expect(await page.locator('#chart-latency text').allTextContents()).toEqual(
      expect.arrayContaining(['90%', '99%']),
    );
    expect(await page.locator('#chart-timeline polyline.series').count()).toBeGreaterThanOrEqual(1);
    const commands = await page.locator('#commands tbody td.mono').allTextContents();
    expect(commands).toEqual(expect.arrayContaining(['send', 'inbox']));
    await page.locator('#chart-latency').screenshot({ path: screenshotPath('load-latency') });
    expect(await readFile(file, 'utf8')).not.toMatch(/src=["']?https?:/);
    await page.close();
  });
});

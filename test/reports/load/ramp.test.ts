/**
 * The ramp's renderers, from a real ramp of the CLI (`--ramp … --json --html`): the console
 * table has a row per step and the knee; the HTML page, opened in headless Chromium, is self
 * contained (no request leaves the page) and draws a line per percentile, a point per step,
 * the SLO and the step table.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RampResult } from '../../../results/index.js';
import { renderRamp } from '../../../reports/load/index.js';
import { runChatspec } from '../../cli/support/run-cli.js';
import { launchBrowser, screenshotPath, type LaunchedBrowser } from '../../support/browser.js';

let dir: string;
let result: RampResult;
let htmlFile: string;
let launched: LaunchedBrowser;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatspec-ramp-'));
  htmlFile = join(dir, 'ramp.html');
  const run = await runChatspec(
    [
      'load',
      '--ramp',
      '30:120:4',
      '-d',
      '1',
      '-c',
      '3',
      '--slo',
      'p99=500',
      '--json',
      '--html',
      htmlFile,
    ],
    60_000,
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  result = JSON.parse(run.stdout) as RampResult;
  launched = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await launched?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('ramp reports', () => {
  it('prints a compact table with a row per step and the knee', () => {
    const text = renderRamp(result, { color: false });
    const rows = text.split('\n').filter((l) => /^│\s+\d+ │/.test(l));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/│\s+30 │/);
    expect(text).toMatch(/SLO p99 ≤ 500 ms/);
    expect(text).toMatch(/^Knee: /m);
  });

  it('draws the chart in one self-contained HTML page', async () => {
    const html = await readFile(htmlFile, 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\//);
    const page = await launched.browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${htmlFile}`);
    expect(await page.locator('svg polyline').count()).toBe(4);
    expect(await page.locator('svg circle').count()).toBe(16);
    expect(await page.locator('svg .slo').count()).toBe(1);
    expect(await page.locator('tbody tr').count()).toBe(4);
    expect(await page.locator('tbody tr').first().locator('td').nth(1).textContent()).toBe('30');
    const box = await page.locator('svg').boundingBox();
    expect(box!.width).toBeGreaterThan(500);
    await page.screenshot({ path: screenshotPath('load-ramp'), fullPage: true });
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  }, 30_000);
});

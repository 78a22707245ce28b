/**
 * The instructor's flow, end to end: five servers on their own loopback ports (the reference
 * server clean, with different defects, and with the course-template profile) in one
 * `chatspec test --targets` run; the matrix in every format; then the HTML matrix and a
 * server's report opened in headless Chromium, checked as a person sees them. Screenshots go
 * to test-output/screenshots (and, with CHATSPEC_UPDATE_DOCS_IMAGES=1, to docs/images for
 * docs/class.md).
 */
import { copyFile, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { launchBrowser, screenshotPath, type LaunchedBrowser } from '../support/browser.js';
import { ROOT, runChatspec, type Exit } from './support/run-cli.js';

const KINDS = [
  { name: 'clean', options: {} },
  { name: 'pipelining lost', options: { defects: ['first-request-only'] } },
  { name: 'inbox kept', options: { defects: ['inbox-not-emptied', 'missing-send-group-file'] } },
  { name: 'english errors', options: { defects: ['wrong-error-text', 'requires-crlf'] } },
  { name: 'course template', options: { profile: 'course-template' } },
] as const;

let servers: RunningServer[] = [];
let out: string;
let exit: Exit;
let browser: LaunchedBrowser;

async function saveShot(name: string, take: (path: string) => Promise<unknown>): Promise<void> {
  const path = screenshotPath(name);
  await take(path);
  if (process.env.CHATSPEC_UPDATE_DOCS_IMAGES === '1') {
    await mkdir(join(ROOT, 'docs/images'), { recursive: true });
    await copyFile(path, join(ROOT, 'docs/images', `${name}.png`));
  }
}

beforeAll(async () => {
  servers = await Promise.all(
    KINDS.map((kind) => startServer({ host: '127.0.0.1', port: 0, ...kind.options })),
  );
  const dir = await mkdtemp(join(tmpdir(), 'chatspec-class-'));
  out = join(dir, 'out');
  const targets = join(dir, 'class.yaml');
  await writeFile(
    targets,
    `targets:\n${KINDS.map((k, i) => `  - name: ${k.name}\n    address: 127.0.0.1:${servers[i]!.port}\n`).join('')}`,
  );
  // A generous timeout, as an instructor on a busy machine would give: the clean server's
  // 1 MiB download and 17 MiB line must never be misjudged for the machine's load. The
  // servers run at once, so the silences of the defective ones overlap.
  exit = await runChatspec(
    [
      'test',
      '--targets',
      targets,
      '--timeout',
      '10000',
      '--out',
      out,
      '--reporter',
      'console,html,markdown,csv,json',
    ],
    240_000,
  );
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await browser?.close();
});

describe('a class of five servers', () => {
  it('exits 1 (some servers fail) and writes the matrix in every format with a report per server', async () => {
    expect(exit.code, exit.stderr).toBe(1);
    expect(exit.stderr).toMatch(/testing 5 servers, 5 at a time/);
    expect((await readdir(out)).sort()).toEqual([
      'gradebook.csv',
      'index.html',
      'matrix.csv',
      'matrix.json',
      'matrix.md',
      'servers',
    ]);
    const folders = (await readdir(join(out, 'servers'))).sort();
    expect(folders).toEqual([
      '01-clean',
      '02-pipelining_lost',
      '03-inbox_kept',
      '04-english_errors',
      '05-course_template',
    ]);
    for (const folder of folders) {
      expect((await readdir(join(out, 'servers', folder))).sort()).toEqual([
        'junit.xml',
        'report.html',
        'report.json',
        'summary.md',
      ]);
    }
    const matrix = JSON.parse(await readFile(join(out, 'matrix.json'), 'utf8'));
    expect(matrix.servers.map((s: { name: string }) => s.name)).toEqual(KINDS.map((k) => k.name));
    const [clean, , inbox, , template] = matrix.servers;
    expect(clean.failed).toBe(false);
    expect(clean.score.mustMet).toBe(clean.score.mustTotal);
    expect(inbox.failed).toBe(true);
    expect(inbox.score.commandsImplemented).toBe(inbox.score.commandsTested - 1);
    // The course template has three commands of eight.
    expect(template.score.commandsImplemented).toBe(3);
    // Rows checked on the commands a server has carry their verdict, and say so.
    const rowOf = (id: string) =>
      (matrix.groups as { rows: { id: string; cells: string[]; judgedOn: unknown[] }[] }[])
        .flatMap((g) => g.rows)
        .find((r) => r.id === id)!;
    expect(rowOf('SESSION-2').cells[4]).toBe('PASS');
    expect(rowOf('SESSION-2').judgedOn[4]).not.toBeNull();
    // English error texts miss the text rules, never the framing ones.
    for (const id of ['FRAME-1', 'FRAME-4', 'FRAME-11'])
      expect(rowOf(id).cells[3], id).toBe('PASS');
    const csv = (await readFile(join(out, 'matrix.csv'), 'utf8')).split('\r\n');
    expect(csv).toHaveLength(7);
    expect(csv[1]).toMatch(/^clean,127\.0\.0\.1:\d+,/);
    const md = await readFile(join(out, 'matrix.md'), 'utf8');
    expect(md).toContain('| [clean](servers/01-clean/report.html) |');
    expect(exit.stdout).toMatch(
      /^server\s+points\s+MUST met\s+SHOULD met\s+commands\s+result\nclean\s+(\S+)\/\1\s+(\d+)\/\2\s/,
    );
  });

  it('scores every server out of one total; each breakdown adds up to its score', async () => {
    const [header, ...rows] = (await readFile(join(out, 'gradebook.csv'), 'utf8'))
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(header!.slice(0, 5)).toEqual(['submission', 'total', 'possible', 'provisional', 'note']);
    expect(rows.map((r) => r[0])).toEqual(KINDS.map((k) => k.name));
    const possible = new Set(rows.map((r) => r[2]));
    expect(possible.size).toBe(1);
    const cents = (text: string) => Math.round(Number(text) * 100);
    for (const row of rows) {
      const perRequirement = row.slice(5).reduce((sum, cell) => sum + cents(cell), 0);
      expect(perRequirement, row[0]).toBe(cents(row[1]!));
    }
    const totals = rows.map((r) => Number(r[1]));
    expect(totals[0]).toBe(Number(rows[0]![2])); // the clean server earns every point
    expect(Math.min(...totals)).toBeLessThan(totals[0]!); // and the others fewer
    const folders = (await readdir(join(out, 'servers'))).sort();
    for (const [i, folder] of folders.entries()) {
      const report = JSON.parse(
        await readFile(join(out, 'servers', folder, 'report.json'), 'utf8'),
      );
      expect(report.schemaVersion).toBe(2);
      const rowsOf = report.grade.rows as { earned: number; possible: number }[];
      expect(rowsOf).toHaveLength(report.requirements.length);
      expect(rowsOf.reduce((sum, r) => sum + cents(String(r.earned)), 0)).toBe(
        cents(String(report.grade.earned)),
      );
      expect(report.grade.earned).toBe(totals[i]);
      expect(report.grade.possible).toBe(Number(rows[0]![2]));
    }
  });

  it('shows the matrix in a browser; a cell opens that server’s report at the requirement', async () => {
    const page = await browser.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    expect(await page.textContent('#count-servers .n')).toBe('5');
    expect(await page.locator('th.server').allTextContents()).toEqual(KINDS.map((k) => k.name));
    await saveShot('class-matrix', (path) => page.screenshot({ path }));
    // Filter to rows with a FAIL: the PASS-only rows disappear.
    const rowsBefore = await page.locator('table.matrix tr[data-verdict]:visible').count();
    await page.uncheck('input[data-filter-verdict][value="PASS"]');
    const rowsAfter = await page.locator('table.matrix tr[data-verdict]:visible').count();
    expect(rowsAfter).toBeLessThan(rowsBefore);
    expect(rowsAfter).toBeGreaterThan(0);
    // The first FAIL cell of "inbox kept" (the third server column).
    const cell = page
      .locator('table.matrix tr[data-verdict] td.cell:nth-child(5)[data-cell="FAIL"] a')
      .first();
    const requirement = (await cell.getAttribute('href'))!.split('#r-')[1]!;
    await cell.click();
    await page.waitForURL(/03-inbox_kept\/report\.html#r-/);
    expect(await page.textContent('h1')).toContain(`127.0.0.1:${servers[2]!.port}`);
    const row = page.locator(`tr#r-${requirement}`);
    await expect.poll(() => row.isVisible()).toBe(true);
    expect(await row.getAttribute('data-verdict')).toBe('FAIL');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a report’s summary figures; a failed case expands to its transcript', async () => {
    const page = await browser.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(join(out, 'servers/03-inbox_kept/report.html')).href);
    const report = JSON.parse(
      await readFile(join(out, 'servers/03-inbox_kept/report.json'), 'utf8'),
    );
    expect(await page.textContent('#count-FAIL .n')).toBe(String(report.summary.FAIL));
    expect(await page.textContent('#count-scenarios .n')).toBe(String(report.scenarios.length));
    const failed = page.locator('details.scenario[data-verdict="FAIL"]').first();
    const transcript = failed.locator('table.transcript');
    expect(await transcript.isVisible()).toBe(false);
    await failed.locator('summary').click();
    expect(await transcript.isVisible()).toBe(true);
    expect(await transcript.textContent()).toMatch(/inbox [0-9a-f-]{36} \\r\\n/);
    await saveShot('html-report', (path) => failed.screenshot({ path }));
    // The command filter leaves only that command's scenarios.
    await page.selectOption('#filter-group', 'INBOX');
    const shownGroups = await page
      .locator('details.scenario:visible')
      .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-group')))]);
    expect(shownGroups).toEqual(['INBOX']);
    await page.close();
  });
});

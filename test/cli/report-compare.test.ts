/**
 * `chatspec report` and `chatspec compare` on saved results, as a user runs them: the kind
 * of each file detected, HTML written, bad files refused with one line naming them.
 */
import { mkdtemp, readFile, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { runChatspec } from './support/run-cli.js';

let dir: string;
let clean: RunningServer;
let broken: RunningServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatspec-report-'));
  clean = await startServer({ host: '127.0.0.1', port: 0 });
  broken = await startServer({ host: '127.0.0.1', port: 0, defects: ['inbox-not-emptied'] });
  const runs = [
    [
      'test',
      `127.0.0.1:${clean.port}`,
      '--only',
      'inbox/',
      '--reporter',
      'json',
      '--out',
      join(dir, 'alice'),
    ],
    [
      'test',
      `127.0.0.1:${broken.port}`,
      '--only',
      'inbox/',
      '--reporter',
      'json',
      '--out',
      join(dir, 'bob'),
    ],
    ['fuzz', `127.0.0.1:${clean.port}`, '--runs', '3', '--out', join(dir, 'fuzz')],
    ['load', `127.0.0.1:${clean.port}`, '-c', '2', '-d', '1', '--out', join(dir, 'load-a.json')],
    ['load', `127.0.0.1:${broken.port}`, '-c', '2', '-d', '1', '--out', join(dir, 'load-b.json')],
  ];
  for (const args of runs) {
    const exit = await runChatspec([...args, '--no-progress'], 60_000);
    expect(exit.code, exit.stderr).not.toBeNull();
  }
}, 120_000);
afterAll(async () => {
  await clean.close();
  await broken.close();
});

describe('chatspec report', () => {
  it('detects each kind and writes its HTML beside it', async () => {
    const exit = await runChatspec(
      [
        'report',
        join(dir, 'alice/report.json'),
        join(dir, 'fuzz/fuzz-report.json'),
        join(dir, 'load-a.json'),
      ],
      30_000,
    );
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stdout).toMatch(
      /test report: .*alice\/report\.html\nfuzz report: .*fuzz-report\.html\nload report: .*load-a\.html\n/,
    );
    expect(await readFile(join(dir, 'alice/report.html'), 'utf8')).toContain('Conformance report');
    expect(await readFile(join(dir, 'fuzz/fuzz-report.html'), 'utf8')).toContain('Fuzz report');
    expect(await readFile(join(dir, 'load-a.html'), 'utf8')).toContain('id="chart-latency"');
  });

  it('refuses a file that is not a chatspec result, naming it (exit 2)', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"hello":1}');
    const exit = await runChatspec(['report', bad], 30_000);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toBe(
      `chatspec: ${bad}: not a chatspec result (expected report.json, fuzz-report.json or a load --json result)\n`,
    );
    const damaged = join(dir, 'damaged.json');
    const report = JSON.parse(await readFile(join(dir, 'alice/report.json'), 'utf8'));
    report.scenarios[0].verdict = 'MAYBE';
    await writeFile(damaged, JSON.stringify(report));
    const second = await runChatspec(['report', damaged], 30_000);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('scenarios[0].verdict');
  });
});

describe('chatspec compare', () => {
  it('builds the matrix of saved reports, named by their folders', async () => {
    const out = join(dir, 'cmp');
    const exit = await runChatspec(
      ['compare', join(dir, 'alice/report.json'), join(dir, 'bob/report.json'), '--out', out],
      30_000,
    );
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stdout).toMatch(/^server\s+points\s+MUST met/);
    expect((await readdir(out)).sort()).toEqual([
      'index.html',
      'matrix.csv',
      'matrix.json',
      'matrix.md',
      'servers',
    ]);
    const csv = await readFile(join(out, 'matrix.csv'), 'utf8');
    expect(csv.split('\r\n')[1]).toMatch(/^alice,/);
    expect(csv.split('\r\n')[2]).toMatch(/^bob,.*FAIL/);
    const page = await readFile(join(out, 'index.html'), 'utf8');
    expect(page).toContain('href="servers/01-alice/report.html#r-INBOX-');
  });

  it('puts load results side by side in one chart, and refuses a mix of kinds', async () => {
    const out = join(dir, 'cmp-load');
    const exit = await runChatspec(
      ['compare', join(dir, 'load-a.json'), join(dir, 'load-b.json'), '--out', out],
      30_000,
    );
    expect(exit.code, exit.stderr).toBe(0);
    const page = await readFile(join(out, 'load-compare.html'), 'utf8');
    expect(page.match(/<polyline class="series"/g)).toHaveLength(2);
    expect(page).toContain('load-a');
    const mixed = await runChatspec(
      ['compare', join(dir, 'load-a.json'), join(dir, 'alice/report.json')],
      30_000,
    );
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('compare takes results of one kind');
  });
});

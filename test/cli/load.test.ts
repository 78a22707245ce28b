/**
 * `chatspec load` and `chatspec load merge` as a user runs them: the compiled CLI in a child
 * process (`npm test` builds first), against the embedded reference server or a test double on
 * loopback. Exit codes: 0 run completed, 1 audit found problems, 2 bad usage or setup.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../support/ports.js';
import { runChatspec, type Exit } from './support/run-cli.js';
import type { LoadReport } from '../../results/index.js';
import { startModelServer } from '../load/support/model-server.js';

const WAIT_MS = 20_000;
const chatspec = (args: readonly string[]): Promise<Exit> => runChatspec(args, WAIT_MS);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatspec-load-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('chatspec load', () => {
  it('runs against the embedded reference server and prints autocannon-style tables', async () => {
    const run = await chatspec(['load', '-c', '3', '-d', '1', '--seed', '5']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/embedded reference server/);
    expect(run.stdout).toMatch(/│ Latency │/);
    expect(run.stdout).toMatch(/│ send\s+│/);
    expect(run.stdout).toMatch(/seed 5/);
  });

  it('writes JSON in autocannon shape plus its own fields, and merges files exactly', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const [ra, rb] = await Promise.all([
      chatspec(['load', '-c', '2', '-d', '1', '--json', '--out', a]),
      chatspec(['load', '-c', '2', '-d', '1', '-w', 'send:1,inbox:1', '--out', b]),
    ]);
    expect(ra.code).toBe(0);
    expect(rb.code).toBe(0);
    const reportA = JSON.parse(ra.stdout) as LoadReport;
    expect(JSON.parse(await readFile(a, 'utf8'))).toEqual(reportA);
    expect(reportA).toMatchObject({ format: 'chatspec-load/1', connections: 2, sampleInt: 1000 });
    expect(reportA.requests.sent).toBeGreaterThan(0);
    expect(typeof reportA.raw.latency).toBe('string');
    const reportB = JSON.parse(await readFile(b, 'utf8')) as LoadReport;

    const merged = await chatspec(['load', 'merge', a, b, '--json']);
    expect(merged.code).toBe(0);
    const m = JSON.parse(merged.stdout) as LoadReport;
    expect(m.connections).toBe(4);
    expect(m.outcomes.sent).toBe(reportA.outcomes.sent + reportB.outcomes.sent);
    expect(m.commands.send!.sent).toBe(reportA.commands.send!.sent + reportB.commands.send!.sent);
    expect(m.latency.totalCount).toBe(reportA.latency.totalCount + reportB.latency.totalCount);
    expect(m.latency.max).toBe(Math.max(reportA.latency.max, reportB.latency.max));
    expect(m.workload.name).toBe('mixed');

    const tables = await chatspec(['load', 'merge', a, b]);
    expect(tables.code).toBe(0);
    expect(tables.stdout).toMatch(/│ Latency │/);
  });

  it('exits 1 when the audit finds messages the server lost', async () => {
    const server = await startModelServer({ kind: 'drop', every: 5 });
    try {
      const run = await chatspec([
        'load',
        `127.0.0.1:${server.port}`,
        '-c',
        '3',
        '-d',
        '1',
        '--audit',
      ]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/Audit: FAIL/);
      expect(run.stdout).toMatch(/acknowledged, never delivered/);
    } finally {
      await server.close();
    }
  });

  it('exits 0 when the audit finds nothing wrong', async () => {
    const run = await chatspec(['load', '-c', '2', '-d', '1', '--audit', '--workers', '2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Audit: PASS/);
    expect(run.stdout).toMatch(/2 worker threads/);
  });

  it('runs a thousand connections in a worker thread of their own unless --workers says otherwise', async () => {
    const args = ['load', '-c', '1000', '-d', '1', '-R', '500', '--json', '--no-progress'];
    const [auto, inThread] = await Promise.all([
      chatspec(args),
      chatspec([...args, '--workers', '0']),
    ]);
    for (const [run, workers] of [
      [auto, 1],
      [inThread, 0],
    ] as const) {
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as LoadReport;
      expect(report.workers).toBe(workers);
      expect(report.commands.auth?.ok).toBe(1000);
      expect(report.outcomes.errorReplies + report.outcomes.timeouts).toBe(0);
    }
  });

  it.each([
    [['load', '10.1.2.3:8889'], /refusing to send load to 10\.1\.2\.3.*--allow-remote/],
    [['load', '-w', 'chatty'], /unknown workload "chatty"/],
    [['load', '-w', 'send:70,fly:30'], /unknown op "fly"/],
    [['load', '-w', join('no', 'such', 'file.yaml')], /cannot read workload file/],
    [['load', '-c', '2', '--workers', '3'], /3 workers need at least as many connections/],
    [['load', '-c', '0'], /expected a whole number from 1/],
    [['load', '--workers', 'many'], /expected auto or a whole number from 0 to 64, got "many"/],
    [['load', '-R', '0'], /expected a number above 0/],
    [['load', 'nonsense'], /target must be HOST:PORT/],
    [['load', '--local-address', 'here'], /local address "here" is not an IP address/],
    [
      ['load', '[::1]:9', '--local-address', '127.0.0.2'],
      /127\.0\.0\.2 is IPv4, but the target ::1 is IPv6/,
    ],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const run = await chatspec(args);
    // The message first: a wrong exit code then comes with what the CLI said.
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
  });

  it('exits 2 when nothing listens at the target', async () => {
    const port = await closedPort();
    const run = await chatspec(['load', `127.0.0.1:${port}`, '-d', '1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /cannot connect to 127\.0\.0\.1:\d+: ECONNREFUSED \(is the server running\?\)/,
    );
  });

  it('exits 2 when asked to merge something that is not a load result', async () => {
    const bogus = join(dir, 'bogus.json');
    await writeFile(bogus, JSON.stringify({ hello: 'world' }));
    const run = await chatspec(['load', 'merge', bogus]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bogus\.json: not a chatspec load result/);
  });
});

/**
 * One masking policy for every command: a server whose login verb is `masuk` (made up, with the
 * password before the username) has its passwords masked in test's report.json, in a class
 * run's files, in fuzz's output and fuzz-report.json (also when re-rendered by `report`), in
 * probe's output, in chat's protocol log and in serve's request log. Real TCP on loopback:
 * the embedded reference server speaks the dialect.
 */
import { tcpDialer } from '../../net/index.js';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULT_TIMEOUT_MS } from '../../harness/index.js';
import { startServer } from '../../reference-server/index.js';
import { ChatSession, type WireExchange } from '../../client/session.js';
import { runTestCommand, type TestFlags, type TestIo } from '../../cli/test.js';
import { runFuzzCommand } from '../../cli/fuzz.js';
import { runProbeCommand } from '../../cli/probe.js';
import { runReportCommand } from '../../cli/report.js';
import { loadDialectFile, parseFixture, type DialectSpec } from '../../specs/index.js';

const SECRET = 'Zq9-masuk-secret';
const FIXTURE = {
  users: [
    { username: 'ana', password: SECRET, name: 'Ana A' },
    { username: 'ben', password: `${SECRET}2`, name: 'Ben B' },
  ],
  groups: [{ id: 'g1', name: 'G 1', members: ['ana', 'ben'] }],
};
const DIALECT = [
  'name: masuk',
  'description: masuk for auth, the password first',
  'commands:',
  '  AUTH: masuk {password} {username}',
  '',
].join('\n');

let dir: string;
let fixturePath: string;
let dialectPath: string;
let spec: DialectSpec;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatspec-masuk-'));
  fixturePath = join(dir, 'fixture.json');
  dialectPath = join(dir, 'masuk.yaml');
  await writeFile(fixturePath, JSON.stringify(FIXTURE));
  await writeFile(dialectPath, DIALECT);
  spec = (await loadDialectFile(dialectPath)).spec;
});

/** The word after every `masuk` in a text: the password's place (not the template's). */
function masukPasswords(text: string): string[] {
  return [...text.matchAll(/masuk (\S+) /g)].map((m) => m[1]!).filter((p) => p !== '{password}');
}

function capture(): TestIo & { out: () => string } {
  let out = '';
  return {
    stdout: { write: (t: string) => (out += t), isTTY: false },
    stderr: { write: (t: string) => (out += t), isTTY: false },
    env: {},
    handleSignals: false,
    out: () => out,
  };
}

function testFlags(out: string, extra: Partial<TestFlags> = {}): TestFlags {
  return {
    fixture: fixturePath,
    // auth/ logs in right and wrong (a password no fixture holds, and one with a suffix).
    only: ['auth/'],
    scenario: [],
    strict: false,
    timeout: DEFAULT_TIMEOUT_MS,
    reporter: ['console', 'json'],
    out,
    list: false,
    color: false,
    progress: false,
    dialect: dialectPath,
    ...extra,
  };
}

describe('a dialect whose login verb is masuk', () => {
  it("test: report.json shows *** at the password's place, unless --keep-secrets", async () => {
    const io = capture();
    await runTestCommand(undefined, testFlags(join(dir, 'test')), io);
    const json = await readFile(join(dir, 'test', 'report.json'), 'utf8');
    const shown = masukPasswords(json);
    expect(shown.length).toBeGreaterThan(2);
    expect(new Set(shown)).toEqual(new Set(['***']));
    expect(json).not.toContain(SECRET);
    expect(io.out()).not.toContain(SECRET);

    await runTestCommand(undefined, testFlags(join(dir, 'kept'), { keepSecrets: true }), capture());
    const kept = await readFile(join(dir, 'kept', 'report.json'), 'utf8');
    expect(masukPasswords(kept).some((p) => p !== '***')).toBe(true);
    expect(kept).toContain(SECRET);
  });

  it("test --targets: every server's files mask it", async () => {
    const server = await startServer({ port: 0, dialect: spec, fixture: parseFixture(FIXTURE) });
    onTestFinished(() => server.close());
    const targets = join(dir, 'class.yaml');
    await writeFile(
      targets,
      `targets:\n  - name: s1\n    address: 127.0.0.1:${server.port}\n    dialect: ${dialectPath}\n    fixture: ${fixturePath}\n`,
    );
    const out = join(dir, 'class');
    const io = capture();
    await runTestCommand(
      undefined,
      testFlags(out, {
        targets,
        reporter: ['json', 'markdown', 'html'],
        parallel: 1,
        // The dialect comes from the targets file: a class run refuses --dialect.
        dialect: undefined,
      }),
      io,
    );
    expect(io.out()).not.toContain(SECRET);
    const [folder] = await readdir(join(out, 'servers'));
    const server1 = join(out, 'servers', folder!);
    const files = await readdir(server1);
    expect(files).toContain('report.json');
    const json = await readFile(join(server1, 'report.json'), 'utf8');
    expect(masukPasswords(json).length).toBeGreaterThan(2);
    expect(new Set(masukPasswords(json))).toEqual(new Set(['***']));
    for (const file of files) {
      expect(await readFile(join(server1, file), 'utf8')).not.toContain(SECRET);
    }
  });

  it('fuzz: console and fuzz-report.json mask it; report re-renders a kept one masked', async () => {
    const server = await startServer({
      port: 0,
      dialect: spec,
      fixture: parseFixture(FIXTURE),
      defects: ['wrong-password-accepted'],
    });
    onTestFinished(() => server.close());
    const target = `127.0.0.1:${server.port}`;
    const flags = {
      fixture: fixturePath,
      dialect: dialectPath,
      runs: 100,
      seed: 3,
      timeout: DEFAULT_TIMEOUT_MS,
      parallel: false,
      framing: false,
      connections: 2,
      branches: 2,
      maxFileBytes: 64,
      shrinkTime: 2000,
      strict: false,
      progress: false,
    };
    let stdout = '';
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true } };
    const out = join(dir, 'fuzz');
    expect(await runFuzzCommand(target, { ...flags, out }, io)).toBe(1);
    const withoutScenario = (text: string): string => {
      const { scenario: _, ...rest } = JSON.parse(text) as Record<string, unknown>;
      return JSON.stringify(rest);
    };
    const report = withoutScenario(await readFile(join(out, 'fuzz-report.json'), 'utf8'));
    for (const text of [stdout, report]) {
      expect(masukPasswords(text).length).toBeGreaterThan(0);
      expect(new Set(masukPasswords(text))).toEqual(new Set(['***']));
      expect(text).not.toContain(SECRET);
    }

    const keptDir = join(dir, 'fuzz-kept');
    await runFuzzCommand(target, { ...flags, out: keptDir, keepSecrets: true }, io);
    const keptPath = join(keptDir, 'fuzz-report.json');
    const kept = withoutScenario(await readFile(keptPath, 'utf8'));
    expect(masukPasswords(kept).some((p) => p !== '***')).toBe(true);
    const quiet = { stdout: { write: () => true } };
    await runReportCommand([keptPath], { dialect: dialectPath, fixture: fixturePath }, quiet);
    const page = await readFile(join(keptDir, 'fuzz-report.html'), 'utf8');
    expect(masukPasswords(page).length).toBeGreaterThan(0);
    expect(new Set(masukPasswords(page))).toEqual(new Set(['***']));
    await runReportCommand([keptPath], { dialect: dialectPath, keepSecrets: true }, quiet);
    const open = await readFile(join(keptDir, 'fuzz-report.html'), 'utf8');
    expect(masukPasswords(open).some((p) => p !== '***')).toBe(true);
  });

  it('probe: its output never shows a fixture password', async () => {
    const server = await startServer({ port: 0, dialect: spec, fixture: parseFixture(FIXTURE) });
    onTestFinished(() => server.close());
    let out = '';
    const io = {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (out += t) },
    };
    await runProbeCommand(
      `127.0.0.1:${server.port}`,
      { fixture: fixturePath, timeout: 2000, budget: 10_000, maxRequests: 200 },
      io,
    );
    expect(out).toMatch(/probe 127\.0\.0\.1/);
    expect(out).not.toContain(SECRET);
  });

  it("chat: the protocol log masks it, in the dialect's login and in a typed line", async () => {
    const server = await startServer({ port: 0, dialect: spec, fixture: parseFixture(FIXTURE) });
    onTestFinished(() => server.close());
    const wire: WireExchange[] = [];
    const session = new ChatSession(
      {
        dialer: tcpDialer('127.0.0.1', server.port),
        dialect: await loadDialectFile(dialectPath),
        fixture: parseFixture(FIXTURE),
        timeoutMs: 2000,
        maxReplyBytes: 1 << 20,
        maxLineBytes: 1 << 16,
        maxPendingRequests: 4,
      },
      { onWire: (r) => void (r.kind === 'exchange' && wire.push(r)) },
    );
    onTestFinished(() => session.close());
    expect((await session.login('ana', SECRET)).kind).toBe('ok');
    expect((await session.raw('masuk not-a-fixture-word ben')).kind).toBe('error');
    expect(wire.map((e) => e.sent)).toEqual(['masuk *** ana \r\n', 'masuk *** ben\r\n']);
  });

  it("serve: the request log masks it, right or wrong, read through the server's dialect", async () => {
    const lines: string[] = [];
    const server = await startServer({
      port: 0,
      dialect: spec,
      fixture: parseFixture(FIXTURE),
      log: (line) => lines.push(line),
    });
    onTestFinished(() => server.close());
    const session = new ChatSession({
      dialer: tcpDialer('127.0.0.1', server.port),
      dialect: await loadDialectFile(dialectPath),
      timeoutMs: 2000,
      maxReplyBytes: 1 << 20,
      maxLineBytes: 1 << 16,
      maxPendingRequests: 4,
    });
    onTestFinished(() => session.close());
    await session.login('ana', SECRET);
    await session.login('ben', 'Other-wrong-1');
    expect(
      lines.filter((l) => l.includes('auth username=')).map((l) => l.replace(/^#\d+ /, '')),
    ).toEqual(['auth username=ana password=***', 'auth username=ben password=***']);
    for (const line of lines) {
      expect(line).not.toContain(SECRET);
      expect(line).not.toContain('Other-wrong-1');
    }
  });
});

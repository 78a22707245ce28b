/**
 * Passwords stay out of every report `chatspec test` writes: console, junit.xml and, unless
 * --keep-secrets is given, report.json. A fixture with a password that appears nowhere else
 * makes any leak visible.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_MS } from '../../harness/index.js';
import { REPORT_FILES } from '../../reports/index.js';
import { runTestCommand, type TestFlags, type TestIo } from '../../cli/test.js';

const SECRET = 'Zq9-unmistakable-secret';

function capture(): TestIo & { out: () => string } {
  let out = '';
  return {
    stdout: { write: (t: string) => (out += t), isTTY: false },
    stderr: { write: () => true, isTTY: false },
    env: {},
    handleSignals: false,
    out: () => out,
  };
}

async function run(
  keepSecrets: boolean,
  dialect?: string,
): Promise<{ console: string; json: string; junit: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'chatspec-secrets-'));
  const fixture = join(dir, 'fixture.json');
  await writeFile(
    fixture,
    JSON.stringify({
      users: [
        { username: 'ana', password: SECRET, name: 'Ana A' },
        { username: 'ben', password: `${SECRET}2`, name: 'Ben B' },
      ],
      groups: [],
    }),
  );
  const flags: TestFlags = {
    fixture,
    // auth/ scenarios log in, so their transcripts hold auth lines.
    only: ['auth/', 'framing/one-byte-at-a-time'],
    scenario: [],
    strict: false,
    timeout: DEFAULT_TIMEOUT_MS,
    reporter: ['console', 'json', 'junit'],
    out: join(dir, 'out'),
    list: false,
    color: false,
    progress: false,
    keepSecrets,
    ...(dialect !== undefined ? { dialect } : {}),
  };
  const io = capture();
  await runTestCommand(undefined, flags, io);
  return {
    console: io.out(),
    json: await readFile(join(dir, 'out', REPORT_FILES.json), 'utf8'),
    junit: await readFile(join(dir, 'out', REPORT_FILES.junit), 'utf8'),
  };
}

describe('chatspec test keeps passwords out of its reports', () => {
  it('masks them in the console, junit.xml and report.json by default', async () => {
    const { console, json, junit } = await run(false);
    expect(json).toContain('auth ana ***');
    for (const text of [console, json, junit]) expect(text).not.toContain(SECRET);
    // Also the login sent one byte per packet, masked across its pieces.
    const report = JSON.parse(json) as {
      scenarios: Array<{ id: string; transcript: Array<{ direction: string; text: string }> }>;
    };
    const bytewise = report.scenarios.find((s) => s.id === 'framing/one-byte-at-a-time')!;
    const sentText = bytewise.transcript
      .filter((e) => e.direction === 'sent')
      .map((e) => e.text)
      .join('');
    expect(sentText).toMatch(/^auth (ana|ben) \*\*\* \r\n$/);
  });

  it("masks them after a dialect's own login word (login)", async () => {
    const { console, json, junit } = await run(false, 'login');
    expect(json).toContain('login ana ***');
    for (const text of [console, json, junit]) expect(text).not.toContain(SECRET);
  });

  it('keeps them in report.json only with --keep-secrets', async () => {
    const { console, json, junit } = await run(true);
    expect(json).toContain(SECRET);
    expect(console).not.toContain(SECRET);
    expect(junit).not.toContain(SECRET);
  });
});

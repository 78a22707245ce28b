/**
 * Each verdict, earned by a server: the model of specs/ with one twist. Every test runs the
 * built-in scenarios (or the slice the twist concerns) and checks which scenarios got which
 * verdict, so a twist is also seen not to spill onto unrelated requirements.
 */
import { tcpDialer } from '../../../../net/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ERROR_TEXTS,
  SEED_FIXTURE,
  type ChatState,
  type InboxEntry,
  type Reply,
} from '../../../../specs/index.js';
import { runConformance } from '../../../../harness/index.js';
import { runFailed, type RunResult } from '../../../../results/index.js';
import { byFoundVerdict } from '../../support/found.js';
import { startFakeServer, verbOf, type FakeServer, type Twist } from '../../support/fake-server.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runAgainst(
  twist: Twist,
  options: { only?: string[]; timeoutMs?: number; fixture?: typeof SEED_FIXTURE } = {},
): Promise<RunResult> {
  server = await startFakeServer(twist, options.fixture);
  return runConformance({
    dialer: tcpDialer('127.0.0.1', server.port),
    timeoutMs: options.timeoutMs ?? 2000,
    ...(options.only ? { only: options.only } : {}),
    ...(options.fixture ? { fixture: options.fixture } : {}),
  });
}

function scenario(result: RunResult, id: string) {
  const found = result.scenarios.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no scenario ${id}`);
  return found;
}

const errorReply = (message: string): Reply => ({ status: 'ERROR', message });

describe('verdicts earned by servers', () => {
  it('NON-STRICT: the common "Informasi tidak ditemukan" for an unknown session', async () => {
    const result = await runAgainst({
      answer: (_line, model) => {
        const reply = model();
        return 'message' in reply && reply.message === ERROR_TEXTS.UNKNOWN_SESSION
          ? errorReply('Informasi tidak ditemukan')
          : reply;
      },
    });
    const nonStrict = byFoundVerdict(result)['NON-STRICT'] ?? [];
    expect(Object.keys(byFoundVerdict(result))).toEqual(['NON-STRICT']);
    expect(nonStrict).toEqual(
      result.scenarios
        .filter((s) => s.requirements.includes('SESSION-1') || s.id === 'protocol/error-texts')
        .map((s) => s.id),
    );
    const one = scenario(result, 'send/unknown-session');
    expect(one.reason).toContain('not the documented error text (a common alternative text)');
    expect(one.expected).toBe('"Session Tidak Ditemukan"');
    expect(one.actual).toBe('"Informasi tidak ditemukan"');
    expect(runFailed(result.summary, false)).toBe(false);
    expect(runFailed(result.summary, true)).toBe(true);
  });

  it('INFORMATIONAL: plain-string personal entries and no upper-case commands (MAYs not taken)', async () => {
    const result = await runAgainst({
      answer: (line, model, state) => {
        const verb = verbOf(line);
        if (verb !== verb.toLowerCase()) return errorReply(ERROR_TEXTS.UNKNOWN_COMMAND);
        const reply = model();
        if (verb !== 'inbox' || !('messages' in reply) || typeof reply.messages !== 'object')
          return reply;
        // The seed group's server: personal messages as strings, group messages as objects.
        const messages: Record<string, unknown[]> = {};
        for (const [key, entries] of Object.entries(
          reply.messages as Record<string, InboxEntry[]>,
        )) {
          messages[key] = state.users.has(key) ? entries.map((e) => e.msg) : entries;
        }
        return { status: 'OK', messages };
      },
    });
    expect(byFoundVerdict(result)).toEqual({
      INFORMATIONAL: ['inbox/entry-full-names', 'protocol/upper-case-command'],
    });
    const names = scenario(result, 'inbox/entry-full-names');
    expect(names.reason).toMatch(/does not carry msg_from as the full name/);
    expect(names.actual).toMatch(/^a plain string/);
    expect(runFailed(result.summary, true)).toBe(false);
  });

  it('UNIMPLEMENTED: a server without send_group_file', async () => {
    const result = await runAgainst({
      answer: (line) =>
        verbOf(line) === 'send_group_file' ? errorReply(ERROR_TEXTS.UNKNOWN_COMMAND) : undefined,
    });
    // Its own scenarios are UNIMPLEMENTED; those that only need it are not checkable.
    const own = result.scenarios.filter((s) => s.group === 'SEND_GROUP_FILE').map((s) => s.id);
    expect(byFoundVerdict(result)).toEqual({
      INFORMATIONAL: [
        'download_file/not-a-group-outsider',
        'framing/send-group-file-without-trailing-space',
      ],
      UNIMPLEMENTED: own,
    });
    expect(scenario(result, 'download_file/not-a-group-outsider')).toMatchObject({
      notRun: 'unsupported',
      missingCommands: ['SEND_GROUP_FILE'],
    });
    expect(scenario(result, 'send_group_file/ok').reason).toContain(
      'the server answers send_group_file as an unknown command',
    );
    expect(runFailed(result.summary, false)).toBe(false);
    expect(runFailed(result.summary, true)).toBe(true);
  });

  it('FAIL: any password accepted; only the password scenarios fail', async () => {
    const result = await runAgainst({
      answer: (line, model, state) => {
        const reply = model();
        if ('message' in reply && reply.message === ERROR_TEXTS.AUTH_WRONG_PASSWORD) {
          const token = `forged-${state.sessions.size}`;
          state.sessions.set(token, line.trim().split(/\s+/)[1]!);
          return { status: 'OK', tokenid: token };
        }
        return reply;
      },
    });
    expect(byFoundVerdict(result)).toEqual({
      // The SHOULD-level scenario that also asks for the text grades the same miss lower.
      'NON-STRICT': ['protocol/error-texts'],
      FAIL: ['auth/wrong-password', 'auth/password-with-suffix'],
    });
    const failed = scenario(result, 'auth/wrong-password');
    expect(failed.reason).toBe(
      'step 1 (auth): status OK where ERROR was expected; the same fault shows in 2 more scenarios (auth/password-with-suffix, protocol/error-texts), reported here once',
    );
    expect(failed.expected).toBe('ERROR "Password Salah"');
    expect(failed.actual).toBe('OK');
    expect(failed.step).toBe(1);
    expect(
      failed.transcript.some((e) => e.direction === 'received' && e.text.includes('forged-')),
    ).toBe(true);
    expect(result.requirements.find((r) => r.id === 'AUTH-3')?.verdict).toBe('FAIL');
    expect(runFailed(result.summary, false)).toBe(true);
  });

  it('FAIL: an inbox that never empties fails INBOX-2 and INBOX-5, nothing else', async () => {
    const result = await runAgainst({
      answer: (line, model, state: ChatState) => {
        if (verbOf(line) !== 'inbox') return undefined;
        const user = state.sessions.get(line.trim().split(/\s+/)[1] ?? '');
        const kept = user === undefined ? undefined : state.inboxes.get(user);
        const reply = model();
        if (user !== undefined && kept !== undefined) state.inboxes.set(user, kept);
        return reply;
      },
    });
    expect(byFoundVerdict(result)).toEqual({ FAIL: ['inbox/empties-on-read', 'inbox/empty'] });
    // One fault: the simpler reproduction (it fails sooner) reports it, the other points to it.
    expect(result.summary.FAIL).toBe(1);
    expect(scenario(result, 'inbox/empty').reason).toMatch(
      /^step 3 \(inbox as a\): the inbox holds \d+ message\(s\) where none were expected; the same fault shows in 1 more scenario \(inbox\/empties-on-read\)/,
    );
    expect(scenario(result, 'inbox/empties-on-read')).toMatchObject({
      verdict: 'INFORMATIONAL',
      ownVerdict: 'FAIL',
      sameFaultAs: 'inbox/empty',
    });
    expect(scenario(result, 'inbox/empties-on-read').reason).toMatch(
      /^the same fault as inbox\/empty, reported there: step 6 \(inbox as b\): the inbox holds \d+ message\(s\) where none were expected$/,
    );
    // Both requirements it breaks stay FAIL.
    for (const id of ['INBOX-2', 'INBOX-5']) {
      expect(result.requirements.find((r) => r.id === id)?.verdict, id).toBe('FAIL');
    }
  });

  it('ERROR: an unparseable reply, a reply without its terminator, silence and a hang-up', async () => {
    const result = await runAgainst(
      {
        answer: (line) => {
          switch (verbOf(line)) {
            case 'my_file':
              return { raw: 'Traceback (most recent call last):\r\n\r\n' };
            case 'download_file':
              return { raw: '{"status": "OK", "messages": "Downloaded' };
            case 'send_group':
              return 'silent';
            case 'send_group_file':
              return 'close';
            default:
              return undefined;
          }
        },
      },
      {
        only: [
          'my_file/shape',
          'download_file/text',
          'send_group/ok',
          'send_group_file/ok',
          'auth/ok',
        ],
        timeoutMs: 1000,
      },
    );
    expect(result.scenarios.map((s) => [s.id, s.verdict])).toEqual([
      ['auth/ok', 'PASS'],
      ['download_file/text', 'ERROR'],
      ['my_file/shape', 'ERROR'],
      ['send_group/ok', 'ERROR'],
      ['send_group_file/ok', 'ERROR'],
    ]);
    expect(scenario(result, 'my_file/shape').reason).toMatch(/unparseable reply \(not JSON/);
    expect(scenario(result, 'my_file/shape').actual).toBe('Traceback (most recent call last):');
    expect(scenario(result, 'download_file/text').reason).toMatch(
      /no complete reply within \d+ ms \(\d+ bytes without the \\r\\n\\r\\n terminator\)/,
    );
    expect(scenario(result, 'send_group/ok').reason).toMatch(/no reply within \d+ ms/);
    expect(scenario(result, 'send_group_file/ok').reason).toContain(
      'connection closed by the server before replying',
    );
  });

  it('a course-style server misses only framing SHOULDs (NON-STRICT), never a MUST', async () => {
    const result = await runAgainst(
      { courseFraming: true },
      { only: ['FRAMING'], timeoutMs: 1000 },
    );
    expect(byFoundVerdict(result)).toEqual({
      'NON-STRICT': [
        'framing/bare-lf',
        'framing/pipelined-logins',
        'framing/pipelined-state',
        'framing/over-long-line',
      ],
    });
    expect(scenario(result, 'framing/bare-lf').reason).toMatch(/no reply within \d+ ms/);
    expect(scenario(result, 'framing/pipelined-logins').reason).toMatch(
      /^step 1 \(auth\): reply 2 of 2: no reply/,
    );
  });

  it('a fixture that cannot bind a scenario\'s roles: INFORMATIONAL "not run", counted, never silent', async () => {
    const fixture = { users: SEED_FIXTURE.users.slice(0, 2), groups: [] };
    const result = await runAgainst({}, { fixture });
    const notRun = result.scenarios.filter((s) => s.notRun === 'fixture');
    expect(notRun.length).toBeGreaterThan(10);
    for (const s of notRun) {
      expect(s.verdict).toBe('INFORMATIONAL');
      expect(s.reason).toMatch(/^not run: the fixture \(2 users, 0 groups\) cannot provide /);
    }
    expect(scenario(result, 'send_group/ok').reason).toContain('group "g"');
    expect(scenario(result, 'send/recipient-only').notRun).toBe('fixture');
    expect(result.summary.INFORMATIONAL).toBe(notRun.length);
    expect(result.summary.PASS).toBe(result.scenarios.length - notRun.length);
  });
});

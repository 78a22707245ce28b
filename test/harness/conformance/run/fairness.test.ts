/**
 * Fair verdicts on the servers people actually wrote: the lecturer's template, and servers
 * that differ from the canonical protocol in one way only (a token key, an English
 * unknown-command text, a missing command, a file payload dropped without the trailing
 * space, a login that cannot work). Each must get one clear finding at its requirement and
 * nothing else: no cascade, no FAIL for what the protocol allows, no missed bug.
 */
import { tcpDialer } from '../../../../net/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  COMMAND_NAMES,
  ERROR_TEXTS,
  type CommandName,
  type Reply,
} from '../../../../specs/index.js';
import { runConformance } from '../../../../harness/index.js';
import { runFailed, type RunResult, type ScenarioResult } from '../../../../results/index.js';
import { byFoundVerdict } from '../../support/found.js';
import { startFakeServer, verbOf, type FakeServer, type Twist } from '../../support/fake-server.js';
import { startCourseTemplate, type CourseTemplate } from '../../../support/course-template.js';

let server: FakeServer | CourseTemplate | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runAgainst(twist: Twist, only?: string[]): Promise<RunResult> {
  server = await startFakeServer(twist);
  return runConformance({
    dialer: tcpDialer('127.0.0.1', server.port),
    timeoutMs: 3000,
    ...(only ? { only } : {}),
  });
}

function scenario(result: RunResult, id: string): ScenarioResult {
  const found = result.scenarios.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no scenario ${id}`);
  return found;
}

const requirement = (result: RunResult, id: string) =>
  result.requirements.find((r) => r.id === id)?.verdict;

const error = (message: string): Reply => ({ status: 'ERROR', message });

const CANONICAL_ONLY = ['AUTH', 'SEND', 'INBOX'];

describe("the lecturer's template (auth, send and inbox only)", () => {
  it('gets no FAIL and no ERROR: each quirk at its requirement, the missing commands UNIMPLEMENTED', async () => {
    server = await startCourseTemplate();
    const result = await runConformance({
      dialer: tcpDialer('127.0.0.1', server.port),
      timeoutMs: 3000,
    });
    expect(result.summary.FAIL).toBe(0);
    expect(result.summary.ERROR).toBe(0);
    expect(runFailed(result.summary, false)).toBe(false);

    expect(result.preflight).toMatchObject({
      absentCommands: ['SEND_FILE', 'DOWNLOAD_FILE', 'MY_FILE', 'SEND_GROUP', 'SEND_GROUP_FILE'],
      login: 'ok',
    });
    // A scenario about a missing command is UNIMPLEMENTED; one that merely needs it is not
    // checkable, and names what it needs.
    const groups = new Set([
      'SEND_FILE',
      'DOWNLOAD_FILE',
      'MY_FILE',
      'SEND_GROUP',
      'SEND_GROUP_FILE',
    ]);
    for (const s of result.scenarios) {
      if (groups.has(s.group)) expect(s.verdict, s.id).toBe('UNIMPLEMENTED');
    }
    const unsupported = result.scenarios.filter((s) => s.notRun === 'unsupported');
    expect(unsupported.map((s) => s.id).sort()).toEqual([
      'framing/send-file-without-trailing-space',
      'framing/send-group-file-without-trailing-space',
      'inbox/group-entry-shape',
    ]);
    expect(scenario(result, 'inbox/group-entry-shape')).toMatchObject({
      verdict: 'INFORMATIONAL',
      missingCommands: ['SEND_GROUP'],
    });
    expect(scenario(result, 'inbox/group-entry-shape').reason).toContain('needs send_group');

    // The framing, session and robustness scenarios use auth, send and inbox only.
    for (const s of result.scenarios.filter((s) => !groups.has(s.group))) {
      const sent = s.transcript.filter((e) => e.direction === 'sent').map((e) => e.text);
      if (s.notRun !== undefined) continue;
      for (const text of sent) {
        const verb = verbOf(text).toUpperCase();
        if (COMMAND_NAMES.includes(verb as CommandName))
          expect(CANONICAL_ONLY, s.id).toContain(verb);
      }
    }

    // The template's quirks, each a SHOULD or a MAY missed.
    expect(scenario(result, 'framing/many-requests-one-connection').verdict).toBe('PASS');
    expect(scenario(result, 'send/missing-text')).toMatchObject({ verdict: 'NON-STRICT' });
    expect(scenario(result, 'send/missing-text').reason).toContain('status OK where ERROR');
    expect(scenario(result, 'send/unknown-session').reason).toContain('a common alternative text');
    expect(scenario(result, 'auth/missing-password').verdict).toBe('NON-STRICT');
    expect(scenario(result, 'framing/bare-lf').verdict).toBe('NON-STRICT');
    expect(scenario(result, 'framing/pipelined-logins').verdict).toBe('NON-STRICT');
    expect(scenario(result, 'framing/split-multibyte-character').verdict).toBe('NON-STRICT');
    expect(scenario(result, 'protocol/upper-case-command').verdict).toBe('INFORMATIONAL');
    // Text stored with its leading space and " \r\n" is the text sent.
    for (const id of ['send/delivered', 'send/order', 'inbox/empty', 'inbox/empties-on-read']) {
      expect(scenario(result, id).verdict, id).toBe('PASS');
    }
    expect(requirement(result, 'SEND-6')).toBe('NON-STRICT');
    expect(requirement(result, 'FRAME-4')).toBe('PASS');
    expect(requirement(result, 'INBOX-3')).toBe('PASS');
    // Not checked here at all: no verdict of its own.
    expect(requirement(result, 'FRAME-12')).toBe('UNTESTED');
  }, 120_000);
});

describe('a server that differs in one way gets one finding', () => {
  it('a token under "token_id": AUTH-1 once, naming the key and the dialect line; the rest judged', async () => {
    const result = await runAgainst({
      answer: (_line, model) => {
        const reply = model();
        if (reply.status === 'OK' && 'tokenid' in reply) {
          return { status: 'OK', token_id: reply.tokenid };
        }
        return reply;
      },
    });
    expect(byFoundVerdict(result)).toEqual({ FAIL: ['auth/ok'] });
    const finding = scenario(result, 'auth/ok');
    expect(finding.reason).toContain('the session token is under "token_id", not "tokenid"');
    expect(finding.reason).toContain('replies: { token: token_id }');
    expect(finding.reason).toContain('chatspec probe');
    expect(result.preflight).toMatchObject({ login: 'token-under-key', tokenKey: 'token_id' });
    expect(requirement(result, 'AUTH-1')).toBe('FAIL');
    expect(requirement(result, 'AUTH-4')).toBe('PASS');
  }, 60_000);

  it('a token as the only UUID in the reply, under a key nobody uses', async () => {
    const result = await runAgainst(
      {
        answer: (_line, model) => {
          const reply = model();
          return reply.status === 'OK' && 'tokenid' in reply
            ? { status: 'OK', welcome: 'hi', kunci: reply.tokenid }
            : reply;
        },
      },
      ['AUTH', 'SEND'],
    );
    expect(byFoundVerdict(result)).toEqual({ FAIL: ['auth/ok'] });
    expect(scenario(result, 'auth/ok').reason).toContain('"kunci" (the only UUID in the reply)');
  }, 60_000);

  it('an English unknown-command text and a missing send_group_file: UNIMPLEMENTED, not FAIL', async () => {
    const english = '**Incorrect Protocol';
    const result = await runAgainst({
      answer: (line, model) => {
        if (verbOf(line) === 'send_group_file') return error(english);
        const reply = model();
        return reply.status === 'ERROR' && reply.message === ERROR_TEXTS.UNKNOWN_COMMAND
          ? error(english)
          : reply;
      },
    });
    expect(result.preflight?.absentCommands).toEqual(['SEND_GROUP_FILE']);
    const verdicts = byFoundVerdict(result);
    expect(verdicts.FAIL).toBeUndefined();
    expect(verdicts.ERROR).toBeUndefined();
    expect(verdicts.UNIMPLEMENTED).toEqual(
      result.scenarios.filter((s) => s.group === 'SEND_GROUP_FILE').map((s) => s.id),
    );
    expect(verdicts.INFORMATIONAL).toEqual([
      'download_file/not-a-group-outsider',
      'framing/send-group-file-without-trailing-space',
    ]);
    // The text itself is a SHOULD missed, where the scenario asks for it.
    expect(verdicts['NON-STRICT']).toEqual(
      expect.arrayContaining(['protocol/unknown-command', 'protocol/error-texts']),
    );
    expect(scenario(result, 'protocol/unknown-command').actual).toBe(JSON.stringify(english));
  }, 60_000);

  it('a missing command the preflight could not see (its bare verb hangs) is told by the learned text', async () => {
    const english = 'Unknown command';
    const result = await runAgainst(
      {
        answer: (line, model) => {
          const verb = verbOf(line);
          if (verb === 'my_file') return line.trim() === 'my_file' ? 'silent' : error(english);
          const reply = model();
          return reply.status === 'ERROR' && reply.message === ERROR_TEXTS.UNKNOWN_COMMAND
            ? error(english)
            : reply;
        },
      },
      ['MY_FILE', 'SEND_FILE', 'robustness/'],
    );
    expect(result.preflight?.absentCommands).toEqual([]);
    const verdicts = byFoundVerdict(result);
    expect(verdicts.FAIL).toBeUndefined();
    // my_file/missing-session sends the bare verb: the server's silence there is a reply
    // missed, and deserves its ERROR; every other my_file scenario is UNIMPLEMENTED, told by
    // the text the server gave a made-up verb.
    expect(verdicts.ERROR).toEqual(['my_file/missing-session']);
    const myFile = result.scenarios.filter((s) => s.group === 'MY_FILE');
    for (const s of myFile.filter((s) => s.id !== 'my_file/missing-session')) {
      expect(s.verdict, s.id).toBe('UNIMPLEMENTED');
    }
    expect(scenario(result, 'send_file/listed-for-recipient')).toMatchObject({
      verdict: 'INFORMATIONAL',
      notRun: 'unsupported',
      missingCommands: ['MY_FILE'],
    });
  }, 60_000);

  it('a file payload dropped without the trailing space (j[4:-1]) is a FAIL of FRAME-12', async () => {
    const result = await runAgainst({
      answer: (line, _model, _state, apply) => {
        const verb = verbOf(line);
        if ((verb === 'send_file' || verb === 'send_group_file') && !/\s$/.test(line)) {
          // Tokens 4 to the second-to-last: without the trailing space, the payload itself.
          const tokens = line.split(' ');
          const payload = tokens.slice(4, -1).join(' ');
          return apply([...tokens.slice(0, 4), ...(payload ? [payload] : [])].join(' '));
        }
        return undefined;
      },
    });
    // One fault (the payload rebuilt from the wrong tokens), reported once, by the first.
    expect(result.summary.FAIL).toBe(1);
    expect(scenario(result, 'framing/send-group-file-without-trailing-space').sameFaultAs).toBe(
      'framing/send-file-without-trailing-space',
    );
    expect(byFoundVerdict(result)).toEqual({
      FAIL: [
        'framing/send-file-without-trailing-space',
        'framing/send-group-file-without-trailing-space',
      ],
    });
    const caught = scenario(result, 'framing/send-file-without-trailing-space');
    expect(caught.reason).toMatch(/the data differs from the bytes sent/);
    expect(caught.actual).toMatch(/^0 bytes/);
    expect(requirement(result, 'FRAME-12')).toBe('FAIL');
  }, 60_000);

  it('a server that refuses a file without the trailing space is not failed for it by FRAME-12', async () => {
    const result = await runAgainst(
      {
        answer: (line) =>
          verbOf(line).endsWith('file') && !/\s$/.test(line)
            ? error(ERROR_TEXTS.MISSING_PARAMS)
            : undefined,
      },
      ['framing/'],
    );
    expect(scenario(result, 'framing/send-file-without-trailing-space').verdict).toBe('PASS');
    expect(scenario(result, 'framing/send-group-file-without-trailing-space').reason).toContain(
      'not carried out (status ERROR)',
    );
  }, 60_000);

  it('no login possible: AUTH-1 fails once, the rest is not run with one reason and what to do', async () => {
    const result = await runAgainst({
      answer: (line) => (verbOf(line) === 'auth' ? error('User Tidak Ada') : undefined),
    });
    expect(result.preflight?.login).toBe('impossible');
    expect(result.summary.ERROR).toBe(0);
    expect(byFoundVerdict(result).FAIL).toEqual(
      expect.arrayContaining(['auth/ok', 'auth/token-differs-per-login']),
    );
    expect(result.summary.FAIL).toBeLessThanOrEqual(6);
    const blocked = result.scenarios.filter((s) => s.notRun === 'blocked');
    expect(blocked.length).toBeGreaterThan(50);
    for (const s of blocked) {
      expect(s.verdict).toBe('INFORMATIONAL');
      expect(s.blockedBy, s.id).toContain('auth/ok');
      if (s.group === 'AUTH') {
        // auth's own scenarios that log in to prepare fold into auth/ok's finding.
        expect(s.reason).toContain('the same fault of auth is reported by auth/ok');
      } else {
        expect(s.reason, s.id).toContain('logging in as messi answers ERROR "User Tidak Ada"');
        expect(s.reason).toContain('chatspec probe 127.0.0.1:');
      }
    }
    expect(runFailed(result.summary, false)).toBe(true);
  }, 60_000);

  it('no login possible and no AUTH-1 scenario selected: the first scenario carries the ERROR', async () => {
    const result = await runAgainst(
      { answer: (line) => (verbOf(line) === 'auth' ? { status: 'OK' } : undefined) },
      ['SEND'],
    );
    expect(result.summary.ERROR).toBe(1);
    const first = result.scenarios.find((s) => s.notRun === 'blocked');
    expect(first).toMatchObject({ verdict: 'ERROR' });
    expect(first!.reason).toContain('answers OK without a session token');
    expect(runFailed(result.summary, false)).toBe(true);
  }, 60_000);

  it('a setup failure whose cause is already reported folds into that finding', async () => {
    // "messages" is an array: inbox's own scenarios FAIL, and every scenario that reads an
    // inbox only to see whether something arrived is not checkable, pointing at them.
    const result = await runAgainst({
      answer: (line, model) => {
        if (verbOf(line) !== 'inbox') return undefined;
        const reply = model();
        return reply.status === 'OK' ? { status: 'OK', messages: [] } : reply;
      },
    });
    const blocked = result.scenarios.filter((s) => s.notRun === 'blocked');
    expect(blocked.length).toBeGreaterThan(10);
    for (const s of blocked) {
      expect(s.verdict).toBe('INFORMATIONAL');
      expect(s.reason).toMatch(
        /^not checkable: step \d+ \(.+\): (reply \d+ of \d+: )?the inbox reply has the wrong shape/,
      );
      expect(s.reason).toContain('the same fault of inbox is reported by inbox/');
      expect(s.blockedBy!.every((id) => id.startsWith('inbox/'))).toBe(true);
    }
    expect(blocked.map((s) => s.id)).toEqual(
      expect.arrayContaining(['send/delivered', 'session/acts-as-its-user']),
    );
    expect(result.summary.ERROR).toBe(0);
    // Inbox's own scenarios found it too; one reports it, the others point to that one.
    expect(result.summary.FAIL).toBe(1);
    const [finding] = result.scenarios.filter((s) => s.verdict === 'FAIL');
    expect(finding!.group).toBe('INBOX');
    expect(new Set(blocked.flatMap((s) => s.blockedBy))).toEqual(new Set([finding!.id]));
    for (const id of ['inbox/empty', 'inbox/shape'].filter((id) => id !== finding!.id)) {
      expect(scenario(result, id)).toMatchObject({
        verdict: 'INFORMATIONAL',
        ownVerdict: 'FAIL',
        sameFaultAs: finding!.id,
      });
    }
  }, 60_000);
});

/**
 * Acceptance: `chatspec test`'s engine against the reference server playing servers from the
 * wild (`--profile`) and speaking dialects (`--dialect` on the server, none given to the
 * checker). Every FAIL and ERROR here is one the server's author would sign.
 */
import { tcpDialer } from '../../../../net/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { runConformance } from '../../../../harness/index.js';
import { runFailed, type RunResult, type Verdict } from '../../../../results/index.js';
import { startServer, type RunningServer } from '../../../../reference-server/index.js';
import { byFoundVerdict } from '../../support/found.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function against(options: { profile?: string; dialect?: string }): Promise<RunResult> {
  server = await startServer({ port: 0, ...options });
  return runConformance({ dialer: tcpDialer('127.0.0.1', server.port), timeoutMs: 3000 });
}

/** The scenarios that found a FAIL or an ERROR, folded into another's finding or not. */
const failing = (result: RunResult) =>
  byFoundVerdict(result, (verdict) => verdict === 'FAIL' || verdict === 'ERROR');

const verdictOf = (result: RunResult, id: string) =>
  result.scenarios.find((s) => s.id === id)?.verdict;

describe('profiles of servers from the wild', () => {
  it('course-template: no FAIL, no ERROR, the run passes; each quirk at its requirement', async () => {
    const result = await against({ profile: 'course-template' });
    expect(failing(result)).toEqual({});
    expect(runFailed(result.summary, false)).toBe(false);
    expect(result.preflight?.absentCommands).toEqual([
      'SEND_FILE',
      'DOWNLOAD_FILE',
      'MY_FILE',
      'SEND_GROUP',
      'SEND_GROUP_FILE',
    ]);
    const at = (id: string) => result.requirements.find((r) => r.id === id)?.verdict;
    expect(at('SEND-6')).toBe('NON-STRICT'); // an empty message accepted
    expect(at('FRAME-6')).toBe('NON-STRICT'); // a bare LF never answered
    expect(at('FRAME-8')).toBe('NON-STRICT'); // only the first of pipelined requests
    expect(at('FRAME-10')).toBe('NON-STRICT'); // a character split across reads
    // Informasi tidak ditemukan, judged on the three commands the template has.
    expect(verdictOf(result, 'inbox/unknown-session')).toBe('NON-STRICT');
    expect(at('SESSION-1')).toBe('NON-STRICT');
    expect(at('PROTO-4')).toBe('INFORMATIONAL'); // case-sensitive verbs
    expect(at('SEND-2')).toBe('PASS'); // text stored with its spaces and CRLF
    expect(at('FRAME-4')).toBe('PASS');
    expect(at('SENDFILE-1')).toBe('UNIMPLEMENTED');
  }, 180_000);

  it('seed-group: fails only the files emptied without the trailing space (FRAME-12)', async () => {
    const result = await against({ profile: 'seed-group' });
    expect(failing(result)).toEqual({
      FAIL: [
        'framing/send-file-without-trailing-space',
        'framing/send-group-file-without-trailing-space',
      ],
    });
    // The nameless file its split(" ") stores is a SHOULD missed, not a FAIL.
    expect(verdictOf(result, 'send_file/missing-filename')).toBe('PASS');
    expect(verdictOf(result, 'send_file/missing-filename-trailing-space')).toBe('NON-STRICT');
    expect(verdictOf(result, 'send_group/missing-text')).toBe('NON-STRICT');
    expect(verdictOf(result, 'inbox/entry-full-names')).toBe('INFORMATIONAL');
  }, 180_000);
});

describe('a server speaking a dialect, tested without it: one root cause', () => {
  it('token-id: AUTH-1 once, everything else PASS', async () => {
    const result = await against({ dialect: 'token-id' });
    expect(failing(result)).toEqual({ FAIL: ['auth/ok'] });
    expect(result.summary.PASS).toBe(result.scenarios.length - 1);
  }, 120_000);

  it('english: every text a NON-STRICT at its own requirement, nothing failed', async () => {
    const result = await against({ dialect: 'english' });
    expect(failing(result)).toEqual({});
    // One finding per text: the same English text under every command that answers it is
    // one fault, reported once; the others point to it.
    const findings = result.scenarios.filter((s) => s.verdict === 'NON-STRICT');
    const texts = findings.map((s) => `${s.expected} -> ${s.actual}`);
    expect(new Set(texts).size).toBe(texts.length);
    const folded = result.scenarios.filter((s) => s.sameFaultAs !== undefined);
    expect(folded.length).toBeGreaterThan(20);
    for (const s of folded) {
      expect(s.ownVerdict, s.id).toBe('NON-STRICT');
      const keeper = result.scenarios.find((k) => k.id === s.sameFaultAs)!;
      expect(`${keeper.expected} -> ${keeper.actual}`, s.id).toBe(`${s.expected} -> ${s.actual}`);
    }
  }, 120_000);

  // Each dialect differs in one or two ways; each way is one finding, at the command's own
  // scenario that shows it soonest, and every other scenario it spoils points to that one.
  const ONE_FINDING_EACH: ReadonlyArray<readonly [string, Partial<Record<Verdict, string[]>>]> = [
    [
      'flat-files',
      {
        FAIL: ['download_file/text', 'my_file/shape'],
        'NON-STRICT': ['download_file/missing-filename'],
      },
    ],
    ['from-message', { FAIL: ['inbox/shape'] }],
    ['json-string-inbox', { FAIL: ['inbox/shape', 'send_group/sender-from-session'] }],
    [
      'group-first',
      { FAIL: ['send_group/ok', 'send_group_file/ok'], 'NON-STRICT': ['send_group/unknown-group'] },
    ],
    ['group-under-sender', { FAIL: ['inbox/group-entry-shape', 'send_group/sender-from-session'] }],
    ['keep-inbox', { FAIL: ['inbox/keyed-by-sender', 'inbox/empty', 'send_group/order'] }],
  ];
  for (const [dialect, expected] of ONE_FINDING_EACH) {
    it(`${dialect}: one finding per difference, the rest pointing to it`, async () => {
      const result = await against({ dialect });
      const findings: Partial<Record<Verdict, string[]>> = {};
      for (const s of result.scenarios) {
        if (s.verdict === 'FAIL' || s.verdict === 'ERROR' || s.verdict === 'NON-STRICT') {
          (findings[s.verdict] ??= []).push(s.id);
        }
      }
      expect(findings).toEqual(expected);
      const ids = new Set(Object.values(findings).flat());
      const pointing = result.scenarios.filter(
        (s) => s.sameFaultAs !== undefined || s.blockedBy !== undefined,
      );
      expect(pointing.length).toBeGreaterThan(0);
      for (const s of pointing) {
        expect(s.verdict, s.id).toBe('INFORMATIONAL');
        for (const by of s.blockedBy ?? [s.sameFaultAs!]) expect(ids, s.id).toContain(by);
      }
    }, 120_000);
  }

  it('no-group-file: UNIMPLEMENTED for its scenarios, not checkable where it is only needed', async () => {
    const result = await against({ dialect: 'no-group-file' });
    expect(failing(result)).toEqual({});
    expect(result.preflight?.absentCommands).toEqual(['SEND_GROUP_FILE']);
    const unimplemented = result.scenarios.filter((s) => s.verdict === 'UNIMPLEMENTED');
    expect(new Set(unimplemented.map((s) => s.group))).toEqual(new Set(['SEND_GROUP_FILE']));
  }, 120_000);

  it('login: no session can be had; said once, the run fails, the rest not run', async () => {
    const result = await against({ dialect: 'login' });
    expect(result.preflight?.login).toBe('impossible');
    expect(result.summary.FAIL).toBe(0);
    expect(result.summary.ERROR).toBe(1);
    const blocked = result.scenarios.filter((s) => s.notRun === 'blocked');
    expect(blocked.length).toBeGreaterThan(60);
    expect(runFailed(result.summary, false)).toBe(true);
  }, 120_000);
});

/**
 * Acceptance: `chatspec test`'s engine against the reference server playing servers from the
 * wild (`--profile`) and speaking dialects (`--dialect` on the server, none given to the
 * checker). Every FAIL and ERROR here is one the server's author would sign.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runConformance, runFailed, type RunResult, type Verdict } from '../../../harness/index.js';
import { startServer, type RunningServer } from '../../../reference-server/index.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function against(options: { profile?: string; dialect?: string }): Promise<RunResult> {
  server = await startServer({ port: 0, ...options });
  return runConformance({ host: '127.0.0.1', port: server.port, timeoutMs: 3000 });
}

function failing(result: RunResult): Partial<Record<Verdict, string[]>> {
  const out: Partial<Record<Verdict, string[]>> = {};
  for (const s of result.scenarios) {
    if (s.verdict === 'FAIL' || s.verdict === 'ERROR') (out[s.verdict] ??= []).push(s.id);
  }
  return out;
}

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
    // Informasi tidak ditemukan (SESSION-1 itself is UNIMPLEMENTED: send_file's scenario).
    expect(verdictOf(result, 'inbox/unknown-session')).toBe('NON-STRICT');
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
    expect(result.summary['NON-STRICT']).toBeGreaterThan(10);
  }, 120_000);

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

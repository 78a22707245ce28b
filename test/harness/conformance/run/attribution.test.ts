/**
 * Each requirement judged by its own checks, on real servers over loopback: the lecturer's
 * three-command template (a requirement checked on every command it has is not UNIMPLEMENTED
 * for the commands it lacks) and a template whose one difference is English error texts (a
 * text miss is the text rule's, never the framing rule's of the same scenario).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runConformance } from '../../../../harness/index.js';
import { tcpDialer } from '../../../../net/index.js';
import type { RunResult } from '../../../../results/index.js';
import { startServer, type RunningServer } from '../../../../reference-server/index.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function against(profile: string): Promise<RunResult> {
  server = await startServer({ port: 0, profile });
  return runConformance({ dialer: tcpDialer('127.0.0.1', server.port), timeoutMs: 3000 });
}

const requirement = (result: RunResult, id: string) =>
  result.requirements.find((r) => r.id === id)!;

describe('requirement attribution', () => {
  it('course-template: rows checked on its three commands get their verdict, not UNIMPLEMENTED', async () => {
    const result = await against('course-template');
    const session2 = requirement(result, 'SESSION-2');
    expect(session2.verdict).toBe('PASS');
    expect(session2.judgedOn?.commands).toEqual(expect.arrayContaining(['SEND', 'INBOX']));
    expect(session2.judgedOn!.commands.length).toBeLessThan(session2.judgedOn!.of.length);
    const proto2 = requirement(result, 'PROTO-2');
    expect(proto2.verdict).not.toBe('UNIMPLEMENTED');
    expect(proto2.judgedOn?.of).toContain('SEND_FILE');
    expect(proto2.judgedOn?.commands).not.toContain('SEND_FILE');
    // A row whose every check needs a missing command stays UNIMPLEMENTED, with no "judged on".
    expect(requirement(result, 'SENDFILE-1').verdict).toBe('UNIMPLEMENTED');
    expect(requirement(result, 'SENDFILE-1').judgedOn).toBeUndefined();
    // No row that any check of an implemented command judged is UNIMPLEMENTED.
    for (const r of result.requirements.filter((x) => x.verdict === 'UNIMPLEMENTED')) {
      const ran = r.scenarios
        .map((id) => result.scenarios.find((s) => s.id === id)!)
        .filter((s) => s.notRun === undefined && s.verdict !== 'UNIMPLEMENTED');
      expect(
        ran.map((s) => s.id),
        r.id,
      ).toEqual([]);
    }
  }, 180_000);

  it('english-template: English error texts miss the text rules only, not FRAME-1/4/11', async () => {
    const result = await against('english-template');
    for (const id of ['FRAME-1', 'FRAME-4', 'FRAME-11']) {
      expect(requirement(result, id).verdict, id).toBe('PASS');
    }
    expect(requirement(result, 'PROTO-1').verdict).toBe('NON-STRICT');
    const blank = result.scenarios.find((s) => s.id === 'framing/blank-line')!;
    expect(blank.verdict === 'NON-STRICT' || blank.ownVerdict === 'NON-STRICT').toBe(true);
    expect(blank.judged).toEqual({ 'FRAME-1': 'PASS', 'PROTO-1': 'NON-STRICT' });
  }, 180_000);
});

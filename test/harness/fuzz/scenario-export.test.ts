/**
 * The scenario files the fuzzer writes: they load with the harness's own loader, a server
 * that behaves like the model passes them, and the defective server the fuzzer found fails
 * them again under `chatspec test --scenario`.
 */
import { tcpDialer } from '../../../net/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioText, runConformance } from '../../../harness/index.js';
import { type RunResult } from '../../../results/index.js';
import type { ExecutedStep } from '../../../harness/fuzz/execute.js';
import { judge } from '../../../harness/fuzz/judge.js';
import { resolveStep } from '../../../harness/fuzz/resolve.js';
import type { FuzzFailure } from '../../../results/fuzz.js';
import { exportScenario } from '../../../harness/fuzz/scenario-export.js';
import type { Step } from '../../../harness/fuzz/steps.js';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { SEED_FIXTURE, applyRequest, canonicalDialect, encodeReply } from '../../../specs/index.js';
import { startDouble } from './support/double-server.js';
import { dieOn, dropEveryNth, reorderInbox } from './support/defects.js';
import { fuzz } from './support/fuzz.js';
import { U, loggedInModel, reply, world } from './support/model.js';

async function replay(port: number, yaml: string): Promise<RunResult> {
  const scenarios = parseScenarioText(yaml, 'fuzz.yaml');
  return runConformance({ dialer: tcpDialer('127.0.0.1', port), scenarios, timeoutMs: 2000 });
}

let reference: RunningServer;
beforeAll(async () => {
  reference = await startServer({ port: 0 });
});
afterAll(() => reference.close());

describe('a found failure as a scenario file', () => {
  for (const [name, twist] of [
    ['an inbox that reorders', reorderInbox],
    ['an inbox that drops every third message', dropEveryNth(3)],
  ] as const) {
    it(`fails ${name} again, and passes the reference server`, async () => {
      const double = await startDouble(twist);
      try {
        const found = await fuzz(double.port, { runs: 200, seed: 11 });
        expect(found.scenario?.fileName).toBe(`fuzz-sequential-11.yaml`);
        const yaml = found.scenario!.yaml;
        const again = await replay(double.port, yaml);
        expect(again.scenarios[0]!.verdict).toBe('FAIL');
        const clean = await replay(reference.port, yaml);
        expect(clean.scenarios[0]!.verdict).toBe('PASS');
      } finally {
        await double.close();
      }
    });
  }

  it('carries the bytes that kill a server, then the liveness probe', async () => {
    const double = await startDouble(dieOn(Buffer.from('\r\0')));
    try {
      const restart = (): Promise<void> => double.restart();
      const found = await fuzz(double.port, {
        mode: 'framing',
        runs: 200,
        seed: 3,
        timeoutMs: 500,
        restart,
      });
      const yaml = found.scenario!.yaml;
      await double.restart();
      const again = await replay(double.port, yaml);
      expect(['FAIL', 'ERROR']).toContain(again.scenarios[0]!.verdict);
      expect(double.alive).toBe(false);
      expect((await replay(reference.port, yaml)).scenarios[0]!.verdict).toBe('PASS');
    } finally {
      await double.close();
    }
  });

  it('says why a parallel failure has no scenario file', () => {
    const failure = {
      seed: 1,
      path: '0',
      verdict: 'FAIL',
      reason: 'x',
      shrinks: 0,
      replayFlags: [],
    } as unknown as FuzzFailure;
    const out = exportScenario({ mode: 'parallel' }, failure, undefined, world, SEED_FIXTURE);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.reason).toMatch(/no concurrent steps/);
  });
});

describe('every kind of step in a scenario', () => {
  it('writes odd spellings, cut lines, forged and flipped tokens, logins, files and reads that the reference server passes', async () => {
    // The steps, run against the model as if the server were the model itself.
    const model = loggedInModel();
    const as = (user: number) => ({ kind: 'user' as const, user });
    const content = { bytes: 300, seed: 5, kind: 'binary' as const };
    const steps: Step[] = [
      { conn: 0, form: 'plain', op: { cmd: 'AUTH', who: as(U.aul), password: 'right' } },
      {
        conn: 1,
        form: 'plain',
        op: {
          cmd: 'SEND',
          session: { kind: 'login', login: 0 },
          to: as(U.messi),
          text: 'price $5 {x}',
        },
      },
      {
        conn: 0,
        form: 'upper',
        op: { cmd: 'SEND', session: as(U.messi), to: as(U.aul), text: 'loud' },
      },
      { conn: 0, form: 'tabs', op: { cmd: 'MY_FILE', session: as(U.messi) } },
      {
        conn: 2,
        form: 'bare-lf',
        op: { cmd: 'SEND_FILE', session: as(U.messi), to: as(U.aul), file: 1, content },
      },
      {
        conn: 2,
        form: 'no-trailing-space',
        op: {
          cmd: 'SEND_FILE',
          session: as(U.aul),
          to: as(U.messi),
          file: 0,
          content: { bytes: 0, seed: 0, kind: 'binary' },
        },
      },
      {
        conn: 1,
        form: 'plain',
        op: { cmd: 'DOWNLOAD_FILE', session: as(U.aul), peer: as(U.messi), file: 1 },
      },
      { conn: 1, form: 'plain', op: { cmd: 'MY_FILE', session: as(U.messi) } },
      {
        conn: 0,
        form: 'plain',
        op: { cmd: 'INBOX', session: { kind: 'mangled', user: U.messi, how: 'flip' } },
      },
      { conn: 0, form: 'plain', op: { cmd: 'INBOX', session: { kind: 'forged', token: 'null' } } },
      {
        conn: 0,
        form: 'plain',
        op: {
          cmd: 'MISSING_PARAMS',
          of: { cmd: 'SEND', session: as(U.aul), to: as(U.messi), text: 'x' },
          keep: 2,
        },
      },
      { conn: 0, form: 'plain', op: { cmd: 'UNKNOWN', verb: 'logout', rest: 'now' } },
      { conn: 0, form: 'plain', op: { cmd: 'INBOX', session: as(U.messi) } },
    ];
    const server = { state: loggedInModel().state };
    const executed: ExecutedStep[] = steps.map((step) => {
      const resolved = resolveStep(step, model, world, canonicalDialect);
      const answer =
        resolved.expect.kind === 'request'
          ? applyRequest(server.state, resolved.expect.request, {
              newToken: () => '0b9a0f4e-7d3c-4a8e-9f1a-2c3d4e5f6a7b',
            })
          : {
              status: 'ERROR',
              message:
                resolved.expect.code === 'UNKNOWN_COMMAND'
                  ? '**Protocol Tidak Benar'
                  : '--Protocol Tidak Benar',
            };
      const outcome = reply(JSON.parse(encodeReply(answer).toString().trim()) as object);
      const judgement = judge(model, resolved, outcome, {
        dialect: canonicalDialect,
        timeoutMs: 1000,
        usernames: world.userNames,
      });
      expect(judgement.verdict).toBe('PASS');
      return { resolved, outcome, judgement, connection: `c${step.conn}` };
    });
    const failure = {
      seed: 9,
      path: '1:2',
      verdict: 'FAIL',
      reason: 'made up',
      requirement: 'SEND-2',
      shrinks: 0,
      replayFlags: [],
    } as unknown as FuzzFailure;
    const out = exportScenario(
      { mode: 'sequential' },
      failure,
      { kind: 'sequential', executed },
      world,
      SEED_FIXTURE,
    );
    if (!out.ok) throw new Error(out.reason);
    expect(out.yaml).toContain('${login1}');
    expect(out.yaml).toContain('${messi.token|flip}');
    expect(out.yaml).toContain('SEND ${messi.token} aul loud');
    expect(out.yaml).toContain('price $$5 {x}');
    expect(out.yaml).toContain('eol: LF');
    expect(out.yaml).toMatch(/omit:\s*\n\s*- data/);
    const result = await replay(reference.port, out.yaml);
    expect(result.scenarios[0]!.verdict).toBe('PASS');
  });
});

/**
 * The engine against servers that misbehave, over real TCP on loopback: every run ends at its
 * deadline (or amount), counts what went wrong in the right bucket, and still returns a
 * result. Nothing here throws for the server's sake.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  LoadEngine,
  LoadRun,
  LoadSetupError,
  presetWorkload,
  resolveLoadOptions,
} from '../../../load/index.js';
import { summarize } from '../../../results/index.js';
import { canonicalDialect } from '../../../specs/index.js';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import {
  AUTH_OK,
  SENT_OK,
  authThen,
  startScriptedServer,
  type ScriptedServer,
} from '../support/scripted-server.js';
import { runLoad } from '../support/run.js';

let scripted: ScriptedServer | undefined;
let model: ModelServer | undefined;
afterEach(async () => {
  await scripted?.kill();
  await model?.close();
  scripted = undefined;
  model = undefined;
});

const send = presetWorkload('send')!;

describe('the engine', () => {
  it('refuses at once when nothing listens at the target', async () => {
    const probe = await startScriptedServer(() => 'silence');
    const port = probe.port;
    await probe.kill();
    await expect(runLoad(port)).rejects.toThrow(LoadSetupError);
    await expect(runLoad(port)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('counts a server that never answers as timeouts and ends at the deadline', async () => {
    scripted = await startScriptedServer(authThen(() => 'silence'));
    const { report } = await runLoad(scripted.port, {
      workload: send,
      connections: 2,
      durationMs: 800,
      timeoutMs: 200,
    });
    expect(report.outcomes.timeouts).toBeGreaterThanOrEqual(2);
    expect(report.outcomes.ok).toBeGreaterThanOrEqual(2); // the logins
    expect(report.problems.map((p) => p.text)).toContain('no reply within 200 ms');
    // Reconnected after each timeout, logged in again, timed out again.
    expect(report.connects.attempts).toBeGreaterThan(2);
    expect(report.duration).toBeLessThan(0.8 + 0.5);
  });

  it('counts replies that are not JSON objects or lack a status as protocol violations', async () => {
    scripted = await startScriptedServer(
      authThen((_, i) =>
        i % 3 === 0
          ? { write: 'not json\r\n\r\n' }
          : i % 3 === 1
            ? { write: '{"message":"Message Sent"}\r\n\r\n' }
            : { write: SENT_OK },
      ),
    );
    const { report } = await runLoad(scripted.port, { workload: send, connections: 2 });
    expect(report.outcomes.protocolViolations).toBeGreaterThan(5);
    expect(report.outcomes.ok).toBeGreaterThan(5);
    const problems = report.problems.map((p) => p.text).join('\n');
    expect(problems).toMatch(/send: reply is not JSON/);
    expect(problems).toMatch(/"status" is missing/);
    // Framing was intact, so the connections carried on.
    expect(report.outcomes.connectionErrors).toBe(0);
  });

  it('takes a reply cut off by a closing server as a violation, then reconnects', async () => {
    scripted = await startScriptedServer(
      authThen(() => ({ write: '{"status":"OK","mess', then: 'close' })),
    );
    const { report } = await runLoad(scripted.port, {
      workload: send,
      connections: 1,
      durationMs: 600,
    });
    expect(report.outcomes.protocolViolations).toBeGreaterThanOrEqual(1);
    expect(report.connects.dropped).toBeGreaterThanOrEqual(1);
    expect(report.connects.attempts).toBeGreaterThan(1);
    expect(report.problems.map((p) => p.text).join('\n')).toMatch(/cut off without its/);
  });

  it('drops a connection whose reply outgrows maxReplyBytes without a terminator, then reconnects', async () => {
    // 256 KiB of an unterminated reply against a 16 KiB cap: never buffered whole.
    scripted = await startScriptedServer(authThen(() => ({ write: '{'.repeat(256 * 1024) })));
    const { report } = await runLoad(scripted.port, {
      workload: send,
      connections: 1,
      durationMs: 600,
      maxReplyBytes: 16 * 1024,
    });
    expect(report.outcomes.protocolViolations).toBeGreaterThanOrEqual(1);
    // Each connection read at most the cap and the socket chunk that crossed it.
    expect(report.connects.attempts).toBeGreaterThan(1);
    expect(report.outcomes.bytesRead / report.connects.attempts).toBeLessThan(
      16 * 1024 + 80 * 1024,
    );
    expect(report.problems.map((p) => p.text).join('\n')).toMatch(
      /reply longer than 16384 bytes without its terminator/,
    );
  });

  it('takes an ERROR at login as a refusal and keeps trying, without sending anything else', async () => {
    scripted = await startScriptedServer(() => ({
      write: '{"status":"ERROR","message":"Password Salah"}\r\n\r\n',
    }));
    const { report } = await runLoad(scripted.port, {
      workload: send,
      connections: 2,
      durationMs: 600,
    });
    expect(report.commands.send).toBeUndefined();
    expect(report.commands.auth!.errorReplies).toBeGreaterThanOrEqual(2);
    expect(report.problems.map((p) => p.text).join('\n')).toMatch(/Password Salah/);
  });

  it('goes on counting when the server dies mid-run, and reports what it had', async () => {
    const dying = await startScriptedServer((line) =>
      line.startsWith('auth ') ? { write: AUTH_OK } : { write: SENT_OK },
    );
    scripted = dying;
    const run = runLoad(dying.port, {
      workload: send,
      connections: 3,
      durationMs: 1000,
      timeoutMs: 300,
    });
    const timer = setTimeout(() => void dying.kill(), 400);
    const { report } = await run;
    clearTimeout(timer);
    expect(report.outcomes.ok).toBeGreaterThan(10);
    expect(report.connects.dropped).toBeGreaterThanOrEqual(1);
    expect(report.connects.failed).toBeGreaterThanOrEqual(1);
    expect(report.problems.map((p) => p.text).join('\n')).toMatch(/ECONNREFUSED/);
    expect(report.duration).toBeLessThan(1 + 0.5);
  });

  it('drops a connection whose server sends more replies than requests', async () => {
    scripted = await startScriptedServer(authThen(() => ({ write: SENT_OK + SENT_OK })));
    const { report } = await runLoad(scripted.port, {
      workload: send,
      connections: 1,
      durationMs: 400,
    });
    expect(report.problems.map((p) => p.text).join('\n')).toMatch(/nobody asked for/);
    expect(report.connects.attempts).toBeGreaterThan(1);
  });

  it('stops after exactly the amount of requests, logins included', async () => {
    model = await startModelServer({ kind: 'none' });
    const { report } = await runLoad(model.port, {
      workload: send,
      connections: 3,
      amount: 50,
      durationMs: 10_000,
    });
    expect(report.outcomes.sent).toBe(50);
    expect(report.outcomes.ok).toBe(50);
    expect(report.outcomes.unfinished).toBe(0);
    expect(report.duration).toBeLessThan(5);
  });

  it('stops early on request and still returns what it measured', async () => {
    model = await startModelServer({ kind: 'none' });
    const options = resolveLoadOptions({
      host: '127.0.0.1',
      port: model.port,
      connections: 2,
      durationMs: 30_000,
      workload: send,
    });
    const run = new LoadRun(options);
    const ticks: number[] = [];
    run.on('tick', (t) => ticks.push(t.requests));
    const timer = setTimeout(() => run.stop(), 1300);
    const { report } = await run.run();
    clearTimeout(timer);
    expect(report.stoppedEarly).toBe(true);
    expect(report.outcomes.ok).toBeGreaterThan(10);
    expect(report.duration).toBeLessThan(5);
    expect(ticks.length).toBeGreaterThanOrEqual(1);
  });

  it('emits start, response and done, and a response per reply', async () => {
    model = await startModelServer({ kind: 'none' });
    const options = resolveLoadOptions({
      host: '127.0.0.1',
      port: model.port,
      connections: 2,
      amount: 30,
      workload: send,
    });
    const engine = new LoadEngine(options, undefined, canonicalDialect);
    const events: string[] = [];
    let responses = 0;
    engine.on('start', () => events.push('start'));
    engine.on('response', (r) => {
      responses++;
      expect(r.latencyMs).toBeGreaterThan(0);
    });
    engine.on('done', () => events.push('done'));
    const raw = await engine.run();
    expect(events).toEqual(['start', 'done']);
    expect(responses).toBe(30);
    expect(summarize(raw).outcomes.ok).toBe(30);
  });

  it('opens at most connectConcurrency connections at a time, counting until their login', async () => {
    // The server accepts but never answers: every connection stays "being opened".
    scripted = await startScriptedServer(() => 'silence');
    const { report } = await runLoad(scripted.port, {
      workload: send,
      connections: 10,
      connectConcurrency: 3,
      durationMs: 400,
      timeoutMs: 5000,
    });
    expect(report.connects.attempts).toBe(3);
    expect(report.commands.auth!.sent).toBe(3);
    expect(report.commands.auth!.unfinished).toBe(3);
  });

  it('talks like the course client: lower-case commands, a space before CRLF', async () => {
    const lines: string[] = [];
    scripted = await startScriptedServer((line) => {
      lines.push(line);
      return line.startsWith('auth ') ? { write: AUTH_OK } : { write: SENT_OK };
    });
    await runLoad(scripted.port, { workload: send, connections: 1, amount: 3 });
    expect(lines[0]).toBe('auth messi surabaya ');
    expect(lines[1]).toMatch(/^send t-1 \S+ #cs:[0-9a-f]{8}:0\.0\.1:p:0 $/);
  });
});

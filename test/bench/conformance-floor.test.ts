/**
 * The conformance bench's wire floor: the wire log holds exactly what a run sent and read,
 * and its replay, against the real reference server, does the same work with the server's
 * fresh session tokens in place of the logged ones.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcpDialer } from '../../net/index.js';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { runConformance } from '../../harness/index.js';
import { canonicalDialect } from '../../specs/index.js';
import {
  recordingDialer,
  type WireEvent,
} from '../../bench/sections/conformance-support/wire-log.js';
import { replay, replayScript } from '../../bench/sections/conformance-support/replay.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server.close();
});

/** One request on a fresh connection: the reply's text, without its terminator. */
function ask(line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: server.port });
    let text = '';
    socket.on('error', reject);
    socket.on('connect', () => socket.write(line));
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      if (end !== -1) {
        socket.destroy();
        resolve(text.slice(0, end));
      }
    });
  });
}

const tokenOf = (reply: string): string => (JSON.parse(reply) as { tokenid: string }).tokenid;
const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('the wire log', () => {
  it('holds every connection, byte and close of a harness run, in order', async () => {
    const dialer = recordingDialer(tcpDialer('127.0.0.1', server.port));
    const { value: result, events } = await dialer.record(() =>
      runConformance({ dialer, only: ['send/delivered'], preflight: false }),
    );
    expect(result.summary.PASS).toBe(1);
    const scenario = result.scenarios[0]!;
    const opened = scenario.transcript.filter((e) => e.text === 'connected').length;
    const opens = events.filter((e) => e.kind === 'open');
    const logOpens = opens.length;
    // The scenario's connections, and the set-up's first one, which checks the address.
    expect(logOpens).toBeGreaterThanOrEqual(opened);
    // Numbered in the order they were dialed.
    expect(opens.map((e) => e.connection)).toEqual([...Array(logOpens).keys()]);
    const written = (e: WireEvent): e is Extract<WireEvent, { kind: 'write' }> =>
      e.kind === 'write';
    const logged = events
      .filter(written)
      .map((e) => e.bytes.toString('utf8'))
      .join('');
    for (const sent of scenario.transcript.filter((e) => e.direction === 'sent')) {
      expect(logged).toContain(sent.text);
    }
    // Every connection the run opened, it closed (a socket reports its close a little later).
    const closes = (): number => events.filter((e) => e.kind === 'close').length;
    for (let waited = 0; closes() < logOpens && waited < 2000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(closes()).toBe(logOpens);
  });

  it('logs nothing dialed after its run has ended', async () => {
    const dialer = recordingDialer(tcpDialer('127.0.0.1', server.port));
    const { events } = await dialer.record(async () => undefined);
    const result = await runConformance({ dialer, only: ['auth/ok'], preflight: false });
    expect(result.summary.PASS).toBe(1);
    expect(events).toEqual([]);
  });
});

describe('the replay', () => {
  it('swaps each logged token for the one the server hands the replay', async () => {
    // A log as a run would leave it: the login's reply carried a token the server has
    // long forgotten; the message sent with it reaches its recipient only if swapped.
    const stale = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
    const text = `replayed ${Date.now()}`;
    const events: WireEvent[] = [
      { kind: 'open', connection: 0 },
      { kind: 'write', connection: 0, bytes: bytes('auth messi surabaya \r\n') },
      {
        kind: 'read',
        connection: 0,
        bytes: bytes(`{"status": "OK", "tokenid": "${stale}"}\r\n\r\n`),
      },
      { kind: 'write', connection: 0, bytes: bytes(`send ${stale} henderson ${text} \r\n`) },
      { kind: 'read', connection: 0, bytes: bytes('{"status": "OK", "message": "Message Sent"}') },
      { kind: 'read', connection: 0, bytes: bytes('\r\n\r\n') },
      { kind: 'close', connection: 0 },
    ];
    const script = replayScript(events, canonicalDialect);
    expect(script.connections).toBe(1);
    expect(script.requests).toBe(2);
    const played = await replay('127.0.0.1', server.port, script, canonicalDialect);
    expect(played.stalls).toBe(0);
    const token = tokenOf(await ask('auth henderson surabaya \r\n'));
    const inbox = await ask(`inbox ${token} \r\n`);
    expect(inbox).toContain(text);
  });

  it('plays a whole harness run back with as many replies on every connection', async () => {
    const dialer = recordingDialer(tcpDialer('127.0.0.1', server.port));
    const { events } = await dialer.record(() =>
      runConformance({ dialer, only: ['send', 'inbox', 'download_file/text'] }),
    );
    const script = replayScript(events, canonicalDialect);
    expect(script.connections).toBe(events.filter((e) => e.kind === 'open').length);
    expect(script.connections).toBeGreaterThan(1);
    const played = await replay('127.0.0.1', server.port, script, canonicalDialect, 5000);
    expect(played.stalls).toBe(0);
  });

  it('stops waiting for a reply that never comes, and says so', async () => {
    const events: WireEvent[] = [
      { kind: 'open', connection: 0 },
      // No line end: the server waits for the rest of the line and answers nothing.
      { kind: 'write', connection: 0, bytes: bytes('auth messi') },
      { kind: 'read', connection: 0, bytes: bytes('{"status": "OK"}\r\n\r\n') },
    ];
    const played = await replay(
      '127.0.0.1',
      server.port,
      replayScript(events, canonicalDialect),
      canonicalDialect,
      200,
    );
    expect(played.stalls).toBe(1);
  });

  it('fails in one line when it cannot connect, instead of waiting', async () => {
    // A port just closed: nothing listens there.
    const gone = await startServer({ host: '127.0.0.1', port: 0 });
    const port = gone.port;
    await gone.close();
    const script = replayScript([{ kind: 'open', connection: 0 }], canonicalDialect);
    await expect(replay('127.0.0.1', port, script, canonicalDialect, 1000)).rejects.toThrow(
      /^replay: cannot connect to 127\.0\.0\.1:\d+: .*ECONNREFUSED/,
    );
  });
});

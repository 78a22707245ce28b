import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tcpDialer } from '../../../../net/index.js';
import { SEED_FIXTURE, canonicalDialect } from '../../../../specs/index.js';
import { parseScenarioText, runScenario } from '../../../../harness/index.js';
import {
  GAP_ROUND_TRIPS,
  MAX_STRETCH,
  ServerPace,
  gapFor,
} from '../../../../harness/conformance/run/pace.js';

describe('gapFor', () => {
  it('keeps the declared gap until the round trip is known', () => {
    expect(gapFor(undefined, 20).gapMs).toBe(20);
    expect(gapFor(undefined, 20).why).toContain('not measured yet');
  });

  it('never shortens the declared gap, however fast the server', () => {
    expect(gapFor(0.01, 20)).toEqual({ gapMs: 20, why: 'as declared' });
    expect(gapFor(0.2, 1).gapMs).toBe(1);
    expect(gapFor(5, 20).gapMs).toBe(20);
  });

  it('lengthens it for a slow server to a few round trips, at most MAX_STRETCH times', () => {
    expect(gapFor(6, 20).gapMs).toBe(GAP_ROUND_TRIPS * 6);
    expect(gapFor(1.1, 2).gapMs).toBe(Math.ceil(GAP_ROUND_TRIPS * 1.1));
    expect(gapFor(500, 20).gapMs).toBe(MAX_STRETCH * 20);
    expect(gapFor(6.5, 20).why).toMatch(/round trip of 6\.5 ms/);
  });
});

describe('ServerPace', () => {
  it('trusts no round trip until it has seen several', () => {
    const pace = new ServerPace();
    for (let i = 0; i < 7; i++) pace.record(0.2);
    expect(pace.typicalMs()).toBeUndefined();
    pace.record(0.2);
    expect(pace.typicalMs()).toBe(0.2);
  });

  it('takes the median, so one slow reply (a large download) is not the typical one', () => {
    const pace = new ServerPace();
    for (let i = 0; i < 10; i++) pace.record(0.3);
    pace.record(400);
    pace.record(Number.NaN);
    pace.record(-1);
    expect(pace.typicalMs()).toBe(0.3);
  });

  it('follows the latest replies: a server that slows down gets longer gaps', () => {
    const pace = new ServerPace();
    for (let i = 0; i < 40; i++) pace.record(0.1);
    for (let i = 0; i < 40; i++) pace.record(3);
    expect(pace.typicalMs()).toBe(3);
    expect(pace.gap(1).gapMs).toBe(MAX_STRETCH * 1);
    expect(pace.gap(10).gapMs).toBe(GAP_ROUND_TRIPS * 3);
  });
});

describe('pieces on the wire', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  /** A server that records each read and answers every line OK. */
  async function recordingServer(reads: Buffer[]): Promise<number> {
    server = createServer((socket) => {
      let line = '';
      socket.on('data', (chunk: Buffer) => {
        reads.push(chunk);
        line += chunk.toString('latin1');
        if (line.endsWith('\r\n')) socket.write('{"status": "OK", "tokenid": "t"}\r\n\r\n');
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return (server.address() as { port: number }).port;
  }

  const target = (port: number, pace: ServerPace) => ({
    dialer: tcpDialer('127.0.0.1', port),
    timeoutMs: 5000,
    maxReplyBytes: 1024,
    dialect: canonicalDialect,
    fixture: SEED_FIXTURE,
    pace,
  });

  /** Runs a one-step framing scenario (its step in YAML) against a server measured at `typicalMs`. */
  async function runStep(port: number, step: string, typicalMs: number) {
    const [scenario] = parseScenarioText(
      `
version: 1
group: FRAMING
scenarios:
  - id: custom/pieces
    title: a request in pieces
    requirements: [FRAME-5]
    roles: { a: user }
    steps:
${step}
`,
      'pieces.yaml',
    );
    const pace = new ServerPace();
    for (let i = 0; i < 8; i++) pace.record(typicalMs);
    return runScenario(scenario!, target(port, pace), 'run', 0);
  }

  it('sends each piece in a read of its own, with the longer gap a slow server gets, and says so', async () => {
    const reads: Buffer[] = [];
    const port = await recordingServer(reads);
    const result = await runStep(
      port,
      `      - request: { command: AUTH, username: '\${a}', password: '\${a.password}' }
        pieces: { chunkBytes: 1, delayMs: 2 }
        expect: { status: OK }`,
      1.5,
    );
    expect(result.verdict).toBe('PASS');
    const sent = 'auth messi surabaya \r\n';
    expect(reads.map((r) => r.toString('latin1'))).toEqual([...sent]);
    const gap = GAP_ROUND_TRIPS * 1.5;
    expect(result.transcript.map((e) => e.text)).toContain(
      `pieces of 1 byte, ${gap} ms apart (${GAP_ROUND_TRIPS} × the server's typical round trip of 1.5 ms, longer than the declared 2 ms, at most ${MAX_STRETCH} × that)`,
    );
  });

  it('cuts a character in two, keeps the halves apart by the declared gap against a fast server, and says where', async () => {
    const reads: Buffer[] = [];
    const port = await recordingServer(reads);
    const result = await runStep(
      port,
      `      - raw: "auth \${a} sn☃w \\r\\n"
        pieces: { splitInside: '☃', delayMs: 20 }
        expect: { status: OK }`,
      0.1,
    );
    expect(result.verdict).toBe('PASS');
    const line = Buffer.from('auth messi sn☃w \r\n', 'utf8');
    const cut = line.indexOf(Buffer.from('☃', 'utf8')) + 1;
    expect(reads).toEqual([line.subarray(0, cut), line.subarray(cut)]);
    expect(result.transcript.map((e) => e.text)).toContain(
      `two pieces, cut after byte ${cut} of ${line.length}, 20 ms apart (as declared)`,
    );
  });
});

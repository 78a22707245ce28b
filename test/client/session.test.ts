/**
 * ChatSession over real TCP on loopback: the token kept, a lost reply timed out and the
 * connection started over, a stray reply never taken for the next answer, a login again
 * after the server restarted, and what the dialect lacks refused before anything is sent.
 */
import { tcpDialer } from '../../net/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinDialect, canonicalDialect, type Dialect } from '../../specs/index.js';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { ChatSession, type WireRecord } from '../../client/session.js';
import { serveModel, type ModelDouble } from '../support/model-server.js';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function session(
  port: number,
  dialect: Dialect = canonicalDialect,
  records: WireRecord[] = [],
): ChatSession {
  const s = new ChatSession(
    {
      dialer: tcpDialer('127.0.0.1', port),
      dialect,
      timeoutMs: 500,
      maxReplyBytes: 1 << 20,
      maxLineBytes: 4096,
      maxPendingRequests: 4,
    },
    { onWire: (record) => records.push(record) },
  );
  closers.push(() => s.close());
  return s;
}

async function reference(port = 0): Promise<RunningServer> {
  const server = await startServer({ host: '127.0.0.1', port });
  closers.push(() => server.close());
  return server;
}

describe('ChatSession', () => {
  it('keeps the token and builds each request with it', async () => {
    const server = await reference();
    const records: WireRecord[] = [];
    const s = session(server.port, canonicalDialect, records);
    expect((await s.login('messi', 'surabaya')).kind).toBe('ok');
    const sent = await s.call((token) => ({
      command: 'SEND',
      session: token,
      to: 'henderson',
      text: 'hi',
    }));
    expect(sent.kind).toBe('ok');
    const exchanges = records.filter((r) => r.kind === 'exchange');
    expect(exchanges.map((r) => r.sent)).toEqual([
      'auth messi *** \r\n',
      `send ${s.token} henderson hi \r\n`,
    ]);
    expect(exchanges[1]?.received).toBe('{"status": "OK", "message": "Message Sent"}\r\n\r\n');
  });

  it('gives the server’s own text for an ERROR reply', async () => {
    const server = await reference();
    const result = await session(server.port).login('messi', 'nope');
    expect(result).toMatchObject({ kind: 'error', text: 'Password Salah' });
  });

  it('times out a reply that never comes, then starts over on a new connection', async () => {
    let connections = 0;
    let silent = true;
    const double: ModelDouble = await serveModel({
      connection: (socket, server) => {
        connections++;
        return { onLine: (line) => (silent ? undefined : socket.write(server.answer(line))) };
      },
    });
    closers.push(() => double.close());
    const s = session(double.port);
    const started = Date.now();
    const lost = await s.login('messi', 'surabaya');
    expect(lost).toMatchObject({ kind: 'failed', reason: 'no reply within 500 ms' });
    expect(Date.now() - started).toBeLessThan(3000);
    silent = false;
    expect((await s.login('messi', 'surabaya')).kind).toBe('ok');
    expect(connections).toBe(2);
  });

  it('never takes a stray reply for the answer to the next request', async () => {
    const double: ModelDouble = await serveModel({
      connection: (socket, server) => ({
        onLine: (line) => {
          socket.write(server.answer(line));
          // A server that answers an auth twice.
          if (line.startsWith('auth')) socket.write('{"status":"OK","tokenid":"stray"}\r\n\r\n');
        },
      }),
    });
    closers.push(() => double.close());
    const records: WireRecord[] = [];
    const s = session(double.port, canonicalDialect, records);
    await s.login('messi', 'surabaya');
    await new Promise((r) => setTimeout(r, 50));
    const inbox = await s.call((token) => ({ command: 'INBOX', session: token }));
    expect(inbox).toMatchObject({ kind: 'ok', reply: { status: 'OK', messages: {} } });
    expect(
      records.some(
        (r) =>
          r.kind === 'event' &&
          r.text.startsWith('unrequested reply: {"status":"OK","tokenid":"stray"}'),
      ),
    ).toBe(true);
  });

  it('logs in again by itself after the server restarted', async () => {
    const server = await reference();
    const port = server.port;
    const s = session(port);
    await s.login('messi', 'surabaya');
    const before = s.token;
    await server.close();
    expect((await s.call((token) => ({ command: 'INBOX', session: token }))).kind).toBe('failed');
    expect(s.up).toBe(false);
    await reference(port);
    const after = await s.call((token) => ({ command: 'INBOX', session: token }));
    expect(after.kind).toBe('ok');
    expect(s.up).toBe(true);
    expect(s.token).not.toBe(before);
  });

  it('refuses a command the dialect lacks and a line over the limit, sending nothing', async () => {
    const records: WireRecord[] = [];
    const server = await reference();
    const s = session(server.port, builtinDialect('course-template'), records);
    expect((await s.login('messi', 'surabaya')).kind).toBe('ok');
    const file = await s.call((token) => ({ command: 'MY_FILE', session: token }));
    expect(file).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('has no MY_FILE'),
    });
    const long = await s.call((token) => ({
      command: 'SEND',
      session: token,
      to: 'henderson',
      text: 'x'.repeat(5000),
    }));
    expect(long).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('over the limit of 4096; not sent'),
    });
    expect(records.filter((r) => r.kind === 'exchange' && r.outcome === 'reply')).toHaveLength(1);
  });
});

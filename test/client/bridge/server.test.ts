/**
 * The bridge is not an open proxy: over real sockets on loopback, it refuses a foreign Origin
 * or Host, a page that names another target, an oversized message and one session too many.
 */
import { tcpDialer } from '../../../net/index.js';
import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { startChatBridge, type RunningBridge } from '../../../client/bridge/server.js';
import { defaultWebRoot } from '../../../client/bridge/static.js';
import type { BridgeMessage } from '../../../client/bridge/protocol.js';

const WAIT_MS = 5000;

interface Opened {
  readonly ws: WebSocket;
  next(type: BridgeMessage['type']): Promise<BridgeMessage>;
}

/** Opens a page's socket; resolves with the HTTP status when the upgrade is refused. */
function connectWs(url: string, headers: Record<string, string>): Promise<Opened | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const inbox: BridgeMessage[] = [];
    const waiters: Array<() => void> = [];
    ws.on('message', (data) => {
      inbox.push(JSON.parse(data.toString()) as BridgeMessage);
      for (const wake of waiters.splice(0)) wake();
    });
    const next = async (type: BridgeMessage['type']): Promise<BridgeMessage> => {
      const deadline = Date.now() + WAIT_MS;
      for (;;) {
        const index = inbox.findIndex((m) => m.type === type);
        if (index >= 0) return inbox.splice(index, 1)[0]!;
        if (Date.now() > deadline) throw new Error(`no ${type} message within ${WAIT_MS} ms`);
        await new Promise<void>((wake) => {
          waiters.push(wake);
          setTimeout(wake, 100);
        });
      }
    };
    ws.once('open', () => resolve({ ws, next }));
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (error) => reject(error));
  });
}

/** GET / with a Host header of our choosing (fetch does not allow setting it). */
function statusWithHost(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end();
  });
}

function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

describe('chat bridge', () => {
  let server: RunningServer;
  let bridge: RunningBridge;
  let other: Server;
  let otherPort: number;
  let otherConnections = 0;
  let origin: string;
  let wsUrl: string;

  beforeAll(async () => {
    server = await startServer({ host: '127.0.0.1', port: 0 });
    bridge = await startChatBridge({
      target: tcpDialer('127.0.0.1', server.port),
      webRoot: defaultWebRoot(),
      maxSessions: 3,
      maxMessageBytes: 64 * 1024,
      pollMs: 100,
    });
    origin = `http://127.0.0.1:${bridge.port}`;
    wsUrl = `ws://127.0.0.1:${bridge.port}/ws`;
    // A second server on loopback that a page might try to reach through the bridge.
    other = createServer((socket) => {
      otherConnections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherPort = (other.address() as { port: number }).port;
  });

  afterAll(async () => {
    await bridge?.close();
    await server?.close();
    await new Promise<void>((resolve) => other?.close(() => resolve()));
  });

  it('serves the page with a strict content security policy, and nothing else', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="/app.js">');
    expect((await fetch(`${origin}/app.js`)).status).toBe(200);
    expect((await fetch(`${origin}/../package.json`)).status).toBe(404);
    expect((await fetch(`${origin}/index.html/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${origin}/`, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('refuses a foreign Origin, a missing Origin and a foreign Host', async () => {
    expect(await connectWs(wsUrl, { origin: 'http://evil.example' })).toBe(403);
    expect(await connectWs(wsUrl, { origin: `http://127.0.0.1:${bridge.port + 1}` })).toBe(403);
    expect(await connectWs(wsUrl, {})).toBe(403);
    // DNS rebinding: a page served under another name that resolves to loopback.
    expect(
      await connectWs(wsUrl, { origin: 'http://rebind.example', host: 'rebind.example' }),
    ).toBe(403);
    expect(await statusWithHost(bridge.port, 'rebind.example')).toBe(403);
    expect(await statusWithHost(bridge.port, `127.0.0.1:${bridge.port}`)).toBe(200);
    expect(bridge.sessionCount).toBe(0);
  });

  it('accepts its own page under 127.0.0.1 and localhost', async () => {
    const opened = await connectWs(wsUrl, { origin });
    expect(typeof opened).toBe('object');
    const hello = await (opened as Opened).next('hello');
    expect(hello).toMatchObject({
      type: 'hello',
      target: server.address,
      dialect: 'canonical',
      up: true,
    });
    (opened as Opened).ws.close();
    const local = await connectWs(`ws://localhost:${bridge.port}/ws`, {
      origin: `http://localhost:${bridge.port}`,
    });
    expect(typeof local).toBe('object');
    (local as Opened).ws.close();
  });

  it('refuses a second target, named in the URL or in a message, and never connects to it', async () => {
    expect(await connectWs(`${wsUrl}?target=127.0.0.1:${otherPort}`, { origin })).toBe(400);
    const opened = (await connectWs(wsUrl, { origin })) as Opened;
    await opened.next('hello');
    opened.ws.send(
      JSON.stringify({
        id: 1,
        op: 'login',
        username: 'messi',
        password: 'surabaya',
        target: `127.0.0.1:${otherPort}`,
      }),
    );
    const refused = await opened.next('refused');
    expect(refused).toMatchObject({ type: 'refused', id: 1 });
    expect((refused as { reason: string }).reason).toContain(`talks only to ${server.address}`);
    opened.ws.send(JSON.stringify({ id: 2, op: 'connect', host: '127.0.0.1', port: otherPort }));
    expect(await opened.next('refused')).toMatchObject({ id: 2 });
    opened.ws.send(JSON.stringify({ id: 3, op: 'raw', line: 'auth messi surabaya' }));
    expect(await opened.next('refused')).toMatchObject({ id: 3 });
    opened.ws.send('not json');
    expect(await opened.next('refused')).toMatchObject({ reason: 'not JSON' });
    // The page's own session still works: the refusals lost nothing.
    opened.ws.send(JSON.stringify({ id: 4, op: 'login', username: 'messi', password: 'surabaya' }));
    expect(await opened.next('answer')).toMatchObject({ id: 4, ok: true });
    opened.ws.close();
    expect(otherConnections).toBe(0);
  });

  it('closes a page that sends a message over the size limit (1009)', async () => {
    const opened = (await connectWs(wsUrl, { origin })) as Opened;
    await opened.next('hello');
    const code = closed(opened.ws);
    opened.ws.send(
      JSON.stringify({
        id: 1,
        op: 'sendFile',
        to: 'henderson',
        filename: 'big.bin',
        data: 'A'.repeat(70 * 1024),
      }),
    );
    expect(await code).toBe(1009);
  });

  it('answers a message in a bad shape with the field that is wrong', async () => {
    const opened = (await connectWs(wsUrl, { origin })) as Opened;
    await opened.next('hello');
    opened.ws.send(JSON.stringify({ id: 9, op: 'send', to: 'two words', text: 'x' }));
    const refused = await opened.next('refused');
    expect((refused as { reason: string }).reason).toMatch(/^bad message: to: /);
    opened.ws.send(
      JSON.stringify({ id: 10, op: 'send', to: 'henderson', text: 'line\r\nauth x y' }),
    );
    expect(((await opened.next('refused')) as { reason: string }).reason).toContain('one line');
    opened.ws.close();
  });

  it('holds at most maxSessions pages at once', async () => {
    const pages = [] as Opened[];
    for (let i = 0; i < 3; i++) pages.push((await connectWs(wsUrl, { origin })) as Opened);
    expect(await connectWs(wsUrl, { origin })).toBe(503);
    const gone = closed(pages[0]!.ws);
    pages[0]!.ws.close();
    await gone;
    await new Promise((r) => setTimeout(r, 50));
    const again = await connectWs(wsUrl, { origin });
    expect(typeof again).toBe('object');
    for (const page of [...pages.slice(1), again as Opened]) page.ws.close();
  });
});

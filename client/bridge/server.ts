/**
 * The web client's server: serves the built page and bridges each page's WebSocket to one
 * TCP connection to the target. It is not a proxy: the target is fixed when it starts, the
 * page's Host and Origin must be this server's own, messages and sessions are capped, and it
 * listens on loopback unless told otherwise.
 */
import { formatHostPort } from '../../net/index.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { resolveBridgeOptions, type BridgeOptions } from './options.js';
import { PageSession } from './page-session.js';
import { loadWebAssets, type WebAssets } from './static.js';

export interface RunningBridge {
  /** The page's address, to open in a browser. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Browser sessions open now. */
  readonly sessionCount: number;
  close(): Promise<void>;
}

/** A page that answers no ping for this long is gone (a closed laptop lid). */
const HEARTBEAT_MS = 30_000;

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1'];

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || host.startsWith('127.');
}

export async function startChatBridge(
  partial: Partial<BridgeOptions> & Pick<BridgeOptions, 'target' | 'webRoot'>,
): Promise<RunningBridge> {
  const options = resolveBridgeOptions(partial);
  const assets: WebAssets = await loadWebAssets(options.webRoot);
  const sessions = new Set<PageSession>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes,
    perMessageDeflate: false,
  });
  let allowedHosts: Set<string> = new Set();

  /** The Host header must name this server (DNS rebinding); any Host when told to listen wide. */
  function hostAllowed(req: IncomingMessage): boolean {
    const host = req.headers.host;
    if (host === undefined) return false;
    return isLoopback(options.host) ? allowedHosts.has(host.toLowerCase()) : true;
  }

  function originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return (
      origin !== undefined &&
      req.headers.host !== undefined &&
      origin.toLowerCase() === `http://${req.headers.host.toLowerCase()}`
    );
  }

  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req)) return plain(res, 403, 'this host name is not allowed\n');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return plain(res, 405, 'method not allowed\n');
    const path = (req.url ?? '/').split('?')[0];
    const asset = assets.get(path === '/' ? '/index.html' : (path ?? ''));
    if (asset === undefined) return plain(res, 404, 'not found\n');
    res.writeHead(200, {
      'content-type': asset.type,
      'content-length': asset.body.length,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'content-security-policy': `default-src 'self'; connect-src 'self' ws://${req.headers.host ?? ''}; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; frame-ancestors 'none'`,
    });
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  });

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, reason: string): void => {
      options.log?.(`refused a page: ${reason}`);
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (req.url !== '/ws') return refuse(400, 'Bad Request');
    if (!hostAllowed(req)) return refuse(403, 'Forbidden');
    if (!originAllowed(req)) return refuse(403, 'Forbidden');
    if (sessions.size >= options.maxSessions) return refuse(503, 'Service Unavailable');
    wss.handleUpgrade(req, socket, head, (ws) => open(ws));
  });

  function open(ws: WebSocket): void {
    const session = new PageSession(ws, options);
    sessions.add(session);
    let alive = true;
    ws.on('pong', () => (alive = true));
    const heartbeat = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, HEARTBEAT_MS);
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.close(1003, 'text messages only');
        return;
      }
      void session.handle(data.toString());
    });
    ws.on('close', () => {
      clearInterval(heartbeat);
      sessions.delete(session);
      session.close();
    });
    ws.on('error', () => ws.terminate());
    void session.start();
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen({ host: options.host, port: options.port }, () => {
      http.off('error', reject);
      resolve();
    });
  });
  http.on('error', (error) => options.log?.(`web server error: ${error.message}`));
  const bound = http.address();
  if (bound === null || typeof bound === 'string') throw new Error('web server has no TCP address');
  const port = bound.port;
  allowedHosts = new Set(
    [options.host, ...(isLoopback(options.host) ? LOOPBACK_NAMES : [])].map((h) =>
      formatHostPort(h, port).toLowerCase(),
    ),
  );
  const shown = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const url = `http://${formatHostPort(shown, port)}/`;

  return {
    url,
    host: options.host,
    port,
    get sessionCount() {
      return sessions.size;
    },
    close: async () => {
      for (const client of wss.clients) client.terminate();
      for (const session of sessions) session.close();
      sessions.clear();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}

function plain(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

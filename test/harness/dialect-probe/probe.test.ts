/**
 * chatspec probe against reference servers of our own that speak other dialects, over real
 * TCP on loopback: it must find each dialect, setting by setting, within its bounds.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { probeDialect, renderDialectYaml } from '../../../harness/index.js';
import {
  builtinSpec,
  parseDialect,
  type DialectSpec,
  type ErrorCode,
} from '../../../specs/index.js';

/** The error texts a probe can provoke with harmless requests. */
const PROBED_ERRORS: readonly ErrorCode[] = [
  'UNKNOWN_COMMAND',
  'MISSING_PARAMS',
  'AUTH_UNKNOWN_USER',
  'AUTH_WRONG_PASSWORD',
  'UNKNOWN_SESSION',
  'UNKNOWN_USER',
  'UNKNOWN_GROUP',
  'FILE_NOT_FOUND',
];

/** What a probe can know of a spec: commands, reply settings, the first text of each error. */
function knowable(spec: DialectSpec, lacks: ReadonlySet<string>): Record<string, unknown> {
  const errors = Object.fromEntries(
    PROBED_ERRORS.filter((code) => {
      // Errors provoked through a command the server lacks cannot be observed.
      if (code === 'UNKNOWN_USER') return !lacks.has('SEND');
      if (code === 'UNKNOWN_GROUP') return !lacks.has('SEND_GROUP');
      if (code === 'FILE_NOT_FOUND') return !lacks.has('SEND_FILE') && !lacks.has('DOWNLOAD_FILE');
      return true;
    }).map((code) => [code, spec.errors[code]?.[0]]),
  );
  const replies = structuredClone(spec.replies) as unknown as Record<string, unknown>;
  if (lacks.has('MY_FILE')) delete replies.files;
  if (lacks.has('DOWNLOAD_FILE')) delete replies.download;
  if (lacks.has('SEND_GROUP')) {
    const inbox = replies.inbox as Record<string, unknown>;
    delete inbox.group;
    delete inbox.groupKey;
  }
  return { commands: spec.commands, replies, errors };
}

let servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const DIALECTS = [
  'canonical',
  'renamed-verbs',
  'login',
  'token-id',
  'group-first',
  'flat-files',
  'string-inbox',
  'from-message',
  'json-string-inbox',
  'usernames-inbox',
  'english',
  'no-group-file',
  'course-template',
  'keep-inbox',
  'member-list',
  'group-under-sender',
];

describe('chatspec probe finds the dialect a server speaks', () => {
  it.each(DIALECTS)(
    '%s',
    async (name) => {
      const spoken = builtinSpec(name);
      const server = await startServer({ host: '127.0.0.1', port: 0, dialect: spoken });
      servers.push(server);
      const found = await probeDialect({ host: '127.0.0.1', port: server.port });
      expect(found.stopped).toBeUndefined();
      expect(found.requests).toBeLessThan(100);
      expect(found.abandoned).toBe(0);
      const lacks = new Set(
        Object.entries(spoken.commands)
          .filter(([, v]) => v === 'unsupported')
          .map(([c]) => c),
      );
      expect(knowable(found.spec, lacks)).toEqual(knowable(spoken, lacks));
      // Every command it kept was confirmed by its effect, or found missing everywhere.
      for (const finding of found.findings.filter((f) => f.path.startsWith('commands.'))) {
        expect(`${finding.path}: ${finding.confidence}`).toBe(`${finding.path}: confirmed`);
      }
      // The file it writes reads back as the same dialect.
      const again = parseDialect(renderDialectYaml(found), 'probed.yaml');
      expect(again.commands).toEqual(found.spec.commands);
      expect(again.replies).toEqual(found.spec.replies);
      expect(again.errors).toEqual(found.spec.errors);
    },
    30_000,
  );
});

/** A proxy before the reference server that never answers every other request line. */
async function hangingProxy(
  upstreamPort: number,
): Promise<{ port: number; close(): Promise<void> }> {
  let lines = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    const upstream = connect({ host: '127.0.0.1', port: upstreamPort });
    sockets.add(upstream);
    let hung = false;
    let buffered = '';
    client.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      let at: number;
      while ((at = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, at + 1);
        buffered = buffered.slice(at + 1);
        // Once hung, a connection stays hung: it reads and answers nothing more.
        if (hung || ++lines % 2 === 0) hung = true;
        else upstream.write(line);
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('chatspec probe ends in bounded time', () => {
  it('against a server that hangs on every other request, abandoning each hung connection once', async () => {
    const server = await startServer({ host: '127.0.0.1', port: 0, dialect: 'login' });
    servers.push(server);
    const proxy = await hangingProxy(server.port);
    try {
      const timeoutMs = 200;
      const budgetMs = 8000;
      const started = performance.now();
      const found = await probeDialect({
        host: '127.0.0.1',
        port: proxy.port,
        timeoutMs,
        budgetMs,
      });
      const elapsed = performance.now() - started;
      expect(elapsed).toBeLessThan(budgetMs + 2 * timeoutMs);
      expect(found.requests).toBeLessThanOrEqual(300);
      // Each hung connection cost one timeout, then was dropped: abandoned never exceeds
      // requests, and the time spent waiting is about one timeout per abandonment.
      expect(found.abandoned).toBeGreaterThan(0);
      expect(found.abandoned).toBeLessThanOrEqual(found.requests);
      expect(elapsed).toBeLessThan(found.abandoned * timeoutMs + 3000);
    } finally {
      await proxy.close();
    }
  }, 20_000);

  it('against a server that never answers: ends at once, having found nothing', async () => {
    const accepted = new Set<Socket>();
    const silent = createServer((socket) => accepted.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    try {
      const started = performance.now();
      const found = await probeDialect({
        host: '127.0.0.1',
        port: address.port,
        timeoutMs: 100,
        budgetMs: 1500,
      });
      expect(performance.now() - started).toBeLessThan(1500 + 500);
      expect(found.stopped).toBeDefined();
      expect(found.findings.find((f) => f.path === 'commands.AUTH')?.confidence).toBe('assumed');
      expect(found.abandoned).toBe(found.requests);
    } finally {
      for (const socket of accepted) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  }, 10_000);
});

/**
 * chatspec probe against reference servers of our own that speak other dialects, over real
 * TCP on loopback: it must find each dialect, setting by setting, within its bounds.
 */
import { tcpDialer } from '../../../net/index.js';
import { createServer, type Socket } from 'node:net';
import { hangingProxy } from '../../../bench/sections/probe.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import {
  probeDialect,
  probeMisses,
  probeableSettings,
  renderDialectYaml,
} from '../../../harness/index.js';
import { SEED_FIXTURE, builtinSpec, parseDialect } from '../../../specs/index.js';

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
      const found = await probeDialect({ dialer: tcpDialer('127.0.0.1', server.port) });
      expect(found.stopped).toBeUndefined();
      expect(found.requests).toBeLessThan(100);
      expect(found.abandoned).toBe(0);
      expect(probeMisses(found.spec, spoken)).toEqual([]);
      expect(probeableSettings(spoken).size).toBeGreaterThan(20);
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

describe('chatspec probe finds how the reference server does groups, with users only', () => {
  it.each(['created-groups', 'group-inbox'])(
    '%s',
    async (name) => {
      const spoken = builtinSpec(name);
      const fixture = { users: SEED_FIXTURE.users, groups: [] };
      const server = await startServer({ host: '127.0.0.1', port: 0, dialect: spoken, fixture });
      servers.push(server);
      const found = await probeDialect({ dialer: tcpDialer('127.0.0.1', server.port), fixture });
      expect(found.stopped).toBeUndefined();
      expect(probeMisses(found.spec, spoken)).toEqual([]);
    },
    30_000,
  );
});

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
        dialer: tcpDialer('127.0.0.1', proxy.port),
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
        dialer: tcpDialer('127.0.0.1', address.port),
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

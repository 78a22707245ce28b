import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ChatConnection } from '../../harness/client/connection.js';
import type { Dialer } from '../../net/index.js';
import { SEED_FIXTURE, canonicalDialect, resolveDialect } from '../../specs/index.js';
import { addressTarget, embeddedTarget, openTarget } from '../../target/index.js';

const user = SEED_FIXTURE.users[0]!;

async function login(target: { dialer: Dialer }, line: string) {
  const opened = await ChatConnection.open({
    dialer: target.dialer,
    timeoutMs: 2000,
    maxReplyBytes: 1 << 20,
  });
  if (!opened.ok) throw new Error(opened.reason);
  const outcome = await opened.connection.request(line);
  opened.connection.close();
  return outcome;
}

describe('embeddedTarget', () => {
  it('starts the reference server on a loopback port, which answers an auth', async () => {
    const target = await embeddedTarget();
    try {
      expect(target.kind).toBe('embedded');
      expect(target.dialer.address).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(target.description).toBe(`embedded reference server on ${target.dialer.address}`);
      const outcome = await login(
        target,
        canonicalDialect.formatRequest({
          command: 'AUTH',
          username: user.username,
          password: user.password,
        }),
      );
      expect(outcome.kind).toBe('reply');
      expect(outcome.kind === 'reply' && outcome.json?.status).toBe('OK');
    } finally {
      await target.close();
    }
  });

  it('speaks the dialect it is given', async () => {
    const spoken = resolveDialect('login', SEED_FIXTURE);
    const target = await embeddedTarget({ dialect: spoken.spec });
    try {
      const line = spoken.formatRequest({
        command: 'AUTH',
        username: user.username,
        password: user.password,
      });
      expect(line.startsWith('auth')).toBe(false);
      const outcome = await login(target, line);
      expect(outcome.kind === 'reply' && spoken.readToken(outcome.json!).ok).toBe(true);
    } finally {
      await target.close();
    }
  });

  it('closes once however often close() is called, and is gone after', async () => {
    const target = await embeddedTarget();
    await Promise.all([target.close(), target.close()]);
    await target.close();
    await expect(target.dialer.dial(1000)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('addressTarget', () => {
  it('dials the address given, and close() leaves that server alone', async () => {
    const server = createServer((socket) => socket.end('{"status":"OK"}\r\n\r\n'));
    await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const target = addressTarget({ host: '127.0.0.1', port });
      expect(target.kind).toBe('address');
      expect(target.description).toBe(`127.0.0.1:${port}`);
      expect(target.dialer.tcp).toEqual({ host: '127.0.0.1', port });
      await target.close();
      await target.close();
      const outcome = await login(target, 'anything\r\n');
      expect(outcome.kind === 'reply' && outcome.json?.status).toBe('OK');
    } finally {
      server.close();
    }
  });
});

describe('openTarget', () => {
  it('opens the address given, or the embedded server without one', async () => {
    const at = await openTarget({ host: '::1', port: 8889 });
    expect(at.kind).toBe('address');
    expect(at.dialer.address).toBe('[::1]:8889');
    const embedded = await openTarget(undefined, { fixture: SEED_FIXTURE });
    try {
      expect(embedded.kind).toBe('embedded');
    } finally {
      await embedded.close();
    }
  });
});

/**
 * A token is the only key to a session: a forged, stale or altered one opens nothing, one
 * user's token acts only as that user, and logging in again neither ends nor reveals any
 * other session. Over real TCP against the reference server.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_TEXTS } from '../../specs/index.js';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { WireClient, login } from '../reference-server/support/wire.js';

let server: RunningServer | undefined;
let client: WireClient | undefined;
afterEach(async () => {
  client?.close();
  await server?.close();
  server = undefined;
  client = undefined;
});

async function start(maxSessions?: number): Promise<WireClient> {
  server = await startServer({
    host: '127.0.0.1',
    port: 0,
    ...(maxSessions ? { limits: { maxSessions } as never } : {}),
  });
  client = await WireClient.open(server.port);
  return client;
}

const UNKNOWN = { status: 'ERROR', message: ERROR_TEXTS.UNKNOWN_SESSION };

/** Every command that takes a session, with params that would succeed for a real one. */
function everyCommand(token: string): string[] {
  return [
    `inbox ${token}`,
    `my_file ${token}`,
    `send ${token} henderson hi`,
    `send_file ${token} henderson f.txt aGk=`,
    `download_file ${token} henderson f.txt`,
    `send_group ${token} group1 hi`,
    `send_group_file ${token} group1 g.txt aGk=`,
  ];
}

function flip(token: string): string {
  const last = token.at(-1)!;
  return token.slice(0, -1) + (last === '0' ? '1' : '0');
}

describe('tokens that were not issued, or no longer are', () => {
  it('a forged, altered, re-cased or truncated token gets Session Tidak Ditemukan on every command', async () => {
    const c = await start();
    const real = await login(c, 'messi', 'surabaya');
    const fakes = [
      randomUUID(),
      flip(real),
      real.toUpperCase(),
      real.slice(0, -1),
      `${real}0`,
      real.replaceAll('-', ''),
    ];
    for (const fake of fakes) {
      for (const line of everyCommand(fake)) {
        expect(await c.request(`${line} \r\n`), `${line}`).toEqual(UNKNOWN);
      }
    }
    // Nothing was delivered or stored by the refused requests.
    const henderson = await login(c, 'henderson', 'surabaya');
    expect(await c.request(`inbox ${henderson} \r\n`)).toEqual({ status: 'OK', messages: {} });
    expect(await c.request(`my_file ${henderson} \r\n`)).toEqual({ status: 'OK', messages: {} });
  });

  it('a stale token (forgotten past limits.maxSessions) opens nothing', async () => {
    const c = await start(3);
    const stale = await login(c, 'messi', 'surabaya');
    for (let i = 0; i < 3; i++) await login(c, 'aul', 'sby');
    for (const line of everyCommand(stale))
      expect(await c.request(`${line} \r\n`)).toEqual(UNKNOWN);
  });
});

describe("another user's token", () => {
  it('acts as that user only: it never reads the inbox or files of anyone else', async () => {
    const c = await start();
    const messi = await login(c, 'messi', 'surabaya');
    const henderson = await login(c, 'henderson', 'surabaya');
    await c.request(`send ${henderson} messi for messi only \r\n`);
    await c.request(`send_file ${henderson} messi secret.txt c2VjcmV0 \r\n`);
    // Someone holding henderson's token, on another connection, is henderson.
    const other = await WireClient.open(server!.port);
    try {
      const inbox = await other.request(`inbox ${henderson} \r\n`);
      expect(JSON.stringify(inbox)).not.toContain('for messi only');
      // messi's copy sits in messi's repository under "henderson": out of reach.
      expect(await other.request(`download_file ${henderson} henderson secret.txt \r\n`)).toEqual({
        status: 'ERROR',
        message: ERROR_TEXTS.FILE_NOT_FOUND,
      });
    } finally {
      other.close();
    }
    // messi's inbox still holds the message: henderson's token did not read it.
    const inbox = (await c.request(`inbox ${messi} \r\n`)) as {
      messages: Record<string, unknown[]>;
    };
    expect(inbox.messages.henderson).toHaveLength(1);
  });
});

describe('logging in again', () => {
  it('keeps every earlier session of that user and of others, and reveals none of them', async () => {
    const c = await start();
    const first = await login(c, 'messi', 'surabaya');
    const other = await login(c, 'aul', 'sby');
    const reply = await c.request('auth messi surabaya \r\n');
    expect(Object.keys(reply).sort()).toEqual(['status', 'tokenid']);
    expect(reply.tokenid).not.toBe(first);
    expect(JSON.stringify(reply)).not.toContain(other);
    for (const token of [first, other, String(reply.tokenid)]) {
      expect((await c.request(`my_file ${token} \r\n`)).status).toBe('OK');
    }
    // A failed login ends nothing either.
    await c.request('auth messi wrong \r\n');
    expect((await c.request(`inbox ${first} \r\n`)).status).toBe('OK');
  });
});

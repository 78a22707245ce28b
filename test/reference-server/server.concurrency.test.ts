/** 1,000 concurrent connections, each sending requests at once, all answered correctly. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { PASSWORDS, WireClient } from './support/wire.js';

const CONNECTIONS = 1_000;
const USERS = Object.keys(PASSWORDS);
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let server: RunningServer;
const clients: WireClient[] = [];

beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.close();
});

describe(`${CONNECTIONS} concurrent connections`, () => {
  it('are all held open at once and each has its requests answered correctly', async () => {
    for (let i = 0; i < CONNECTIONS; i += 200) {
      clients.push(
        ...(await Promise.all(
          Array.from({ length: 200 }, () => WireClient.open(server.port, '127.0.0.1', 15_000)),
        )),
      );
    }
    expect(clients).toHaveLength(CONNECTIONS);

    // Every client logs in at the same moment...
    const tokens = await Promise.all(
      clients.map(async (c, i) => {
        const user = USERS[i % USERS.length]!;
        const reply = await c.request(`auth ${user} ${PASSWORDS[user]} \r\n`, 20_000);
        expect(reply).toEqual({ status: 'OK', tokenid: expect.stringMatching(UUID_V4) });
        return reply.tokenid as string;
      }),
    );
    expect(new Set(tokens).size).toBe(CONNECTIONS);
    expect(server.state.sessions.size).toBe(CONNECTIONS);

    // ...then pipelines a message, an unknown session, and a file listing, all at once.
    await Promise.all(
      clients.map(async (c, i) => {
        const to = USERS[(i + 1) % USERS.length]!;
        await c.send(
          `send ${tokens[i]} ${to} pesan-${i} \r\ninbox bogus-${i} \r\nmy_file ${tokens[i]} \r\n`,
        );
        expect(await c.reply(20_000)).toEqual({ status: 'OK', message: 'Message Sent' });
        expect(await c.reply(20_000)).toEqual({
          status: 'ERROR',
          message: 'Session Tidak Ditemukan',
        });
        expect(await c.reply(20_000)).toEqual({ status: 'OK', messages: {} });
      }),
    );

    // Every message arrived exactly once, at the right user, from the right sender.
    const received = new Map<string, string>();
    for (const [u, user] of USERS.entries()) {
      const reply = await clients[u]!.request(`inbox ${tokens[u]} \r\n`);
      expect(reply.status).toBe('OK');
      for (const [from, entries] of Object.entries(
        reply.messages as Record<string, Array<{ msg: string }>>,
      )) {
        for (const entry of entries) {
          expect(received.has(entry.msg)).toBe(false);
          received.set(entry.msg, `${from}->${user}`);
        }
      }
    }
    expect(received.size).toBe(CONNECTIONS);
    for (let i = 0; i < CONNECTIONS; i++) {
      expect(received.get(`pesan-${i}`)).toBe(
        `${USERS[i % USERS.length]}->${USERS[(i + 1) % USERS.length]}`,
      );
    }
  });
});

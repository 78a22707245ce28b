/** The preflight's learning of a server's commands, over TCP against servers that differ. */
import { tcpDialer } from '../../../net/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_TEXTS, SEED_FIXTURE, canonicalDialect } from '../../../specs/index.js';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { learnServer } from '../../../harness/index.js';
import { startFakeServer, type FakeServer } from '../support/fake-server.js';

const servers: Array<RunningServer | FakeServer> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function reference(options: { defects?: string[]; profile?: string } = {}) {
  const server = await startServer({ port: 0, ...options });
  servers.push(server);
  return server;
}

function learn(port: number, timeoutMs = 2000) {
  return learnServer({
    dialer: tcpDialer('127.0.0.1', port),
    timeoutMs,
    maxReplyBytes: 1024 * 1024,
    dialect: canonicalDialect,
    fixture: SEED_FIXTURE,
  });
}

const TEMPLATE_LACKS = ['SEND_FILE', 'DOWNLOAD_FILE', 'MY_FILE', 'SEND_GROUP', 'SEND_GROUP_FILE'];

describe('learnServer: which commands a server has', () => {
  it('finds all eight on the reference server, and its two error replies', async () => {
    const k = await learn((await reference()).port);
    expect(k.absent).toEqual([]);
    expect(k.unknownCommand?.text).toBe(ERROR_TEXTS.UNKNOWN_COMMAND);
    expect(k.missingParams?.text).toBe(ERROR_TEXTS.MISSING_PARAMS);
    expect(k.unknownCommandDistinct).toBe(true);
  });

  it("finds the course template's three; the others are absent", async () => {
    const k = await learn((await reference({ profile: 'course-template' })).port);
    expect(k.absent).toEqual(TEMPLATE_LACKS);
    // `auth \r\n` is too few params for the template too (`inbox \r\n` is an empty session).
    expect(k.missingParams?.text).toBe(ERROR_TEXTS.MISSING_PARAMS);
    expect(k.unknownCommand?.reply).toBe(
      '{"status": "ERROR", "message": "**Protocol Tidak Benar"}',
    );
  });

  it('recognises an unknown-command reply in English, whatever it says', async () => {
    const k = await learn((await reference({ profile: 'english-template' })).port);
    expect(k.unknownCommand?.text).toBe('**Incorrect Protocol');
    expect(k.absent).toEqual(TEMPLATE_LACKS);
  });

  it('recognises an unknown-command reply that echoes the verb', async () => {
    const fake = await startFakeServer({
      answer(line, model) {
        const verb = line.trim().split(/\s+/, 1)[0]!;
        const known = ['auth', 'send', 'inbox', 'send_file', 'download_file', 'send_group'];
        if (!known.includes(verb) && verb !== 'send_group_file') {
          return { status: 'ERROR', message: `unknown command: ${verb}` };
        }
        return model();
      },
    });
    servers.push(fake);
    expect((await learn(fake.port)).absent).toEqual(['MY_FILE']);
  });

  it('calls nothing absent when an unknown command gets no reply, within one timeout', async () => {
    const server = await reference({
      defects: ['hangs-on-unknown-command', 'only-auth-send-inbox'],
    });
    const started = Date.now();
    const k = await learn(server.port, 500);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(k.absent).toEqual([]);
    expect(k.unknownCommandDistinct).toBe(false);
  });

  it('calls nothing absent when every request gets the same error', async () => {
    const fake = await startFakeServer({
      answer: () => ({ status: 'ERROR', message: ERROR_TEXTS.UNKNOWN_COMMAND }),
    });
    servers.push(fake);
    const k = await learn(fake.port);
    expect(k.absent).toEqual([]);
    expect(k.unknownCommandDistinct).toBe(false);
  });
});

/** Learning which commands a server has, over TCP against servers that differ. */
import { tcpDialer } from '../../../net/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_TEXTS, SEED_FIXTURE } from '../../../specs/index.js';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { MADE_UP_VERB, SurveyUnreachableError, learnCommands } from '../../../harness/index.js';
import { closedPort } from '../../support/ports.js';
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

const ALL = [
  'AUTH',
  'SEND',
  'INBOX',
  'SEND_FILE',
  'DOWNLOAD_FILE',
  'MY_FILE',
  'SEND_GROUP',
  'SEND_GROUP_FILE',
];

describe('learnCommands', () => {
  it('finds all eight commands on the reference server, and its two error replies', async () => {
    const server = await reference();
    const survey = await learnCommands({
      dialer: tcpDialer('127.0.0.1', server.port),
      timeoutMs: 2000,
    });
    expect(survey.present).toEqual(ALL);
    expect(survey.missing).toEqual([]);
    expect(survey.unknownCommand).toMatchObject({
      request: `${MADE_UP_VERB} \r\n`,
      outcome: 'reply',
      errorText: ERROR_TEXTS.UNKNOWN_COMMAND,
    });
    expect(survey.missingParams).toMatchObject({
      request: 'auth \r\n',
      errorText: ERROR_TEXTS.MISSING_PARAMS,
    });
    expect(survey.requests).toBe(9);
    expect(survey.notLearned).toBeUndefined();
  });

  it("finds the course template's three commands; the others are missing", async () => {
    const server = await reference({ profile: 'course-template' });
    const survey = await learnCommands({
      dialer: tcpDialer('127.0.0.1', server.port),
      timeoutMs: 2000,
    });
    expect(survey.present).toEqual(['AUTH', 'SEND', 'INBOX']);
    expect(survey.missing).toEqual([
      'SEND_FILE',
      'DOWNLOAD_FILE',
      'MY_FILE',
      'SEND_GROUP',
      'SEND_GROUP_FILE',
    ]);
    expect(survey.commands.MY_FILE).toBe('missing');
    // `auth \r\n` is too few params for the template too (`inbox \r\n` is an empty session).
    expect(survey.missingParams?.errorText).toBe(ERROR_TEXTS.MISSING_PARAMS);
  });

  it('recognises an unknown-command reply in other words (English), whatever it says', async () => {
    const server = await reference({ defects: ['only-auth-send-inbox', 'wrong-error-text'] });
    const survey = await learnCommands({
      dialer: tcpDialer('127.0.0.1', server.port),
      timeoutMs: 2000,
    });
    expect(survey.unknownCommand.errorText).toBe('Invalid command');
    expect(survey.present).toEqual(['AUTH', 'SEND', 'INBOX']);
    expect(survey.missingParams?.errorText).toBe('Missing parameters');
  });

  it('recognises an unknown-command reply that echoes the verb', async () => {
    const fake = await startFakeServer({
      answer(line, model) {
        const verb = line.trim().split(/\s+/, 1)[0]!;
        if (verb === 'my_file' || !ALL.map((c) => c.toLowerCase()).includes(verb)) {
          return { status: 'ERROR', message: `unknown command: ${verb}` };
        }
        return model();
      },
    });
    servers.push(fake);
    const survey = await learnCommands({
      dialer: tcpDialer('127.0.0.1', fake.port),
      timeoutMs: 2000,
    });
    expect(survey.missing).toEqual(['MY_FILE']);
  });

  it('leaves everything present when an unknown command gets no reply, within one timeout', async () => {
    const server = await reference({
      defects: ['hangs-on-unknown-command', 'only-auth-send-inbox'],
    });
    const started = Date.now();
    const survey = await learnCommands({
      dialer: tcpDialer('127.0.0.1', server.port),
      timeoutMs: 500,
    });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(survey.present).toEqual(ALL);
    expect(survey.commands.MY_FILE).toBe('not-learned');
    expect(survey.notLearned).toMatch(/^no reply to an unknown command/);
  });

  it('leaves everything present when every command is answered like an unknown one', async () => {
    const fake = await startFakeServer({
      answer: () => ({ status: 'ERROR', message: ERROR_TEXTS.UNKNOWN_COMMAND }),
    });
    servers.push(fake);
    const survey = await learnCommands({
      dialer: tcpDialer('127.0.0.1', fake.port),
      timeoutMs: 2000,
    });
    expect(survey.present).toEqual(ALL);
    expect(survey.notLearned).toMatch(/same reply as an unknown one/);
  });

  it('takes a command the dialect marks unsupported as missing without asking', async () => {
    const server = await reference();
    const base = (await import('../../../specs/index.js')).canonicalDialect;
    const dialect = { ...base, supports: (c: string) => c !== 'SEND_GROUP' };
    const survey = await learnCommands({
      dialer: tcpDialer('127.0.0.1', server.port),
      timeoutMs: 2000,
      dialect,
    });
    expect(survey.commands.SEND_GROUP).toBe('unsupported');
    expect(survey.missing).toEqual(['SEND_GROUP']);
    expect(survey.requests).toBe(8);
  });

  it('throws SurveyUnreachableError when nothing listens', async () => {
    const port = await closedPort();
    await expect(
      learnCommands({ dialer: tcpDialer('127.0.0.1', port), timeoutMs: 1000 }),
    ).rejects.toBeInstanceOf(SurveyUnreachableError);
  });

  it('uses the fixture nowhere: a server with other users is learned the same', async () => {
    const server = await startServer({
      port: 0,
      fixture: { users: [SEED_FIXTURE.users[0]!], groups: [] },
      profile: 'seed-group',
    });
    servers.push(server);
    const survey = await learnCommands({
      dialer: tcpDialer('127.0.0.1', server.port),
      timeoutMs: 2000,
    });
    expect(survey.present).toEqual(ALL);
  });
});

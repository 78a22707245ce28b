/**
 * Runs one corpus case over TCP and says whether the server did what the case documents:
 * the replies in order (an ERROR with the documented text, or an OK of the documented
 * kind), then the connection open or closed; and whether the server still answers a login
 * afterwards, on the same connection (when it is open) and on a new one.
 */
import type { Dialer } from '../../net/index.js';
import { randomUUID } from 'node:crypto';
import {
  ERROR_TEXTS,
  REPLY_TEXTS,
  canonicalDialect,
  type Dialect,
  type Fixture,
  type FixtureGroup,
  type FixtureUser,
  type JsonObject,
} from '../../specs/index.js';
import { ChatConnection, describeOutcome, type ReadOutcome } from '../client/connection.js';
import { fillTemplate } from '../conformance/scenario/template.js';
import { sendByteLength, sendBytes, sendChunks, type Fill } from './bytes.js';
import type { CorpusCase, CorpusReply } from './schema.js';

export interface CorpusRunOptions {
  readonly dialer: Dialer;
  readonly fixture: Fixture;
  /** Each read waits at most this long. */
  readonly timeoutMs: number;
  /** How long to wait to be sure no reply comes, for a line that is not finished. */
  readonly silenceMs?: number;
  /** How the server spells the login and the file list that check it is sane (canonical). */
  readonly dialect?: Dialect;
}

export interface CorpusCaseOutcome {
  readonly name: string;
  /** Empty when the server did all the case documents. */
  readonly problems: readonly string[];
  readonly bytesSent: number;
}

/** The roles of every case: `a` in group `g`, `b` a user outside it. */
export interface CorpusRoles {
  readonly a: FixtureUser;
  readonly b: FixtureUser;
  readonly g: FixtureGroup;
}

export function bindCorpusRoles(fixture: Fixture): CorpusRoles {
  for (const g of fixture.groups) {
    const a = fixture.users.find((u) => g.members.includes(u.username));
    const b = fixture.users.find((u) => !g.members.includes(u.username));
    if (a && b) return { a, b, g };
  }
  throw new Error('the corpus needs a fixture with a group and a user outside it');
}

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function describeReply(outcome: ReadOutcome, timeoutMs: number): string {
  return outcome.kind === 'reply'
    ? outcome.text.slice(0, 200)
    : describeOutcome(outcome, timeoutMs);
}

/** What is wrong with a reply, or undefined when it is the documented one. */
export function replyProblem(json: JsonObject, want: CorpusReply): string | undefined {
  if ('error' in want) {
    if (json.status !== 'ERROR') return `status ${JSON.stringify(json.status)}, not ERROR`;
    if (json.message !== ERROR_TEXTS[want.error]) {
      return `message ${JSON.stringify(json.message)}, not ${JSON.stringify(ERROR_TEXTS[want.error])}`;
    }
    return undefined;
  }
  if (json.status !== 'OK') return `status ${JSON.stringify(json.status)}, not OK`;
  if (want.ok === 'MESSAGE_SENT' && json.message !== REPLY_TEXTS.MESSAGE_SENT) {
    return `message ${JSON.stringify(json.message)}, not "Message Sent"`;
  }
  if (want.ok === 'FILE_SENT' && json.message !== REPLY_TEXTS.FILE_SENT) {
    return `message ${JSON.stringify(json.message)}, not "File Sent"`;
  }
  if (want.ok === 'TOKEN' && !(typeof json.tokenid === 'string' && UUID4.test(json.tokenid))) {
    return `tokenid ${JSON.stringify(json.tokenid)} is not a UUIDv4`;
  }
  for (const [key, value] of Object.entries(want.json ?? {})) {
    if (json[key] !== value) {
      return `"${key}" is ${JSON.stringify(json[key])?.slice(0, 80)}, not ${JSON.stringify(value).slice(0, 80)}`;
    }
  }
  return undefined;
}

async function open(options: CorpusRunOptions, name: string): Promise<ChatConnection> {
  const outcome = await ChatConnection.open({
    dialer: options.dialer,
    timeoutMs: options.timeoutMs,
    maxReplyBytes: 64 * 1024 * 1024,
    name,
  });
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.connection;
}

function authLine(dialect: Dialect, user: FixtureUser): string {
  return dialect.formatRequest({
    command: 'AUTH',
    username: user.username,
    password: user.password,
  });
}

async function login(
  conn: ChatConnection,
  dialect: Dialect,
  user: FixtureUser,
  timeoutMs: number,
): Promise<string> {
  const outcome = await conn.request(authLine(dialect, user), timeoutMs);
  const token =
    outcome.kind === 'reply' && outcome.json !== undefined
      ? dialect.readToken(outcome.json)
      : undefined;
  if (token === undefined || !token.ok) {
    throw new Error(`login of ${user.username} failed: ${describeReply(outcome, timeoutMs)}`);
  }
  return token.value;
}

/** A login and a reply that proves the token works: the server is sane on this connection. */
async function probe(
  conn: ChatConnection,
  dialect: Dialect,
  roles: CorpusRoles,
  timeoutMs: number,
): Promise<string | undefined> {
  const auth = await conn.request(authLine(dialect, roles.a), timeoutMs);
  if (auth.kind !== 'reply' || auth.json === undefined) return describeReply(auth, timeoutMs);
  const token = dialect.readToken(auth.json);
  if (!token.ok) return `login: ${token.reason}`;
  if (!UUID4.test(token.value))
    return `login: the token ${JSON.stringify(token.value)} is not a UUIDv4`;
  const files = await conn.request(
    dialect.formatRequest({ command: 'MY_FILE', session: token.value }),
    timeoutMs,
  );
  if (files.kind !== 'reply' || files.json?.status !== 'OK') {
    return `my_file after the login: ${describeReply(files, timeoutMs)}`;
  }
  if (conn.pendingReplies > 0 || conn.partialBytes > 0) return 'more bytes after the replies';
  return undefined;
}

async function writeCase(conn: ChatConnection, c: CorpusCase, fill: Fill): Promise<void> {
  const how = c.how;
  if ('generate' in c.send) {
    // Streamed, with backpressure: a 100 MiB line never exists in memory.
    for (const chunk of sendChunks(c.send, fill)) {
      if (conn.closed) return;
      await conn.write(chunk, undefined, { record: false });
    }
    return;
  }
  const bytes = sendBytes(c.send, fill);
  if (how === 'one-write') return conn.write(bytes);
  if (how === 'byte-by-byte') return conn.write(bytes, { chunkBytes: 1, delayMs: 0 });
  if ('chunkBytes' in how)
    return conn.write(bytes, { chunkBytes: how.chunkBytes, delayMs: how.delayMs ?? 0 });
  const needle = Buffer.from(how.splitInside, 'utf8');
  const at = bytes.indexOf(needle);
  const cut = at < 0 ? Math.floor(bytes.length / 2) : at + 1;
  await conn.write(bytes.subarray(0, cut));
  await new Promise((resolve) => setTimeout(resolve, how.delayMs ?? 0));
  await conn.write(bytes.subarray(cut));
}

export async function runCorpusCase(
  c: CorpusCase,
  options: CorpusRunOptions,
): Promise<CorpusCaseOutcome> {
  const roles = bindCorpusRoles(options.fixture);
  const tag = `c${randomUUID().slice(0, 8)}`;
  const values = new Map<string, string>([
    ['a', roles.a.username],
    ['a.password', roles.a.password],
    ['a.name', roles.a.name],
    ['b', roles.b.username],
    ['b.password', roles.b.password],
    ['b.name', roles.b.name],
    ['g', roles.g.id],
    ['tag', tag],
    ['uuid', randomUUID()],
  ]);
  const problems: string[] = [];
  const dialect = options.dialect ?? canonicalDialect;
  const setup = await open(options, 'setup');
  const bad = await open(options, 'bad');
  let bytesSent = 0;
  try {
    values.set('a.token', await login(setup, dialect, roles.a, options.timeoutMs));
    values.set('b.token', await login(setup, dialect, roles.b, options.timeoutMs));
    const fill: Fill = (template) => fillTemplate(template, (name) => values.get(name));
    bytesSent = sendByteLength(c.send, fill);
    await writeCase(bad, c, fill);

    for (const [i, want] of c.expect.replies.entries()) {
      const got = await bad.read(options.timeoutMs);
      if (got.kind !== 'reply' || got.json === undefined) {
        problems.push(`reply ${i + 1}: ${describeReply(got, options.timeoutMs)}`);
        break;
      }
      const problem = replyProblem(got.json, want);
      if (problem) problems.push(`reply ${i + 1}: ${problem} (got ${got.text.slice(0, 200)})`);
    }
    if (c.expect.replies.length === 0) {
      const got = await bad.read(options.silenceMs ?? 200);
      if (got.kind !== 'timeout')
        problems.push(`expected no reply, got ${describeReply(got, 200)}`);
    }
    if (problems.length === 0) {
      if (c.expect.then === 'closed') {
        const got = await bad.read(options.timeoutMs);
        const closed =
          got.kind === 'closed' || (got.kind === 'error' && /ECONNRESET|EPIPE/.test(got.message));
        if (!closed)
          problems.push(
            `expected the connection closed, got ${describeReply(got, options.timeoutMs)}`,
          );
      } else {
        const problem = await probe(bad, dialect, roles, options.timeoutMs);
        if (problem) problems.push(`probe on the same connection: ${problem}`);
      }
    }
  } finally {
    bad.close();
    setup.close();
  }
  const fresh = await open(options, 'fresh');
  try {
    const problem = await probe(fresh, dialect, roles, options.timeoutMs);
    if (problem) problems.push(`probe on a new connection: ${problem}`);
  } finally {
    fresh.close();
  }
  return { name: c.name, problems, bytesSent };
}

/**
 * The audit's last step: after the load has stopped, log in as every fixture user and read
 * the inbox until it is empty, so every message still held is seen. Reads go into a ledger of
 * their own, merged with the engines' ledgers before judging. Every step has a timeout; a
 * user whose inbox cannot be read is reported, not retried forever.
 */
import { connect, type Socket } from 'node:net';
import {
  ReplyDecoder,
  parseReplyJson,
  type Dialect,
  type Fixture,
  type JsonObject,
} from '../../specs/index.js';
import { Wakeup } from '../../net/index.js';
import { AuditLedger, type EncodedLedger } from '../../results/load/audit/ledger.js';

export interface DrainOptions {
  readonly host: string;
  readonly port: number;
  readonly fixture: Fixture;
  readonly timeoutMs: number;
  readonly maxReplyBytes: number;
  readonly dialect: Dialect;
}

export interface DrainResult {
  readonly ledger: EncodedLedger;
  /** One line per user whose inbox could not be read to the end. */
  readonly problems: readonly string[];
}

/** Inbox reads per user; each empties the inbox, so a second one normally finds it empty. */
const MAX_READS_PER_USER = 5;
const DRAIN_CONCURRENCY = 32;

class LineClient {
  readonly #socket: Socket;
  readonly #decoder: ReplyDecoder;
  readonly #replies: string[] = [];
  #failure: string | undefined;
  readonly #wakeup = new Wakeup();

  private constructor(socket: Socket, maxReplyBytes: number) {
    this.#socket = socket;
    this.#decoder = new ReplyDecoder(maxReplyBytes);
    socket.on('data', (chunk: Buffer) => {
      const { replies, overflow } = this.#decoder.push(chunk);
      for (const r of replies) this.#replies.push(r.text);
      if (overflow) this.#fail('reply too long without its terminator');
      this.#wakeup.wake();
    });
    socket.on('error', (error) => this.#fail(error.message));
    socket.on('close', () => this.#fail('connection closed'));
  }

  static open(host: string, port: number, timeoutMs: number, maxReplyBytes: number) {
    return new Promise<LineClient>((resolve, reject) => {
      const socket = connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`connect timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new LineClient(socket, maxReplyBytes));
      });
    });
  }

  #fail(reason: string): void {
    this.#failure ??= reason;
    this.#wakeup.wake();
  }

  async request(line: string, timeoutMs: number): Promise<JsonObject> {
    this.#socket.write(line);
    const ready = await this.#wakeup.until(
      () => (this.#replies.length > 0 || this.#failure !== undefined ? true : undefined),
      timeoutMs,
    );
    if (this.#replies.length === 0) {
      throw new Error(ready === undefined ? `no reply within ${timeoutMs} ms` : this.#failure);
    }
    const text = this.#replies.shift()!;
    const parsed = parseReplyJson(text);
    if (!parsed.ok) throw new Error(`reply is ${parsed.reason}`);
    return parsed.value;
  }

  close(): void {
    this.#socket.destroy();
  }
}

async function drainUser(
  options: DrainOptions,
  username: string,
  password: string,
  ledger: AuditLedger,
): Promise<string | undefined> {
  const { dialect, timeoutMs } = options;
  let client: LineClient;
  try {
    client = await LineClient.open(options.host, options.port, timeoutMs, options.maxReplyBytes);
  } catch (error) {
    return `drain ${username}: cannot connect: ${(error as Error).message}`;
  }
  try {
    const auth = await client.request(
      dialect.formatRequest({ command: 'AUTH', username, password }),
      timeoutMs,
    );
    const token = dialect.readToken(auth);
    if (!token.ok) return `drain ${username}: login failed: ${token.reason}`;
    for (let read = 0; read < MAX_READS_PER_USER; read++) {
      let reply: JsonObject;
      try {
        reply = await client.request(
          dialect.formatRequest({ command: 'INBOX', session: token.value }),
          timeoutMs,
        );
      } catch (error) {
        ledger.incompleteInboxRead();
        throw error;
      }
      const inbox = dialect.readInbox(reply);
      if (!inbox.ok) return `drain ${username}: inbox unreadable: ${inbox.reason}`;
      ledger.inboxRead(username, inbox.value);
      let entries = 0;
      for (const items of inbox.value.values()) entries += items.length;
      if (entries === 0) return undefined;
    }
    return `drain ${username}: inbox still not empty after ${MAX_READS_PER_USER} reads`;
  } catch (error) {
    return `drain ${username}: ${(error as Error).message}`;
  } finally {
    client.close();
  }
}

export async function drainInboxes(options: DrainOptions): Promise<DrainResult> {
  const ledger = new AuditLedger(
    Object.fromEntries(options.fixture.groups.map((g) => [g.id, g.members])),
    Date.now(),
  );
  const users = options.fixture.users;
  const outcomes: Array<string | undefined> = [];
  let next = 0;
  // A few users at a time: a fixture may have thousands.
  const lane = async (): Promise<void> => {
    while (next < users.length) {
      const user = users[next++]!;
      outcomes.push(await drainUser(options, user.username, user.password, ledger));
    }
  };
  await Promise.all(Array.from({ length: Math.min(DRAIN_CONCURRENCY, users.length) }, lane));
  return {
    ledger: ledger.encode(),
    problems: outcomes.filter((p): p is string => p !== undefined),
  };
}

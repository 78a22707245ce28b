/**
 * The audit's last step: after the load has stopped, log in as every fixture user and read
 * the inbox until it is empty, so every message still held is seen. Reads go into a ledger of
 * their own, merged with the engines' ledgers before judging. Every step has a timeout; a
 * user whose inbox cannot be read is reported, not retried forever.
 */
import { ReplyConnection, type Dialer } from '../../net/index.js';
import {
  ReplyDecoder,
  parseReplyJson,
  type Dialect,
  type Fixture,
  type JsonObject,
} from '../../specs/index.js';
import { AuditLedger, type EncodedLedger } from '../../results/load/audit/ledger.js';

export interface DrainOptions {
  /** How to reach the server: the load run's target. */
  readonly dialer: Dialer;
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

/** One user's connection for the drain: a request, then its reply as JSON, or a thrown reason. */
class DrainClient {
  readonly #link: ReplyConnection;

  private constructor(link: ReplyConnection) {
    this.#link = link;
  }

  static async open(options: DrainOptions): Promise<DrainClient> {
    const framing = new ReplyDecoder(options.maxReplyBytes);
    return new DrainClient(await ReplyConnection.open(options.dialer, options.timeoutMs, framing));
  }

  async request(line: string, timeoutMs: number): Promise<JsonObject> {
    void this.#link.write(line);
    const outcome = await this.#link.read(timeoutMs);
    switch (outcome.kind) {
      case 'reply': {
        const parsed = parseReplyJson(outcome.text);
        if (!parsed.ok) throw new Error(`reply is ${parsed.reason}`);
        return parsed.value;
      }
      case 'timeout':
        throw new Error(`no reply within ${timeoutMs} ms`);
      case 'overflow':
        throw new Error('reply too long without its terminator');
      case 'closed':
        throw new Error('connection closed');
      case 'error':
        throw new Error(outcome.message);
    }
  }

  close(): void {
    this.#link.close();
  }
}

async function drainUser(
  options: DrainOptions,
  username: string,
  password: string,
  ledger: AuditLedger,
): Promise<string | undefined> {
  const { dialect, timeoutMs } = options;
  let client: DrainClient;
  try {
    client = await DrainClient.open(options);
  } catch (error) {
    // The dialer's message says what failed: `cannot connect to …` or `connect to … timed out`.
    return `drain ${username}: ${(error as Error).message}`;
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

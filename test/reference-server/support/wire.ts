/**
 * A small raw TCP client for the reference server's tests: it sends bytes exactly as given
 * and reads replies split on CRLF CRLF, keeping every received byte so framing defects can
 * be inspected. Every wait has a timeout, so a test never hangs on a silent server.
 */
import { connect, type Socket } from 'node:net';
import type { Dialer } from '../../../net/index.js';
import { ReplyDecoder, parseReplyJson } from '../../../specs/index.js';
import { Wakeup } from '../../../net/index.js';

export type Json = Record<string, unknown>;

const DEFAULT_WAIT_MS = 5_000;

export class WireClient {
  readonly #socket: Socket;
  readonly #decoder = new ReplyDecoder(64 * 1024 * 1024);
  readonly #replies: string[] = [];
  readonly #received: Buffer[] = [];
  #receivedBytes = 0;
  #closed = false;
  #error: Error | undefined;
  readonly #wakeup = new Wakeup();

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#received.push(chunk);
      this.#receivedBytes += chunk.length;
      for (const frame of this.#decoder.push(chunk).replies) this.#replies.push(frame.text);
      this.#wakeup.wake();
    });
    socket.on('close', () => {
      this.#closed = true;
      this.#wakeup.wake();
    });
    socket.on('error', (error) => {
      this.#error = error;
      this.#wakeup.wake();
    });
  }

  static open(port: number, host = '127.0.0.1', timeoutMs = DEFAULT_WAIT_MS): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`connect to ${host}:${port} timed out`));
      }, timeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new WireClient(socket));
      });
    });
  }

  /** A connection opened by a Dialer (a launched server's, made inside its namespace). */
  static async dial(dialer: Dialer, timeoutMs = DEFAULT_WAIT_MS): Promise<WireClient> {
    const socket = await dialer.dial(timeoutMs);
    socket.setNoDelay(true);
    return new WireClient(socket);
  }

  get socket(): Socket {
    return this.#socket;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get error(): Error | undefined {
    return this.#error;
  }

  /** Every byte received so far, as one buffer. */
  received(): Buffer {
    return Buffer.concat(this.#received, this.#receivedBytes);
  }

  get receivedBytes(): number {
    return this.#receivedBytes;
  }

  /** Writes bytes and resolves once they are handed to the kernel. */
  send(data: string | Buffer): Promise<void> {
    return new Promise((resolve) => {
      if (this.#socket.destroyed) return resolve();
      this.#socket.write(data, () => resolve());
    });
  }

  /** Sends `data` in pieces of `chunkBytes`, letting each piece leave before the next. */
  async sendInPieces(data: string | Buffer, chunkBytes: number, gapMs = 2): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    for (let i = 0; i < bytes.length; i += chunkBytes) {
      await this.send(bytes.subarray(i, i + chunkBytes));
      await sleep(gapMs);
    }
  }

  /** The next reply's raw text (without its terminator). Rejects on timeout or close. */
  async rawReply(timeoutMs = DEFAULT_WAIT_MS): Promise<string> {
    await this.#waitUntil(() => this.#replies.length > 0, timeoutMs, 'a reply');
    return this.#replies.shift()!;
  }

  /** The next reply, parsed; rejects if it is not a JSON object. */
  async reply(timeoutMs = DEFAULT_WAIT_MS): Promise<Json> {
    const text = await this.rawReply(timeoutMs);
    const parsed = parseReplyJson(text);
    if (!parsed.ok) throw new Error(`reply is not a JSON object (${parsed.reason}): ${text}`);
    return parsed.value;
  }

  async request(line: string, timeoutMs = DEFAULT_WAIT_MS): Promise<Json> {
    await this.send(line);
    return this.reply(timeoutMs);
  }

  /** Resolves once the server has closed the connection. */
  async waitClosed(timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    await this.#waitUntil(() => this.#closed, timeoutMs, 'the connection to close', true);
  }

  /** Resolves once at least `bytes` have been received in total. */
  async waitForBytes(bytes: number, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    await this.#waitUntil(() => this.#receivedBytes >= bytes, timeoutMs, `${bytes} bytes`);
  }

  /** Whether nothing (no reply, no close) arrives within `ms`. */
  async staysSilent(ms: number): Promise<boolean> {
    const before = this.#receivedBytes;
    await sleep(ms);
    return this.#receivedBytes === before && !this.#closed;
  }

  /** Sends `data`; true if nothing at all (no byte, no close) comes back within `ms`. */
  async sendThenSilent(data: string | Buffer, ms: number): Promise<boolean> {
    const before = this.#receivedBytes;
    await this.send(data);
    await sleep(ms);
    return this.#receivedBytes === before && !this.#closed;
  }

  /** Replies already complete and not yet read. */
  get queuedReplies(): number {
    return this.#replies.length;
  }

  close(): void {
    this.#socket.destroy();
  }

  async #waitUntil(
    done: () => boolean,
    timeoutMs: number,
    what: string,
    closeIsSuccess = false,
  ): Promise<void> {
    const ended = (): boolean => !closeIsSuccess && (this.#closed || this.#error !== undefined);
    const ready = await this.#wakeup.until(() => (done() || ended() ? true : undefined), timeoutMs);
    if (done()) return;
    if (ready === undefined) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    throw new Error(
      `connection ${this.#error ? `failed (${this.#error.message})` : 'closed'} while waiting for ${what}`,
    );
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Logs in and returns the token; fails the test if the login is refused. */
export async function login(
  client: WireClient,
  username: string,
  password: string,
): Promise<string> {
  const reply = await client.request(`auth ${username} ${password} \r\n`);
  if (reply.status !== 'OK' || typeof reply.tokenid !== 'string') {
    throw new Error(`login of ${username} failed: ${JSON.stringify(reply)}`);
  }
  return reply.tokenid;
}

/** Opens a connection and logs in. */
export async function openAs(
  port: number,
  username: string,
  password: string,
): Promise<{ client: WireClient; token: string }> {
  const client = await WireClient.open(port);
  return { client, token: await login(client, username, password) };
}

export const PASSWORDS: Readonly<Record<string, string>> = {
  messi: 'surabaya',
  henderson: 'surabaya',
  lineker: 'surabaya',
  aul: 'sby',
  kinas: 'sby',
  rimas: 'sby',
};

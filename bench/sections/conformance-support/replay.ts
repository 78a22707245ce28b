/**
 * The wire floor of a conformance run: its wire log (wire-log.ts) played back by the barest
 * client, against the same server. Every connection is opened, every byte written and every
 * connection closed in the logged order; where the harness waited for replies, the replay
 * waits for as many replies on that connection, and no longer. It checks nothing, records
 * nothing and never pauses on purpose. The server hands out fresh session tokens, so each
 * token a logged reply carried is swapped, in the bytes written after it, for the one the
 * replay's own reply carries.
 */
import { connect, type Socket } from 'node:net';
import { DelimitedDecoder } from '../../../specs/codec/delimited-decoder.js';
import { REPLY_TERMINATOR, parseReplyJson } from '../../../specs/codec/reply-framing.js';
import type { Dialect } from '../../../specs/index.js';
import type { WireEvent } from './wire-log.js';

const TERMINATOR = Buffer.from(REPLY_TERMINATOR);
/** No reply of a run is near this; the decoder's cap only keeps its memory bounded. */
const MAX_REPLY_BYTES = 256 * 1024 * 1024;
/** Tokens sit in a request line's first words; a longer write is searched this far in. */
const TOKEN_SEARCH_BYTES = 1024;

type Step =
  | { readonly kind: 'open'; readonly connection: number }
  | {
      readonly kind: 'write';
      readonly connection: number;
      readonly bytes: Buffer;
      /** Logged tokens these bytes hold, to swap for the replay's. */
      readonly tokens: readonly string[];
    }
  /** Wait until the connection has received this many replies in all. */
  | { readonly kind: 'replies'; readonly connection: number; readonly count: number }
  | { readonly kind: 'close'; readonly connection: number };

export interface ReplayScript {
  readonly steps: readonly Step[];
  /** Per connection, the token each logged reply carried, by the reply's index. */
  readonly tokens: ReadonlyMap<number, ReadonlyMap<number, string>>;
  readonly connections: number;
  readonly requests: number;
}

/** Turns a wire log into the steps of its replay; nothing here is timed. */
export function replayScript(events: readonly WireEvent[], dialect: Dialect): ReplayScript {
  const steps: Step[] = [];
  const decoders = new Map<number, DelimitedDecoder>();
  const replies = new Map<number, number>();
  const tokens = new Map<number, Map<number, string>>();
  const known = new Set<string>();
  let connections = 0;
  let requests = 0;
  for (const event of events) {
    const c = event.connection;
    switch (event.kind) {
      case 'open':
        connections++;
        steps.push(event);
        break;
      case 'close':
        steps.push(event);
        break;
      case 'write': {
        const head = event.bytes.toString('latin1', 0, TOKEN_SEARCH_BYTES);
        requests += (head.match(/\n/g) ?? []).length;
        steps.push({ ...event, tokens: [...known].filter((t) => head.includes(t)) });
        break;
      }
      case 'read': {
        let decoder = decoders.get(c);
        if (decoder === undefined) decoders.set(c, (decoder = replyDecoder()));
        let count = replies.get(c) ?? 0;
        for (const frame of decoder.push(event.bytes).frames) {
          const token = tokenOf(frame, dialect);
          if (token !== undefined) {
            known.add(token);
            let mine = tokens.get(c);
            if (mine === undefined) tokens.set(c, (mine = new Map()));
            mine.set(count, token);
          }
          count++;
        }
        if (count > (replies.get(c) ?? 0)) {
          replies.set(c, count);
          const last = steps.at(-1);
          // Chunks read back to back make one wait, for all their replies.
          if (last?.kind === 'replies' && last.connection === c) steps.pop();
          steps.push({ kind: 'replies', connection: c, count });
        }
        break;
      }
    }
  }
  return { steps, tokens, connections, requests };
}

const replyDecoder = (): DelimitedDecoder => new DelimitedDecoder(TERMINATOR, MAX_REPLY_BYTES);

function tokenOf(reply: Buffer, dialect: Dialect): string | undefined {
  // Only a login's reply can carry a token; the long ones are downloads.
  if (reply.length > TOKEN_SEARCH_BYTES) return undefined;
  const parsed = parseReplyJson(reply.toString('utf8'));
  if (!parsed.ok) return undefined;
  const token = dialect.readToken(parsed.value);
  return token.ok ? token.value : undefined;
}

export interface ReplayResult {
  readonly elapsedMs: number;
  /** Waits that ended on `waitMs` instead of the replies: the replay strayed from the run. */
  readonly stalls: number;
}

interface Live {
  readonly socket: Socket;
  readonly decoder: DelimitedDecoder;
  replies: number;
  ended: boolean;
  wake: (() => void) | undefined;
}

/**
 * Plays `script` against `host:port`; each connect and each wait for replies lasts at most
 * `waitMs`. Rejects when a connection cannot be opened; every socket is closed either way.
 */
export async function replay(
  host: string,
  port: number,
  script: ReplayScript,
  dialect: Dialect,
  waitMs = 2000,
): Promise<ReplayResult> {
  const live = new Map<number, Live>();
  const swap = new Map<string, string>();
  let stalls = 0;
  const started = performance.now();
  try {
    for (const step of script.steps) {
      switch (step.kind) {
        case 'open': {
          const conn = await open(host, port, step.connection, script, dialect, swap, waitMs);
          live.set(step.connection, conn);
          break;
        }
        case 'write': {
          const conn = live.get(step.connection)!;
          if (!conn.ended) conn.socket.write(swapped(step.bytes, step.tokens, swap));
          break;
        }
        case 'replies': {
          const conn = live.get(step.connection)!;
          if (!(await repliesReached(conn, step.count, waitMs))) stalls++;
          break;
        }
        case 'close':
          live.get(step.connection)!.socket.destroy();
          break;
      }
    }
    return { elapsedMs: performance.now() - started, stalls };
  } finally {
    for (const conn of live.values()) conn.socket.destroy();
  }
}

function open(
  host: string,
  port: number,
  connection: number,
  script: ReplayScript,
  dialect: Dialect,
  swap: Map<string, string>,
  timeoutMs: number,
): Promise<Live> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`replay: connect to ${host}:${port} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    const conn: Live = {
      socket,
      decoder: replyDecoder(),
      replies: 0,
      ended: false,
      wake: undefined,
    };
    const logged = script.tokens.get(connection);
    const end = (): void => {
      conn.ended = true;
      conn.wake?.();
    };
    const refused = (error: Error): void => {
      clearTimeout(timer);
      reject(new Error(`replay: cannot connect to ${host}:${port}: ${error.message}`));
    };
    socket.once('error', refused);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeListener('error', refused);
      socket.on('error', end);
      resolve(conn);
    });
    socket.on('close', end);
    socket.on('data', (chunk: Buffer) => {
      for (const frame of conn.decoder.push(chunk).frames) {
        const old = logged?.get(conn.replies);
        if (old !== undefined) {
          const now = tokenOf(frame, dialect);
          if (now !== undefined) swap.set(old, now);
        }
        conn.replies++;
      }
      conn.wake?.();
    });
  });
}

function repliesReached(conn: Live, count: number, waitMs: number): Promise<boolean> {
  if (conn.replies >= count || conn.ended) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      conn.wake = undefined;
      resolve(false);
    }, waitMs);
    conn.wake = () => {
      if (conn.replies < count && !conn.ended) return;
      clearTimeout(timer);
      conn.wake = undefined;
      resolve(true);
    };
  });
}

function swapped(
  bytes: Buffer,
  tokens: readonly string[],
  swap: ReadonlyMap<string, string>,
): Buffer {
  if (tokens.length === 0) return bytes;
  const headBytes = Math.min(bytes.length, TOKEN_SEARCH_BYTES);
  let head = bytes.toString('latin1', 0, headBytes);
  for (const old of tokens) {
    const now = swap.get(old);
    if (now !== undefined) head = head.split(old).join(now);
  }
  const swappedHead = Buffer.from(head, 'latin1');
  return headBytes === bytes.length
    ? swappedHead
    : Buffer.concat([swappedHead, bytes.subarray(headBytes)]);
}

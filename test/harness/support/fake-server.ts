/**
 * Small servers that earn verdicts: the executable model of specs/ on node:net, with one
 * twist each (a different error text, a command missing, an inbox that never empties, a
 * server that dies). Loopback only; every server is closed by its test.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import {
  LineDecoder,
  SEED_FIXTURE,
  applyLine,
  createState,
  encodeReply,
  type ChatState,
  type Fixture,
  type Reply,
} from '../../../specs/index.js';

/** What the server does with one line: a reply object, raw bytes, silence, or a hang-up. */
export type Answer = Reply | Record<string, unknown> | { raw: string } | 'silent' | 'close';

export interface Twist {
  /** Undefined answers as the model does; `model()` applies the line to the state. */
  readonly answer?: (line: string, model: () => Reply, state: ChatState) => Answer | undefined;
  /**
   * Frame requests as most course servers do: read until the buffer ends with CRLF and treat
   * the whole buffer as one request (no bare LF, no pipelining).
   */
  readonly courseFraming?: boolean;
}

export interface FakeServer {
  readonly port: number;
  readonly state: ChatState;
  /** Lines answered so far. */
  readonly lines: () => number;
  /** Stops listening and drops every connection, as a crashed server would. */
  close(): Promise<void>;
}

export async function startFakeServer(
  twist: Twist = {},
  fixture: Fixture = SEED_FIXTURE,
): Promise<FakeServer> {
  const state = createState(fixture);
  const ctx = { newToken: () => randomUUID() };
  const sockets = new Set<Socket>();
  let lines = 0;

  const respond = (socket: Socket, line: string): void => {
    lines++;
    const answer =
      twist.answer?.(line, () => applyLine(state, line, ctx), state) ?? applyLine(state, line, ctx);
    if (answer === 'silent') return;
    if (answer === 'close') {
      socket.destroy();
      return;
    }
    if ('raw' in answer && typeof answer.raw === 'string') socket.write(answer.raw);
    else socket.write(encodeReply(answer));
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (twist.courseFraming) {
      // Chunks kept in a list, so a long line costs linear time and the server stays responsive.
      let chunks: Buffer[] = [];
      let size = 0;
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size > 64 * 1024 * 1024) socket.destroy();
        const tail = Buffer.concat(chunks.slice(-2)).subarray(-2).toString('latin1');
        if (tail === '\r\n') {
          const line = Buffer.concat(chunks).toString('utf8').slice(0, -2);
          chunks = [];
          size = 0;
          respond(socket, line);
        }
      });
      return;
    }
    const decoder = new LineDecoder(16 * 1024 * 1024);
    socket.on('data', (chunk: Buffer) => {
      const { lines: got, overflow } = decoder.push(chunk);
      for (const line of got) respond(socket, line);
      if (overflow) socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  let closing: Promise<void> | undefined;
  return {
    port: address.port,
    state,
    lines: () => lines,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

/** The command word of a request line. */
export function verbOf(line: string): string {
  return line.trim().split(/\s+/)[0] ?? '';
}

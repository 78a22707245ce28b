/**
 * Small servers that earn verdicts: the executable model of specs/ on node:net, with one
 * twist each (a different error text, a command missing, an inbox that never empties, a
 * server that dies). Loopback only; every server is closed by its test.
 */
import type { Socket } from 'node:net';
import {
  SEED_FIXTURE,
  encodeReply,
  type ChatState,
  type Fixture,
  type Reply,
} from '../../../specs/index.js';
import { serveModel, type ModelDouble } from '../../support/model-server.js';

/** What the server does with one line: a reply object, raw bytes, silence, or a hang-up. */
export type Answer = Reply | Record<string, unknown> | { raw: string } | 'silent' | 'close';

export interface Twist {
  /**
   * Undefined answers as the model does; `model()` applies the line to the state, `apply`
   * another line in its place.
   */
  readonly answer?: (
    line: string,
    model: () => Reply,
    state: ChatState,
    apply: (other: string) => Reply,
  ) => Answer | undefined;
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

/** The whole buffer up to a final CRLF as one request, as most course servers read. */
function courseFrame(socket: Socket): (chunk: Buffer) => string[] {
  // Chunks kept in a list, so a long line costs linear time and the server stays responsive.
  let chunks: Buffer[] = [];
  let size = 0;
  return (chunk) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size > 64 * 1024 * 1024) socket.destroy();
    const tail = Buffer.concat(chunks.slice(-2)).subarray(-2).toString('latin1');
    if (tail !== '\r\n') return [];
    const line = Buffer.concat(chunks).toString('utf8').slice(0, -2);
    chunks = [];
    size = 0;
    return [line];
  };
}

export async function startFakeServer(
  twist: Twist = {},
  fixture: Fixture = SEED_FIXTURE,
): Promise<FakeServer> {
  let lines = 0;

  const respond = (server: ModelDouble, socket: Socket, line: string): void => {
    lines++;
    const answer =
      twist.answer?.(
        line,
        () => server.apply(line),
        server.state,
        (other) => server.apply(other),
      ) ?? server.apply(line);
    if (answer === 'silent') return;
    if (answer === 'close') {
      socket.destroy();
      return;
    }
    if ('raw' in answer && typeof answer.raw === 'string') socket.write(answer.raw);
    else socket.write(encodeReply(answer));
  };

  const server = await serveModel({
    fixture,
    connection: (socket, model) => ({
      frame: twist.courseFraming === true ? courseFrame(socket) : undefined,
      onLine: (line) => respond(model, socket, line),
      onOverflow: () => socket.destroy(),
    }),
  });
  return {
    port: server.port,
    state: server.state,
    lines: () => lines,
    close: () => server.close(),
  };
}

/** The command word of a request line. */
export function verbOf(line: string): string {
  return line.trim().split(/\s+/)[0] ?? '';
}

/**
 * Hostile servers: each misbehaves at the transport level, where no defect of the reference
 * server can (they sit below the protocol). Loopback only; each is closed by its test.
 */
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { serveModel, type ConnectionHooks } from '../../support/model-server.js';

export interface HostileServer {
  readonly port: number;
  close(): Promise<void>;
}

/** How one connection misbehaves; lines reach `onLine` as the model server decodes them. */
type Behaviour = (socket: Socket, answer: (line: string) => Buffer) => ConnectionHooks;

async function listen(behaviour: Behaviour): Promise<HostileServer> {
  let n = 0;
  const server = await serveModel({
    newToken: () => `tok-${++n}`,
    maxLineBytes: 64 * 1024 * 1024,
    connection: (socket, model) => behaviour(socket, (line) => model.answer(line)),
  });
  return { port: server.port, close: () => server.close() };
}

/** Neither answers nor reacts to a request line. */
const ignoreLines: ConnectionHooks = { onLine: () => undefined };

/** Every way of misbehaving, by name. */
export const HOSTILE = {
  /** Accepts, reads, and never replies. */
  silent: () => listen(() => ignoreLines),

  /** Closes every connection as soon as it is accepted. */
  closesAtOnce: () =>
    listen((socket) => {
      socket.destroy();
      return ignoreLines;
    }),

  /** Answers any request with bytes that never end: no terminator, ever. */
  endless: () =>
    listen((socket) => {
      const chunk = Buffer.alloc(64 * 1024, 0x7b); // '{' forever
      let flowing = false;
      const pump = (): void => {
        while (!socket.destroyed && socket.write(chunk));
      };
      socket.on('drain', pump);
      return {
        onLine: () => {
          if (!flowing) {
            flowing = true;
            pump();
          }
        },
      };
    }),

  /** Answers every request with random bytes, then the terminator. */
  garbage: () =>
    listen((socket) => ({
      onLine: () => {
        const bytes = randomBytes(200).filter((b) => b !== 0x0d && b !== 0x0a);
        socket.write(Buffer.concat([Buffer.from('\x00\xff'), bytes, Buffer.from('\r\n\r\n')]));
      },
    })),

  /** Answers correctly, one byte a second. */
  trickle: () =>
    listen((socket, answer) => {
      const queue: number[] = [];
      const timer = setInterval(() => {
        const next = queue.shift();
        if (next !== undefined && !socket.destroyed) socket.write(Buffer.from([next]));
      }, 1_000);
      return {
        onLine: (line) => queue.push(...answer(line)),
        onClose: () => clearInterval(timer),
      };
    }),

  /**
   * Answers correctly until it has read `readBytes` bytes, then never reads again: the
   * client's writes fill its receive buffer and stall.
   */
  stopsReading: (readBytes = 4096) =>
    listen((socket) => {
      let read = 0;
      return {
        // Pausing before this chunk's lines are answered stops only further reads.
        beforeDecode: (chunk) => {
          read += chunk.length;
          if (read >= readBytes) socket.pause();
          return true;
        },
      };
    }),

  /** Sends half of a correct reply, then resets the connection. */
  resetsMidReply: () =>
    listen((socket, answer) => ({
      onLine: (line) => {
        const reply = answer(line);
        socket.write(reply.subarray(0, Math.floor(reply.length / 2)), () =>
          socket.resetAndDestroy(),
        );
      },
    })),
} as const;

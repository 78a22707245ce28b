/**
 * Hostile servers: each misbehaves at the transport level, where no defect of the reference
 * server can (they sit below the protocol). Loopback only; each is closed by its test.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import {
  LineDecoder,
  SEED_FIXTURE,
  applyLine,
  createState,
  encodeReply,
} from '../../../specs/index.js';

export interface HostileServer {
  readonly port: number;
  close(): Promise<void>;
}

type Behaviour = (socket: Socket, answer: (line: string) => Buffer) => void;

async function listen(behaviour: Behaviour): Promise<HostileServer> {
  const state = createState(SEED_FIXTURE);
  let n = 0;
  const answer = (line: string): Buffer =>
    encodeReply(applyLine(state, line, { newToken: () => `tok-${++n}` }));
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    behaviour(socket, answer);
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

/** Calls `onLine` for each request line the client sends. */
function eachLine(socket: Socket, onLine: (line: string) => void): void {
  const decoder = new LineDecoder(64 * 1024 * 1024);
  socket.on('data', (chunk: Buffer) => {
    for (const line of decoder.push(chunk).lines) onLine(line);
  });
}

/** Every way of misbehaving, by name. */
export const HOSTILE = {
  /** Accepts, reads, and never replies. */
  silent: () => listen((socket) => socket.resume()),

  /** Closes every connection as soon as it is accepted. */
  closesAtOnce: () => listen((socket) => socket.destroy()),

  /** Answers any request with bytes that never end: no terminator, ever. */
  endless: () =>
    listen((socket) => {
      const chunk = Buffer.alloc(64 * 1024, 0x7b); // '{' forever
      let flowing = false;
      const pump = (): void => {
        while (!socket.destroyed && socket.write(chunk));
      };
      socket.on('drain', pump);
      eachLine(socket, () => {
        if (!flowing) {
          flowing = true;
          pump();
        }
      });
    }),

  /** Answers every request with random bytes, then the terminator. */
  garbage: () =>
    listen((socket) =>
      eachLine(socket, () => {
        const bytes = randomBytes(200).filter((b) => b !== 0x0d && b !== 0x0a);
        socket.write(Buffer.concat([Buffer.from('\x00\xff'), bytes, Buffer.from('\r\n\r\n')]));
      }),
    ),

  /** Answers correctly, one byte a second. */
  trickle: () =>
    listen((socket, answer) => {
      const queue: number[] = [];
      const timer = setInterval(() => {
        const next = queue.shift();
        if (next !== undefined && !socket.destroyed) socket.write(Buffer.from([next]));
      }, 1_000);
      socket.on('close', () => clearInterval(timer));
      eachLine(socket, (line) => queue.push(...answer(line)));
    }),

  /**
   * Answers correctly until it has read `readBytes` bytes, then never reads again: the
   * client's writes fill its receive buffer and stall.
   */
  stopsReading: (readBytes = 4096) =>
    listen((socket, answer) => {
      const decoder = new LineDecoder(64 * 1024 * 1024);
      let read = 0;
      socket.on('data', (chunk: Buffer) => {
        read += chunk.length;
        for (const line of decoder.push(chunk).lines) socket.write(answer(line));
        if (read >= readBytes) socket.pause();
      });
    }),

  /** Sends half of a correct reply, then resets the connection. */
  resetsMidReply: () =>
    listen((socket, answer) =>
      eachLine(socket, (line) => {
        const reply = answer(line);
        socket.write(reply.subarray(0, Math.floor(reply.length / 2)), () =>
          socket.resetAndDestroy(),
        );
      }),
    ),
} as const;

/**
 * A server that answers each request line as a script says: for testing how the load
 * generator takes garbage, silence, cut-off replies and servers that go away. Loopback only.
 */
import { createServer, type Socket } from 'node:net';
import { LineDecoder } from '../../../specs/index.js';

/**
 * What to do with one line: bytes to write, `close` (end the connection), `destroy` (reset
 * it), or `silence` (never answer). `index` counts lines over the whole server.
 */
export type ScriptStep =
  { readonly write: string; readonly then?: 'close' } | 'close' | 'destroy' | 'silence';

export interface ScriptedServer {
  readonly port: number;
  readonly lines: () => number;
  /** Stops listening and closes every connection: the server "dies". */
  kill(): Promise<void>;
}

export const AUTH_OK = `{"status":"OK","tokenid":"t-1"}\r\n\r\n`;
export const SENT_OK = `{"status":"OK","message":"Message Sent"}\r\n\r\n`;

export async function startScriptedServer(
  script: (line: string, index: number) => ScriptStep,
): Promise<ScriptedServer> {
  const sockets = new Set<Socket>();
  let lines = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const decoder = new LineDecoder(1024 * 1024);
    socket.on('data', (chunk: Buffer) => {
      for (const line of decoder.push(chunk).lines) {
        const step = script(line, lines++);
        if (step === 'silence') continue;
        if (step === 'close') return void socket.end();
        if (step === 'destroy') return void socket.destroy();
        socket.write(step.write);
        if (step.then === 'close') return void socket.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  let killed: Promise<void> | undefined;
  return {
    port: address.port,
    lines: () => lines,
    kill() {
      killed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return killed;
    },
  };
}

/** Answers auth with a token and everything else with `reply`. */
export function authThen(reply: (line: string, index: number) => ScriptStep) {
  return (line: string, index: number): ScriptStep =>
    line.startsWith('auth ') ? { write: AUTH_OK } : reply(line, index);
}

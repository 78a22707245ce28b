/**
 * What a conformance run put on the wire, exactly: a dialer that hands the harness ordinary
 * sockets and notes, in one log for the whole run, every connection opened, every byte
 * written and read, and every close, in the order they happened. The log is the script of
 * the wire floor (replay.ts): the same connections and bytes, sent by a bare client.
 */
import type { Socket } from 'node:net';
import type { Dialer } from '../../../net/index.js';

export type WireEvent =
  | { readonly kind: 'open'; readonly connection: number }
  | { readonly kind: 'write'; readonly connection: number; readonly bytes: Buffer }
  | { readonly kind: 'read'; readonly connection: number; readonly bytes: Buffer }
  | { readonly kind: 'close'; readonly connection: number };

/** A dialer that logs the connections of the runs it is asked to record, and only those. */
export interface RecordingDialer extends Dialer {
  /**
   * Runs `run`, logging every connection it dials. A socket reports its close a little after
   * it is closed, so a close may join the log after `run` has ended.
   */
  record<T>(run: () => Promise<T>): Promise<{ readonly value: T; readonly events: WireEvent[] }>;
}

export function recordingDialer(inner: Dialer): RecordingDialer {
  let events: WireEvent[] | undefined;
  let connections = 0;
  return {
    address: inner.address,
    async dial(timeoutMs) {
      const socket = await inner.dial(timeoutMs);
      if (events !== undefined) record(socket, connections++, events);
      return socket;
    },
    async record(run) {
      const log: WireEvent[] = [];
      events = log;
      connections = 0;
      try {
        return { value: await run(), events: log };
      } finally {
        events = undefined;
      }
    },
  };
}

function record(socket: Socket, connection: number, events: WireEvent[]): void {
  events.push({ kind: 'open', connection });
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  socket.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
    // Kept by reference, not copied, so that logging adds no copy of a flood's megabytes to
    // the run it measures: a written buffer is never changed afterwards.
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8')
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(
              (chunk as Uint8Array).buffer,
              (chunk as Uint8Array).byteOffset,
              (chunk as Uint8Array).byteLength,
            );
    events.push({ kind: 'write', connection, bytes });
    return write(chunk, ...rest);
  }) as Socket['write'];
  socket.on('data', (bytes: Buffer) => events.push({ kind: 'read', connection, bytes }));
  socket.once('close', () => events.push({ kind: 'close', connection }));
}

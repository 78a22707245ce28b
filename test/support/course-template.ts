/**
 * The lecturer's template as a test double, written after its Python (protocol-facts.md,
 * "Servers in the wild"): only auth, send and inbox; 32-byte reads, each decoded as UTF-8 by
 * itself and appended to a buffer that is one request when it ends with CRLF; params split on
 * single spaces and stripped; a KeyError ("Informasi tidak ditemukan") for an unknown session;
 * an IndexError ("--Protocol Tidak Benar") for too few params; an empty message accepted;
 * text stored with its leading space and the trailing " \r\n"; drained inbox keys kept as
 * []. A character split across two reads raises and kills the connection's thread: no reply,
 * the socket stays open. Loopback only; closed by its test.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { SEED_FIXTURE, pythonJsonDumps, type Fixture } from '../../specs/index.js';

export interface CourseTemplate {
  readonly port: number;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

const READ_BYTES = 32;

export async function startCourseTemplate(
  fixture: Fixture = SEED_FIXTURE,
): Promise<CourseTemplate> {
  const users = new Map(fixture.users.map((u) => [u.username, u]));
  const sessions = new Map<string, string>();
  const inboxes = new Map<string, Map<string, Json[]>>();
  const sockets = new Set<Socket>();

  const error = (message: string): Json => ({ status: 'ERROR', message });
  const handle = (line: string): Json => {
    const j = line.split(' ').map((t) => t.trim());
    const at = (i: number): string => {
      if (i >= j.length) throw new RangeError('IndexError');
      return j[i]!;
    };
    try {
      switch (j[0]) {
        case 'auth': {
          const username = at(1);
          const password = at(2);
          const user = users.get(username);
          if (user === undefined) return error('User Tidak Ada');
          if (user.password !== password) return error('Password Salah');
          const token = randomUUID();
          sessions.set(token, username);
          return { status: 'OK', tokenid: token };
        }
        case 'send': {
          const session = at(1);
          const to = at(2);
          // The template keeps everything after the recipient, the line end's token included.
          let message = '';
          for (const w of line.split(' ').slice(3)) message = `${message} ${w}`;
          const from = sessions.get(session);
          if (from === undefined) return error('Informasi tidak ditemukan');
          const recipient = users.get(to);
          if (recipient === undefined) return error('User Tidak Ditemukan');
          const inbox = inboxes.get(to) ?? new Map<string, Json[]>();
          inboxes.set(to, inbox);
          const queue = inbox.get(from) ?? [];
          inbox.set(from, queue);
          queue.push({ msg_from: users.get(from)!.name, msg_to: recipient.name, msg: message });
          return { status: 'OK', message: 'Message Sent' };
        }
        case 'inbox': {
          const session = at(1);
          const user = sessions.get(session);
          if (user === undefined) return error('Informasi tidak ditemukan');
          const inbox = inboxes.get(user) ?? new Map<string, Json[]>();
          const messages: Record<string, Json[]> = {};
          for (const [from, queue] of inbox) {
            messages[from] = [...queue];
            queue.length = 0; // drained, but the key stays
          }
          return { status: 'OK', messages };
        }
        default:
          return error('**Protocol Tidak Benar');
      }
    } catch (e) {
      if (e instanceof RangeError) return error('--Protocol Tidak Benar');
      throw e;
    }
  };

  const serve = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    // Pieces in a list (the Python's `+=` is quadratic; the double must stay responsive).
    let pieces: string[] = [];
    let dead = false;
    socket.on('data', (chunk: Buffer) => {
      for (let i = 0; i < chunk.length && !dead; i += READ_BYTES) {
        let piece: string;
        try {
          piece = decoder.decode(chunk.subarray(i, i + READ_BYTES));
        } catch {
          // UnicodeDecodeError: the thread dies, the socket stays open, nothing is answered.
          dead = true;
          return;
        }
        pieces.push(piece);
        const tail = (pieces.at(-2) ?? '') + piece;
        if (tail.endsWith('\r\n')) {
          const reply = handle(pieces.join(''));
          pieces = [];
          socket.write(`${pythonJsonDumps(reply)}\r\n\r\n`); // json.dumps, as the template
        }
      }
    });
  };

  const server = createServer(serve);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

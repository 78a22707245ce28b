// A chat server that dies on the bytes CR NUL, as a separate process: `node dying-server.mjs PORT`.
// Just enough protocol for the framing fuzzer's probe: auth logs anyone in, every other
// request is an unknown session. The whole process exits, as a crashing course server does.
import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import process from 'node:process';

const port = Number(process.argv[2]);
const reply = (value) => `${JSON.stringify(value)}\r\n\r\n`;

createServer((socket) => {
  let seen = Buffer.alloc(0);
  let pending = '';
  socket.on('error', () => {});
  socket.on('data', (chunk) => {
    seen = Buffer.concat([seen, chunk]).subarray(-64);
    if (seen.includes('\r\0')) process.exit(1);
    pending += chunk.toString('latin1');
    for (let at = pending.indexOf('\n'); at >= 0; at = pending.indexOf('\n')) {
      const words = pending.slice(0, at).trim().split(/\s+/);
      pending = pending.slice(at + 1);
      socket.write(
        words[0] === 'auth' && words.length >= 3
          ? reply({ status: 'OK', tokenid: randomUUID() })
          : reply({ status: 'ERROR', message: 'Session Tidak Ditemukan' }),
      );
    }
  });
}).listen({ host: '127.0.0.1', port });

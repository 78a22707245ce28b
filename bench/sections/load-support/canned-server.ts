/**
 * A canned-reply chat server for the load benchmarks, run as its own process: every request
 * line gets the same JSON reply (with a tokenid, so logins work too). It does no parsing, so
 * it costs as little per request as a server can; whatever limits throughput is the client.
 * Prints `PORT <n>` when listening; exits when its standard input closes.
 */
import { runBenchServer } from './bench-server.js';

const REPLY = Buffer.from(
  `${JSON.stringify({ status: 'OK', tokenid: 'canned-token', message: 'Message Sent' })}\r\n\r\n`,
);
/** Pre-built runs of replies, so a chunk holding n lines costs one write. */
const RUNS = Array.from({ length: 64 }, (_, n) => Buffer.concat(Array(n).fill(REPLY) as Buffer[]));
const LF = 0x0a;

runBenchServer((socket) => {
  socket.on('data', (chunk: Buffer) => {
    let lines = 0;
    for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) lines++;
    while (lines > 0) {
      const n = Math.min(lines, RUNS.length - 1);
      socket.write(RUNS[n]!);
      lines -= n;
    }
  });
});

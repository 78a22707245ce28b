/**
 * The simplest closed-loop client one would write by hand, the baseline of the generator
 * efficiency benchmark: N connections, each sends one fixed request line and sends it again
 * for every reply it reads (replies are counted by their CRLF CRLF terminator). It records
 * nothing. Usage: hand-client PORT CONNECTIONS SECONDS; prints `REPLIES <n> MS <elapsed>`.
 */
import { connect } from 'node:net';

const [port, connections, seconds] = process.argv.slice(2).map(Number) as [number, number, number];
const LINE = Buffer.from('send canned-token henderson hello there \r\n');
const TERMINATOR = Buffer.from('\r\n\r\n');

let replies = 0;
const started = performance.now();
const sockets = Array.from({ length: connections }, () => {
  const socket = connect({ host: '127.0.0.1', port });
  socket.setNoDelay(true);
  // The last 3 bytes of a chunk may begin a terminator that ends in the next one.
  let carry: Buffer = Buffer.alloc(0);
  socket.on('connect', () => socket.write(LINE));
  socket.on('data', (chunk: Buffer) => {
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let from = 0;
    for (let i = data.indexOf(TERMINATOR); i !== -1; i = data.indexOf(TERMINATOR, from)) {
      replies++;
      socket.write(LINE);
      from = i + TERMINATOR.length;
    }
    carry = data.subarray(Math.max(from, data.length - 3));
  });
  socket.on('error', () => {});
  return socket;
});
setTimeout(() => {
  const elapsedMs = performance.now() - started;
  for (const socket of sockets) socket.destroy();
  process.stdout.write(`REPLIES ${replies} MS ${Math.round(elapsedMs)}\n`);
}, seconds * 1000);

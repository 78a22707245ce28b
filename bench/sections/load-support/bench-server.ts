/**
 * The process around a yardstick server of the load benchmarks (canned-server.ts,
 * minimal-server.ts): a loopback listener with room for 100,000 connections, each socket
 * without Nagle's delay and with its errors ignored, handed to `serve`. Prints `PORT <n>`
 * once listening; exits when its standard input closes.
 */
import { createServer, type Socket } from 'node:net';

export function runBenchServer(serve: (socket: Socket) => void): void {
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('error', () => {});
    serve(socket);
  });
  server.maxConnections = 100_000;
  server.listen({ host: '127.0.0.1', port: 0, backlog: 4096 }, () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    process.stdout.write(`PORT ${address.port}\n`);
  });
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

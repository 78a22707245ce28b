/**
 * The reference server as its own process for `npm run soak`, answering memory questions on
 * standard input: a line `MEM` gets `MEM <heapUsedBytes> <rssBytes>` after two forced full
 * garbage collections. Prints `PORT <n>`; exits when its standard input closes.
 *
 * Sessions are kept by the protocol (a login stays valid), so they are state, not a leak: the
 * soak caps them at 20,000 and fills the cap before its baseline, and so compares like with
 * like. Everything else (connections, buffers, inboxes the soak drains) must come back.
 */
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEFAULT_LIMITS } from '../../specs/index.js';
import { startServer } from '../../reference-server/index.js';

export const SOAK_MAX_SESSIONS = 20_000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const server = await startServer({
  host: '127.0.0.1',
  port: 0,
  maxConnections: 50_000,
  limits: { ...DEFAULT_LIMITS, maxSessions: SOAK_MAX_SESSIONS, maxInboxMessages: 10_000_000 },
});
process.stdout.write(`PORT ${server.port}\n`);

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() !== 'MEM') return;
  // Twice, with a turn of the event loop between: sockets closed a moment ago free their
  // buffers only once their close callbacks have run.
  gc();
  setImmediate(() => {
    gc();
    const usage = process.memoryUsage();
    process.stdout.write(`MEM ${usage.heapUsed} ${usage.rss}\n`);
  });
});
lines.on('close', () => void server.close().then(() => process.exit(0)));

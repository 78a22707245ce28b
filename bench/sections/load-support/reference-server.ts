/**
 * The reference server as its own process for the load benchmarks, with room for 10,000
 * connections and a long run: maxConnections and the inbox cap are raised here (the defaults
 * are 20,000 and 100,000 per user). Arguments are defects (`slow-replies=5`), for benches of
 * a server with a capped capacity. Prints `PORT <n>`; exits when its standard input closes.
 */
import { DEFAULT_LIMITS } from '../../../specs/index.js';
import { startServer } from '../../../reference-server/index.js';

const server = await startServer({
  host: '127.0.0.1',
  port: 0,
  maxConnections: 50_000,
  limits: { ...DEFAULT_LIMITS, maxInboxMessages: 10_000_000 },
  defects: process.argv.slice(2),
});
process.stdout.write(`PORT ${server.port}\n`);
process.stdin.resume();
process.stdin.on('end', () => void server.close().then(() => process.exit(0)));

/**
 * A farm of reference servers for the class benchmark, in one process of its own: argv[2] is
 * a JSON list of `{ profile?, defects }`, one server each on an ephemeral loopback port. Prints
 * `PORTS [..]` once all listen, and stops when its standard input closes.
 */
import { startServer, type RunningServer } from '../../../reference-server/index.js';

const kinds = JSON.parse(process.argv[2] ?? '[]') as Array<{ profile?: string; defects: string[] }>;
const servers: RunningServer[] = [];
for (const { profile, defects } of kinds) {
  servers.push(
    await startServer({ host: '127.0.0.1', port: 0, defects, ...(profile ? { profile } : {}) }),
  );
}
process.stdout.write(`PORTS ${JSON.stringify(servers.map((s) => s.port))}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void Promise.all(servers.map((s) => s.close())).then(() => process.exit(0));
});

/**
 * Loaded with `node --import` into every bench child: at exit it writes the CPU time the
 * process spent (user + system, all threads) after its first outgoing connection to stderr,
 * as `CPU_US <run> <total>`. Counting from the first connection leaves out start-up (module
 * loading, argument parsing), which a four-second run would otherwise carry as a fixed cost
 * that is no part of the load it makes.
 */
import { subscribe } from 'node:diagnostics_channel';
import { writeSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

let atFirstSocket: number | undefined;
const totalMicros = (): number => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};
const onSocket = (): void => {
  atFirstSocket ??= totalMicros();
};
// Worker threads inherit --import; the figure is the process's, written once by the main thread.
// A process whose sockets are all opened by workers reports its whole CPU time as the run's.
if (isMainThread) {
  subscribe('net.client.socket', onSocket);
  process.once('exit', () => {
    const total = totalMicros();
    writeSync(2, `\nCPU_US ${total - (atFirstSocket ?? 0)} ${total}\n`);
  });
}

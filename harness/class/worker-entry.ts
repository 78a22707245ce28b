/**
 * One server of a class run, in its own worker thread: the conformance run unchanged, its
 * result posted back. Whatever happens here (a hang, an exception, memory running out)
 * stays in this thread; the class run turns it into this server's ERROR.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { tcpDialer } from '../../net/index.js';
import { TargetUnreachableError } from '../conformance/run/runner.js';
import { runClassServer } from './server-run.js';
import type { FromWorker, ToWorker, WorkerInput } from './messages.js';

const input = workerData as WorkerInput;
const dialer = tcpDialer(input.host, input.port);
const port = parentPort!;
const controller = new AbortController();
port.on('message', (message: ToWorker) => {
  if (message.type === 'stop') controller.abort();
});

function send(message: FromWorker): void {
  port.postMessage(message);
}

try {
  const result = await runClassServer({
    dialer,
    ...(input.fixture ? { fixture: input.fixture } : {}),
    ...(input.dialect ? { dialect: input.dialect } : {}),
    probe: input.probe,
    scenarios: input.scenarios,
    strict: input.strict,
    timeoutMs: input.timeoutMs,
    ...(input.maxReplyBytes !== undefined ? { maxReplyBytes: input.maxReplyBytes } : {}),
    signal: controller.signal,
  });
  send({ type: 'done', result });
} catch (error) {
  if (error instanceof TargetUnreachableError)
    send({ type: 'unreachable', message: error.message });
  else send({ type: 'failed', message: (error as Error).stack ?? String(error) });
}
port.close();

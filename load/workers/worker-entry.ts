/**
 * A load worker thread: the same engine as the main thread, on its share of the connections.
 * A worker evaluates its own copy of every module it reaches, so the engine's files import
 * the modules of specs/ they use, not its index: a worker then leaves out the checkers of
 * input files (zod, yaml), which only the main thread needs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { dialectFromSpec } from '../../specs/dialect/from-spec.js';
import { LoadEngine } from '../engine/engine.js';
import type { FromWorker, ToWorker, WorkerInput } from './messages.js';

const port = parentPort;
if (port === null) throw new Error('worker-entry.js runs only as a worker thread');
const post = (message: FromWorker): void => port.postMessage(message);
const input = workerData as WorkerInput;

try {
  const dialect = dialectFromSpec(input.dialectSpec, { fixture: input.options.fixture });
  const engine = new LoadEngine(input.options, input.share, dialect);
  engine.on('tick', (info) => post({ type: 'tick', info }));
  port.on('message', (message: ToWorker) => {
    if (message.type === 'stop') engine.stop();
  });
  const raw = await engine.run();
  post({ type: 'done', raw });
} catch (error) {
  post({ type: 'failed', message: (error as Error).stack ?? String(error) });
}

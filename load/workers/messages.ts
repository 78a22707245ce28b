/** What the main thread and a load worker say to each other. */
import type { EngineShare, TickInfo } from '../engine/engine.js';
import type { LoadOptions } from '../options.js';
import type { RawLoadResult } from '../result/raw.js';

export interface WorkerInput {
  readonly options: LoadOptions;
  readonly share: EngineShare;
}

export type ToWorker = { readonly type: 'stop' };

export type FromWorker =
  | { readonly type: 'tick'; readonly info: TickInfo }
  | { readonly type: 'done'; readonly raw: RawLoadResult }
  | { readonly type: 'failed'; readonly message: string };

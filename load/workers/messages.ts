/** What the main thread and a load worker say to each other. */
import type { DialectSpec } from '../../specs/index.js';
import type { EngineShare } from '../engine/engine.js';
import type { TickInfo } from '../../results/load/tick.js';
import type { LoadOptions } from '../options.js';
import type { RawLoadResult } from '../../results/load/raw.js';

export interface WorkerInput {
  readonly options: LoadOptions;
  readonly share: EngineShare;
  /** The dialect as data (functions do not cross into a thread); rebuilt in the worker. */
  readonly dialectSpec: DialectSpec;
}

export type ToWorker = { readonly type: 'stop' };

export type FromWorker =
  | { readonly type: 'tick'; readonly info: TickInfo }
  | { readonly type: 'done'; readonly raw: RawLoadResult }
  | { readonly type: 'failed'; readonly message: string };

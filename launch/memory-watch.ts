/**
 * The memory watch of a launched server: samples the resident memory of the tree below its
 * agent on the wall clock's ticks, keeps the peak, and reports the first sample over the limit.
 */
import { msToNextTick, residentBytes, treeBelow } from './watch.js';

export interface MemoryWatchOptions {
  readonly agentPid: number;
  readonly intervalMs: number;
  readonly limitBytes: number;
  /** Whether the server has ended: a sample due then is skipped. */
  readonly ended: () => boolean;
  /** Whether to schedule no more samples (ended, or the agent's output closed). */
  readonly stopped: () => boolean;
  /** A sample over the limit, with the reason in words (`resident memory 600 MiB over …`). */
  readonly onOverLimit: (detail: string) => void;
}

export class MemoryWatch {
  readonly #options: MemoryWatchOptions;
  #peakBytes = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: MemoryWatchOptions) {
    this.#options = options;
    this.#schedule();
  }

  /** The highest resident memory of the tree seen so far. */
  get peakBytes(): number {
    return this.#peakBytes;
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  #schedule(): void {
    if (this.#options.stopped()) return;
    this.#timer = setTimeout(
      () => void this.#sample().finally(() => this.#schedule()),
      msToNextTick(this.#options.intervalMs),
    ).unref();
  }

  async #sample(): Promise<void> {
    const { agentPid, limitBytes, ended, onOverLimit } = this.#options;
    if (ended()) return;
    const bytes = await residentBytes(await treeBelow(agentPid, true));
    this.#peakBytes = Math.max(this.#peakBytes, bytes);
    if (bytes > limitBytes) {
      onOverLimit(`resident memory ${mib(bytes)} over the ${mib(limitBytes)} limit`);
    }
  }
}

function mib(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}

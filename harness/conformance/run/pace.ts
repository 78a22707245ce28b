/**
 * How quickly the server under test answers, and the gap between a request's pieces that
 * follows from it. A framing scenario writes a request in pieces so that the server receives
 * them in separate reads; the gap only has to outlast the server's own wake-up, read and
 * reply. A fixed 20 ms gap did that for every server, but costs 20 ms per split even against
 * a server that answers in a tenth of a millisecond. So the gap is a few of this server's
 * typical round trips, measured in this run, never under MIN_GAP_MS and never over what the
 * scenario declares (its `delayMs`, the gap used before anything is measured).
 */

/** The gap is this many typical round trips: a round trip holds the server's wake-up and read. */
export const GAP_ROUND_TRIPS = 4;
/**
 * Never shorter. An idle Python thread blocked in recv() wakes and reads within a tenth of a
 * millisecond, but on a busy machine the kernel may hand a piece over late: with 2 ms gaps, a
 * server that reads 32 bytes at a time was seen to get both halves of a split character in
 * one read (the scenario then tests nothing) on a machine loaded far beyond its cores, where
 * 5 ms kept them apart. A declared gap below this (one byte per packet, 1 ms) stays as declared.
 */
export const MIN_GAP_MS = 5;
/** Round trips kept: the median of the latest, so one slow reply (a 1 MiB download) is no typical one. */
const SAMPLES = 31;
/** Round trips needed before they are trusted over the scenario's own gap. */
const MIN_SAMPLES = 8;

export interface Gap {
  readonly gapMs: number;
  /** How the gap was chosen, for the transcript. */
  readonly why: string;
}

export class ServerPace {
  readonly #samples: number[] = [];
  #next = 0;

  /** The time from a single request's write to its reply. */
  record(roundTripMs: number): void {
    if (!Number.isFinite(roundTripMs) || roundTripMs < 0) return;
    if (this.#samples.length < SAMPLES) this.#samples.push(roundTripMs);
    else this.#samples[this.#next] = roundTripMs;
    this.#next = (this.#next + 1) % SAMPLES;
  }

  /** The median round trip of the latest replies; undefined until enough were seen. */
  typicalMs(): number | undefined {
    if (this.#samples.length < MIN_SAMPLES) return undefined;
    const sorted = [...this.#samples].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  }

  /** The gap to leave between pieces, at most `declaredMs`. */
  gap(declaredMs: number): Gap {
    return gapFor(this.typicalMs(), declaredMs);
  }
}

/** The gap for a server whose typical round trip is `typicalMs` (unknown: the declared one). */
export function gapFor(typicalMs: number | undefined, declaredMs: number): Gap {
  if (declaredMs <= MIN_GAP_MS) return { gapMs: declaredMs, why: 'as declared' };
  if (typicalMs === undefined) {
    return {
      gapMs: declaredMs,
      why: 'as declared: the round trip of this server is not measured yet',
    };
  }
  // Whole milliseconds: what a timer waits.
  const gapMs = Math.min(declaredMs, Math.max(MIN_GAP_MS, Math.ceil(GAP_ROUND_TRIPS * typicalMs)));
  const round = (ms: number): number => Math.round(ms * 100) / 100;
  return {
    gapMs,
    why: `${GAP_ROUND_TRIPS} × the server's typical round trip of ${round(typicalMs)} ms, at least ${MIN_GAP_MS} ms, at most the declared ${declaredMs} ms`,
  };
}

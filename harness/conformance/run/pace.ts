/**
 * How quickly the server under test answers, and the gap between a request's pieces that
 * follows from it. A framing scenario writes a request in pieces so that the server receives
 * them in separate reads; the gap has to outlast the server's own wake-up and read, or the
 * pieces arrive together and the scenario tests nothing. The scenario's `delayMs` is enough
 * for a server that answers promptly; a server that answers slowly (a busy machine, a slow
 * language, a lock) gets a few of its own round trips, measured in this run, up to
 * MAX_STRETCH times the declared gap. The gap is never shorter than declared: a shorter gap
 * saved milliseconds against fast servers but let a busy machine hand both halves of a split
 * character to a server in one read, and the same server must get the same verdict however
 * loaded the grading machine is.
 */

/** The gap is this many typical round trips: a round trip holds the server's wake-up and read. */
export const GAP_ROUND_TRIPS = 4;
/** A slow server's gap is at most this many times the declared one (a scenario's time is bounded). */
export const MAX_STRETCH = 4;
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

  /** The gap to leave between pieces: at least `declaredMs`. */
  gap(declaredMs: number): Gap {
    return gapFor(this.typicalMs(), declaredMs);
  }
}

/** The gap for a server whose typical round trip is `typicalMs` (unknown: the declared one). */
export function gapFor(typicalMs: number | undefined, declaredMs: number): Gap {
  if (typicalMs === undefined) {
    return {
      gapMs: declaredMs,
      why: 'as declared: the round trip of this server is not measured yet',
    };
  }
  // Whole milliseconds: what a timer waits.
  const wanted = Math.ceil(GAP_ROUND_TRIPS * typicalMs);
  if (wanted <= declaredMs) return { gapMs: declaredMs, why: 'as declared' };
  const gapMs = Math.min(wanted, MAX_STRETCH * declaredMs);
  const round = (ms: number): number => Math.round(ms * 100) / 100;
  return {
    gapMs,
    why: `${GAP_ROUND_TRIPS} × the server's typical round trip of ${round(typicalMs)} ms, longer than the declared ${declaredMs} ms, at most ${MAX_STRETCH} × that`,
  };
}

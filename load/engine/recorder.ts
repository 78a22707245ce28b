/**
 * Everything one engine measures, in one object: outcomes and latency per command, connect
 * times, bytes, per-second samples and problem descriptions. The hot path calls `replied`
 * once per reply; everything else is rare. `toRaw` turns it into the raw result's parts.
 */
import {
  createRecordingHistogram,
  encodeHistogram,
  encodeSumOfRecording,
  type Histogram,
} from '../../results/load/histograms.js';
import {
  zeroOutcomes,
  type RawCommandResult,
  type RawConnects,
  type RequestOutcomes,
} from '../../results/load/raw.js';
import { COMMAND_OPS, type CommandOp } from '../../results/load/ops.js';

export type FailureKind = 'timeout' | 'connection' | 'violation' | 'unfinished';

/** Distinct problem texts kept; later new ones are counted under one overflow line. */
const MAX_PROBLEM_KINDS = 20;

/** Wall-clock ms for a performance-clock reading; one clock for latency and for seconds. */
export function wallClockMs(perfMs: number): number {
  return performance.timeOrigin + perfMs;
}
const OTHER_PROBLEMS = '(other problems)';

class CommandStats {
  sent = 0;
  ok = 0;
  errorReplies = 0;
  timeouts = 0;
  connectionErrors = 0;
  protocolViolations = 0;
  unfinished = 0;
  mismatches = 0;
  readonly latency: Histogram = createRecordingHistogram();
  readonly latencyUncorrected: Histogram | undefined;
  constructor(openLoop: boolean) {
    this.latencyUncorrected = openLoop ? createRecordingHistogram() : undefined;
  }
}

export class Recorder {
  readonly openLoop: boolean;
  readonly #commands: CommandStats[];
  readonly #connectLatency = createRecordingHistogram();
  connectAttempts = 0;
  connectsOk = 0;
  connectsFailed = 0;
  connectionsDropped = 0;
  bytesRead = 0;
  /** Added up from each socket's own count when it closes. */
  bytesWritten = 0;
  /** The wall-clock second being counted, and when it ends on the performance clock. */
  #second: number;
  #secondEndsAtMs: number;
  #secondRequests = 0;
  #secondBytes = 0;
  /** Failures since the last tick, for the progress display. */
  #errorsSinceTick = 0;
  readonly samples: Array<readonly [number, number, number]> = [];
  readonly #problems = new Map<string, number>();

  /** `nowMs` is on the performance clock, whose origin maps it to wall-clock time. */
  constructor(openLoop: boolean, nowMs: number) {
    this.openLoop = openLoop;
    this.#second = Math.floor(wallClockMs(nowMs) / 1000);
    this.#secondEndsAtMs = (this.#second + 1) * 1000 - performance.timeOrigin;
    this.#commands = COMMAND_OPS.map(() => new CommandStats(openLoop));
  }

  sent(command: number): void {
    this.#commands[command]!.sent++;
  }

  /**
   * One reply. `correctedUs` runs from the intended send time (equal to the actual one in a
   * closed loop); `uncorrectedUs` from the actual send time.
   */
  replied(
    command: number,
    ok: boolean,
    correctedUs: number,
    uncorrectedUs: number,
    nowMs: number,
  ): void {
    // Each reply counts in the wall-clock second it arrived in, however late a timer runs.
    if (nowMs >= this.#secondEndsAtMs) this.roll(nowMs);
    const stats = this.#commands[command]!;
    if (ok) stats.ok++;
    else stats.errorReplies++;
    // Never 0: HdrHistogram's minimum would skip it, and nothing is that fast anyway.
    const corrected = correctedUs < 1 ? 1 : correctedUs;
    // Per command only: the overall histogram is their sum, added once at the end (exact),
    // which halves the recording cost of every reply.
    stats.latency.recordValue(corrected);
    if (this.openLoop) {
      stats.latencyUncorrected!.recordValue(uncorrectedUs < 1 ? 1 : uncorrectedUs);
    }
    this.#secondRequests++;
  }

  mismatch(command: number): void {
    this.#commands[command]!.mismatches++;
  }

  failed(command: number, kind: FailureKind): void {
    const stats = this.#commands[command]!;
    if (kind === 'timeout') stats.timeouts++;
    else if (kind === 'connection') stats.connectionErrors++;
    else if (kind === 'violation') stats.protocolViolations++;
    else stats.unfinished++;
    if (kind !== 'unfinished') this.#errorsSinceTick++;
  }

  bytesIn(bytes: number): void {
    this.bytesRead += bytes;
    this.#secondBytes += bytes;
  }

  connected(micros: number): void {
    this.connectsOk++;
    this.#connectLatency.recordValue(micros < 1 ? 1 : micros);
  }

  /** A problem worth showing a person: counted by its description. */
  problem(description: string): void {
    const known = this.#problems.get(description);
    if (known !== undefined) this.#problems.set(description, known + 1);
    else if (this.#problems.size < MAX_PROBLEM_KINDS) this.#problems.set(description, 1);
    else this.#problems.set(OTHER_PROBLEMS, (this.#problems.get(OTHER_PROBLEMS) ?? 0) + 1);
  }

  /** Closes every second that has ended by `nowMs` as a sample (idle seconds as zeros). */
  roll(nowMs: number): void {
    while (nowMs >= this.#secondEndsAtMs) {
      this.samples.push([this.#second, this.#secondRequests, this.#secondBytes]);
      this.#second++;
      this.#secondEndsAtMs += 1000;
      this.#secondRequests = 0;
      this.#secondBytes = 0;
    }
  }

  /** The run is over: the current, partial second becomes the last sample. */
  close(nowMs: number): void {
    this.roll(nowMs);
    this.samples.push([this.#second, this.#secondRequests, this.#secondBytes]);
    this.#secondRequests = 0;
    this.#secondBytes = 0;
  }

  /** The last whole second's counts, and failures since the previous call. */
  tick(): { requests: number; bytes: number; errors: number } {
    const last = this.samples[this.samples.length - 1];
    const errors = this.#errorsSinceTick;
    this.#errorsSinceTick = 0;
    return { requests: last?.[1] ?? 0, bytes: last?.[2] ?? 0, errors };
  }

  /** Requests sent so far, over all commands. */
  get sentTotal(): number {
    let n = 0;
    for (const c of this.#commands) n += c.sent;
    return n;
  }

  totals(): RequestOutcomes & { mismatches: number } {
    const t = zeroOutcomes();
    for (const c of this.#commands) {
      t.sent += c.sent;
      t.ok += c.ok;
      t.errorReplies += c.errorReplies;
      t.timeouts += c.timeouts;
      t.connectionErrors += c.connectionErrors;
      t.protocolViolations += c.protocolViolations;
      t.unfinished += c.unfinished;
      t.mismatches += c.mismatches;
    }
    return t;
  }

  commandResults(): Partial<Record<CommandOp, RawCommandResult>> {
    const out: Partial<Record<CommandOp, RawCommandResult>> = {};
    COMMAND_OPS.forEach((op, i) => {
      const c = this.#commands[i]!;
      if (c.sent === 0) return;
      out[op] = {
        sent: c.sent,
        ok: c.ok,
        errorReplies: c.errorReplies,
        timeouts: c.timeouts,
        connectionErrors: c.connectionErrors,
        protocolViolations: c.protocolViolations,
        unfinished: c.unfinished,
        mismatches: c.mismatches,
        latency: encodeHistogram(c.latency),
        ...(c.latencyUncorrected
          ? { latencyUncorrected: encodeHistogram(c.latencyUncorrected) }
          : {}),
      };
    });
    return out;
  }

  /** Every reply's latency: the per-command histograms added bucket by bucket. */
  encodedLatency(): { latency: string; latencyUncorrected?: string } {
    const sum = (pick: (c: CommandStats) => Histogram | undefined): string =>
      encodeSumOfRecording(
        this.#commands.map(pick).filter((h): h is Histogram => h !== undefined && h.totalCount > 0),
      );
    return {
      latency: sum((c) => c.latency),
      ...(this.openLoop ? { latencyUncorrected: sum((c) => c.latencyUncorrected) } : {}),
    };
  }

  connects(): RawConnects {
    return {
      attempts: this.connectAttempts,
      ok: this.connectsOk,
      failed: this.connectsFailed,
      dropped: this.connectionsDropped,
      latency: encodeHistogram(this.#connectLatency),
    };
  }

  problems(): Record<string, number> {
    return Object.fromEntries(this.#problems);
  }

  /** Frees the histograms' memory (WebAssembly's lives outside the JS heap). */
  dispose(): void {
    const all: Array<Histogram | undefined> = [this.#connectLatency];
    for (const c of this.#commands) all.push(c.latency, c.latencyUncorrected);
    for (const h of all) h?.destroy();
  }
}

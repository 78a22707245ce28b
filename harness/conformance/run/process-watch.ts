/**
 * What the conformance runner may know about the server's process when chatspec launched it:
 * what it prints, when it ends, and a way to start it again. The command line builds one from
 * a launched target; the harness defines only this shape, so it never depends on how servers
 * are launched. Without a watch (a server chatspec only dials) the runner judges the wire alone.
 */

export interface WatchedLine {
  /** Position in the current server's output; `mark()` returns the next one. */
  readonly seq: number;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
  /** Since the current server started. */
  readonly sinceStartMs: number;
}

export interface WatchedExit {
  readonly code: number | null;
  readonly signal: string | null;
  /** `exited`, or why chatspec killed it (`killed-memory`, `killed-deadline`). */
  readonly reason: string;
  readonly lastLines: readonly WatchedLine[];
}

export interface IdleCpuSample {
  readonly cpuSeconds: number;
  readonly coreShare: number;
  readonly windowMs: number;
}

export interface ProcessWatch {
  /** The position of the next line the current server prints. */
  mark(): number;
  /** What the current server printed since `mark`, as far as it is still kept. */
  linesSince(mark: number): readonly WatchedLine[];
  /** Settles when the current server's process ends; a new promise after a restart. */
  exited(): Promise<WatchedExit>;
  /** How the current server ended, once it has. */
  ended(): WatchedExit | undefined;
  /**
   * Replaces the ended server by a fresh one (in a fresh namespace). Rejects, with a one-line
   * reason, when the restarts are used up or the server does not start again.
   */
  restart(): Promise<void>;
  /** Resident bytes of the current server's process tree. */
  memoryBytes(): Promise<number>;
  /** CPU time of the tree over a quiet window, after a settle delay. */
  measureIdleCpu(window: { settleMs: number; windowMs: number }): Promise<IdleCpuSample>;
}

/** How a process end reads in a reason: `exit code 1`, `signal SIGSEGV`, `killed: memory`. */
export function describeExit(exit: WatchedExit): string {
  if (exit.reason.startsWith('killed-')) {
    return `killed by chatspec (${exit.reason.slice('killed-'.length)} limit)`;
  }
  if (exit.signal !== null) return `killed by ${exit.signal}`;
  return `exit code ${exit.code ?? 'unknown'}`;
}

/** At most this many characters of output go into one reason. */
const MAX_PRINTED_CHARS = 240;

/**
 * What the server printed, condensed for a one-line reason: a traceback reads as its first
 * line, the last place it names and its last line (`Traceback … line 42 … UnicodeDecodeError:
 * …`), anything else as its last lines; a long text keeps its end. Undefined when it printed
 * nothing.
 */
export function printedSummary(lines: readonly WatchedLine[]): string | undefined {
  const raw = lines.map((l) => l.text.trimEnd()).filter((t) => t.trim() !== '');
  if (raw.length === 0) return undefined;
  const start = raw.map((t) => t.startsWith('Traceback')).lastIndexOf(true);
  let parts: string[];
  if (start >= 0) {
    // A traceback's frames are indented; its first line that is not ends it: the exception.
    // Lines other threads print after it are left out.
    let end = start + 1;
    while (end < raw.length && /^\s/.test(raw[end]!)) end++;
    const frames = raw.slice(start + 1, end).map((t) => t.trim());
    const place = frames.filter((t) => /^File ".*", line \d+/.test(t)).at(-1);
    parts = [raw[start]!, ...(place ? [place] : []), ...(end < raw.length ? [raw[end]!] : [])];
  } else {
    parts = raw.slice(-3).map((t) => t.trim());
  }
  const text = parts.join(' … ');
  // The last words say most (the exception, the fatal message): cut from the front.
  return text.length > MAX_PRINTED_CHARS ? `…${text.slice(-(MAX_PRINTED_CHARS - 1))}` : text;
}

/**
 * What a command writes to and how it ends: every command takes its streams as a parameter and
 * returns its exit code; only main.ts touches the real process's streams and exit.
 */
import { EXIT_FAILED, EXIT_OK } from './usage.js';

export interface OutStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Where a command writes; the real process in main.ts, a capture in tests. */
export interface CliIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether Ctrl-C stops a run gracefully (reports still written). */
  readonly handleSignals: boolean;
}

/** A command registered with commander: where it writes, and where its exit code goes. */
export interface CommandContext {
  readonly io: CliIo;
  /** Records the code the command returned; main.ts exits with it once the command is done. */
  exitWith(code: number): void;
}

/**
 * Whether to colour what goes to stdout: `--color` / `--no-color` when given, otherwise when
 * stdout is a terminal and NO_COLOR is unset. The same rule for every command.
 */
export function useColor(flag: boolean | undefined, io: CliIo): boolean {
  return flag ?? (io.stdout.isTTY === true && io.env.NO_COLOR === undefined);
}

/**
 * Waits until SIGINT or SIGTERM asks a long-running command (a server, the chat bridge) to
 * stop, then closes it: EXIT_OK once `close` is done, or EXIT_FAILED at once when a second
 * signal comes while closing (the user wants out now).
 */
export function untilStopped(
  io: CliIo,
  close: () => Promise<unknown>,
  options: { readonly sayExiting?: boolean } = {},
): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) {
        if (options.sayExiting === true) io.stderr.write(`${signal}: exiting at once\n`);
        resolve(EXIT_FAILED);
        return;
      }
      stopping = true;
      io.stderr.write(`${signal}: shutting down\n`);
      void close().then(() => resolve(EXIT_OK));
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
}

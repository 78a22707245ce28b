/**
 * Launches fixture servers (test/fixtures/servers/, Python in the course's style) for one test
 * and stops whatever a test left running. The agent runs from dist/: `npm test` builds first.
 */
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import {
  launchServer,
  type LaunchedServer,
  type LaunchOptions,
  type OutputLine,
} from '../../launch/index.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/servers', import.meta.url));

const running: LaunchedServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

/** Launches `python3 <script>` from the fixtures, stopped after the test. */
export async function launchFixture(
  script: string,
  { signal, ...options }: Partial<LaunchOptions> & { signal?: AbortSignal } = {},
): Promise<LaunchedServer> {
  const server = await launchServer(
    {
      command: `python3 ${script}`,
      cwd: FIXTURES,
      isolation: 'namespace',
      startTimeoutMs: 10_000,
      ...options,
    },
    signal,
  );
  running.push(server);
  return server;
}

/** The first line from `mark` on that matches; fails after `timeoutMs`. */
export function waitForLine(
  server: LaunchedServer,
  mark: number,
  pattern: RegExp,
  timeoutMs = 5000,
): Promise<OutputLine> {
  const seen = server.output.linesSince(mark).find((line) => pattern.test(line.text));
  if (seen !== undefined) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      server.output.off('line', onLine);
      const printed = server.output.linesSince(mark).map((line) => line.text);
      reject(
        new Error(
          `no line matching ${pattern} within ${timeoutMs} ms; printed ${JSON.stringify(printed)}`,
        ),
      );
    }, timeoutMs);
    const onLine = (line: OutputLine): void => {
      if (line.seq < mark || !pattern.test(line.text)) return;
      clearTimeout(timer);
      server.output.off('line', onLine);
      resolve(line);
    };
    server.output.on('line', onLine);
  });
}

/** True once no process of `pids` exists any more; false if some remain after `timeoutMs`. */
export async function allGone(pids: readonly number[], timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (pids.every((pid) => !alive(pid))) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

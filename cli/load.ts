/**
 * `chatspec load [HOST:PORT]` puts a server under the load of many chat clients and reports
 * what happened; `chatspec load merge A.json B.json …` merges results of several processes or
 * machines. With no target, the embedded reference server is started on an ephemeral port.
 * Exit 0 when the run completed, 1 when --audit found lost, duplicated, reordered or
 * misdelivered messages, 2 for bad usage or a target that cannot be reached.
 */
import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { loadFixtureFile, type Fixture } from '../specs/index.js';
import { startServer, type RunningServer } from '../reference-server/index.js';
import {
  DEFAULT_CONNECT_CONCURRENCY,
  DEFAULT_CONNECTIONS,
  DEFAULT_MAX_REPLY_BYTES,
  DEFAULT_TIMEOUT_MS,
  HistogramDecodeError,
  LoadOptionError,
  LoadRun,
  LoadSetupError,
  MAX_CONNECTIONS,
  MAX_FILE_SIZE_BYTES,
  MAX_MESSAGE_BYTES,
  MAX_WORKERS,
  MergeError,
  NotLoopbackError,
  PRESET_NAMES,
  ResultFileError,
  WorkloadError,
  mergeRawResults,
  readResultFile,
  resolveLoadOptions,
  resolveWorkload,
  summarize,
  type LoadReport,
} from '../load/index.js';
import { renderLoadHtml } from '../reports/index.js';
import { EXIT_FAILED, EXIT_OK, UsageError, integerOption, parseTarget } from './usage.js';

interface LoadFlags {
  connections: number;
  duration?: number;
  amount?: number;
  rate?: number;
  pipelining: number;
  workload: string;
  workers: number;
  audit: boolean;
  json: boolean;
  out?: string;
  html?: string;
  timeout: number;
  fixture?: string;
  fileSize?: number;
  messageBytes?: number;
  seed?: number;
  latency: boolean;
  progress: boolean;
  maxReply: number;
  title?: string;
  connectConcurrency: number;
}

interface MergeFlags {
  json: boolean;
  out?: string;
  latency: boolean;
}

/** A commander parser for a positive number (decimals allowed) up to `max`. */
function positiveNumber(max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(n > 0) || n > max) {
      throw new InvalidArgumentError(
        `expected a number above 0 and at most ${max}, got "${value}"`,
      );
    }
    return n;
  };
}

/** Errors of the load generator's inputs are usage errors: exit 2 with their message. */
function asUsage(error: unknown): never {
  if (
    error instanceof LoadOptionError ||
    error instanceof WorkloadError ||
    error instanceof NotLoopbackError ||
    error instanceof LoadSetupError ||
    error instanceof ResultFileError ||
    error instanceof MergeError ||
    error instanceof HistogramDecodeError
  ) {
    throw new UsageError(error.message, { cause: error });
  }
  throw error;
}

function colorFor(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && process.env.NO_COLOR === undefined;
}

async function render(
  report: LoadReport,
  latencyTable: boolean,
  targetNote?: string,
): Promise<string> {
  // Loaded on use: the renderers pull in autocannon's printer, which other commands never need.
  const { renderLoadReport } = await import('../reports/load/index.js');
  return renderLoadReport(report, {
    color: colorFor(process.stdout),
    latencyTable,
    ...(targetNote ? { targetNote } : {}),
  });
}

async function emit(
  report: LoadReport,
  flags: { json: boolean; out?: string; html?: string; latency: boolean },
  targetNote?: string,
): Promise<void> {
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (flags.html !== undefined) {
    try {
      await writeFile(flags.html, renderLoadHtml(report));
    } catch (error) {
      throw new UsageError(`cannot write ${flags.html}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  if (flags.out !== undefined) {
    try {
      await writeFile(flags.out, json);
    } catch (error) {
      throw new UsageError(`cannot write ${flags.out}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  process.stdout.write(flags.json ? json : await render(report, flags.latency, targetNote));
  if (report.audit !== undefined && !report.audit.passed) process.exitCode = EXIT_FAILED;
  else process.exitCode ??= EXIT_OK;
}

async function runLoad(target: string | undefined, flags: LoadFlags): Promise<void> {
  const fixture: Fixture | undefined =
    flags.fixture === undefined ? undefined : await loadFixtureFile(flags.fixture);
  const workload = await resolveWorkload(flags.workload).catch(asUsage);
  const sized = {
    ...workload,
    fileSizeBytes: flags.fileSize ?? workload.fileSizeBytes,
    messageBytes: flags.messageBytes ?? workload.messageBytes,
  };
  const address = target === undefined ? undefined : parseTarget(target);
  let options;
  try {
    options = resolveLoadOptions({
      host: address?.host ?? '127.0.0.1',
      // The embedded server's port is not known yet; validated again once it is.
      port: address?.port ?? 1,
      connections: flags.connections,
      ...(flags.duration !== undefined ? { durationMs: Math.round(flags.duration * 1000) } : {}),
      amount: flags.amount,
      ratePerSec: flags.rate,
      pipelining: flags.pipelining,
      workload: sized,
      workers: flags.workers,
      audit: flags.audit,
      timeoutMs: flags.timeout,
      maxReplyBytes: flags.maxReply,
      ...(fixture ? { fixture } : {}),
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      connectConcurrency: flags.connectConcurrency,
      title: flags.title,
    });
  } catch (error) {
    asUsage(error);
  }

  let server: RunningServer | undefined;
  if (address === undefined) {
    server = await startServer({
      host: '127.0.0.1',
      port: 0,
      fixture: options.fixture,
      maxConnections: Math.max(20_000, options.connections + 100),
    });
    options = resolveLoadOptions({ ...options, port: server.port });
  }
  const targetNote =
    server === undefined
      ? undefined
      : options.workers > 0
        ? 'embedded reference server, in this process'
        : 'embedded reference server, sharing this thread with the load';

  const run = new LoadRun(options);
  const progress = flags.progress && process.stderr.isTTY === true;
  if (progress) {
    const { renderLoadProgress } = await import('../reports/load/index.js');
    run.on('tick', (tick) => {
      const line = renderLoadProgress(tick, {
        durationMs: options.durationMs,
        connections: options.connections,
        columns: process.stderr.columns,
      });
      process.stderr.write(`\r\x1b[2K${line}`);
    });
    run.on('draining', () => process.stderr.write('\r\x1b[2Kaudit: draining every inbox…'));
  }
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts === 1) {
      process.stderr.write('\nstopping; partial results follow (Ctrl-C again to quit at once)\n');
      run.stop();
    } else {
      process.exit(130);
    }
  };
  process.on('SIGINT', onSigint);
  try {
    const outcome = await run.run().catch(asUsage);
    if (progress) process.stderr.write('\r\x1b[2K');
    await emit(outcome.report, flags, targetNote);
  } finally {
    process.off('SIGINT', onSigint);
    await server?.close();
  }
}

async function mergeFiles(files: string[], flags: MergeFlags): Promise<void> {
  try {
    const raws = await Promise.all(files.map((f) => readResultFile(f)));
    await emit(summarize(mergeRawResults(raws)), flags);
  } catch (error) {
    asUsage(error);
  }
}

export function registerLoad(program: Command): void {
  const load = program
    .command('load')
    .description(
      'put a server under the load of many chat clients (no target: the embedded reference server)',
    )
    .argument('[target]', 'HOST:PORT of the server, loopback only (127.0.0.1, ::1, localhost)')
    .option(
      '-c, --connections <n>',
      'concurrent connections',
      integerOption(1, MAX_CONNECTIONS),
      DEFAULT_CONNECTIONS,
    )
    .option(
      '-d, --duration <seconds>',
      'run this long (default 10; 600 with --amount)',
      positiveNumber(86_400),
    )
    .option(
      '-a, --amount <n>',
      'stop after this many requests (logins included)',
      integerOption(1, 1e12),
    )
    .option(
      '-R, --rate <perSecond>',
      'open loop at this many requests/s in total, latency from the intended send time',
      positiveNumber(10_000_000),
    )
    .option('-p, --pipelining <n>', 'requests in flight per connection', integerOption(1, 1000), 1)
    .option(
      '-w, --workload <name|mix|file>',
      `${PRESET_NAMES.join(', ')}; a mix like send:70,inbox:20,send_group:10; or a YAML/JSON file`,
      'chat',
    )
    .option(
      '--workers <n>',
      'spread connections over worker threads (0: this thread)',
      integerOption(0, MAX_WORKERS),
      0,
    )
    .option(
      '--audit',
      'tag every message, drain every inbox at the end, report lost/duplicated/reordered',
      false,
    )
    .option(
      '--json',
      'print the result as JSON (autocannon shape plus chatspec fields) instead of tables',
      false,
    )
    .option('--out <file>', 'also write the JSON result to this file')
    .option(
      '--html <file>',
      'also write the HTML report (latency plot, per-command table) to this file',
    )
    .option(
      '-t, --timeout <ms>',
      'a reply or connect slower than this is a timeout',
      integerOption(1, 3_600_000),
      DEFAULT_TIMEOUT_MS,
    )
    .option(
      '--fixture <file>',
      "the server's users and groups as JSON (default: the seed document's)",
    )
    .option(
      '--file-size <bytes>',
      'file size for send_file/send_group_file (default 1024)',
      integerOption(0, MAX_FILE_SIZE_BYTES),
    )
    .option(
      '--message-bytes <n>',
      'pad message texts to this length (default: the id alone)',
      integerOption(0, MAX_MESSAGE_BYTES),
    )
    .option(
      '--seed <n>',
      'seed for the choice of ops (printed with every result)',
      integerOption(0, 0xffffffff),
    )
    .option('-l, --latency', 'print every latency percentile', false)
    .option('--no-progress', 'no progress line on standard error')
    .option(
      '--max-reply <bytes>',
      'longest reply accepted',
      integerOption(1024, 1024 ** 3),
      DEFAULT_MAX_REPLY_BYTES,
    )
    .option('--title <text>', 'a title stored with the result')
    .option(
      '--connect-concurrency <n>',
      'connections being opened and logged in at once',
      integerOption(1, MAX_CONNECTIONS),
      DEFAULT_CONNECT_CONCURRENCY,
    )
    .action((target: string | undefined, flags: LoadFlags) => runLoad(target, flags));

  load
    .command('merge')
    .description('merge --json results of several processes or machines (histograms added)')
    .argument('<files...>', 'results written by chatspec load --json or --out')
    .option('--json', 'print the merged result as JSON', false)
    .option('--out <file>', 'also write the merged JSON result to this file')
    .option('-l, --latency', 'print every latency percentile', false)
    // `load merge a b --json`: commander hands a flag that load also has to load, so the
    // flags of both are read together.
    .action((files: string[], _flags: MergeFlags, command: Command) =>
      mergeFiles(files, command.optsWithGlobals<MergeFlags>()),
    );
}

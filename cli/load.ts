/**
 * `chatspec load [HOST:PORT]` puts a server under the load of many chat clients and reports
 * what happened; `chatspec load merge A.json B.json …` merges results of several processes or
 * machines. With no target, the embedded reference server is started on an ephemeral port.
 * Exit 0 when the run completed, 1 when --audit found lost, duplicated, reordered or
 * misdelivered messages, 2 for bad usage or a target that cannot be reached.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  DialectError,
  dialectFromSpec,
  loadFixtureFile,
  resolveDialectSpec,
  type Dialect,
  type Fixture,
} from '../specs/index.js';
import type { Dialer } from '../net/index.js';
import { addressTarget, embeddedTarget, type Target } from '../target/index.js';
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
  RemoteTargetError,
  ShardError,
  drainResult,
  parseShard,
  type Shard,
  RampError,
  RampRun,
  isRampDocument,
  mergeRampDocuments,
  parseRamp,
  parseSlo,
  rampFromDocument,
  rawFromDocument,
  type RampPlan,
  type RampResult,
  type Slo,
  PRESET_NAMES,
  ResultFileError,
  WorkloadError,
  mergeRawResults,
  probeTarget,
  resolveLoadOptions,
  resolveTargetHost,
  resolveWorkload,
  summarize,
  supportedWorkload,
  type LoadOptions,
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
  allowRemote: boolean;
  shard?: Shard;
  dialect?: string;
  ramp?: RampPlan;
  findKnee: boolean;
  slo?: Slo;
}

interface DrainFlags {
  json: boolean;
  out?: string;
  latency: boolean;
  fixture?: string;
  timeout: number;
  maxReply: number;
  allowRemote: boolean;
  dialect?: string;
}

interface MergeFlags {
  json: boolean;
  out?: string;
  latency: boolean;
  html?: string;
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

/**
 * The dialect `--dialect FILE|NAME` names (canonical without one), built for the fixture: it
 * travels to worker threads as its plain spec.
 */
function dialectFor(name: string | undefined, fixture: Fixture | undefined): Dialect {
  try {
    const spec = resolveDialectSpec(name ?? 'canonical');
    return dialectFromSpec(spec, fixture === undefined ? {} : { fixture });
  } catch (error) {
    asUsage(error);
  }
}

/** A commander parser from one of load/'s parsers: its error message becomes commander's. */
function parsedBy<T>(parse: (text: string) => T): (value: string) => T {
  return (value: string) => {
    try {
      return parse(value);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
}

/** Errors of the load generator's inputs are usage errors: exit 2 with their message. */
function asUsage(error: unknown): never {
  if (
    error instanceof LoadOptionError ||
    error instanceof WorkloadError ||
    error instanceof RemoteTargetError ||
    error instanceof ShardError ||
    error instanceof RampError ||
    error instanceof DialectError ||
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
  // An audit not yet drained (a shard's own result) is not a failure: the merge judges it.
  if (report.audit !== undefined && report.audit.drained && !report.audit.passed) {
    process.exitCode = EXIT_FAILED;
  } else process.exitCode ??= EXIT_OK;
}

async function runLoad(target: string | undefined, flags: LoadFlags): Promise<void> {
  const fixture: Fixture | undefined =
    flags.fixture === undefined ? undefined : await loadFixtureFile(flags.fixture);
  const workload = await resolveWorkload(flags.workload).catch(asUsage);
  const dialect = dialectFor(flags.dialect, fixture);
  let supported;
  try {
    supported = supportedWorkload(workload, dialect, { audit: flags.audit });
  } catch (error) {
    asUsage(error);
  }
  for (const { op, command } of supported.omitted) {
    process.stderr.write(
      `chatspec: dialect ${dialect.spec.name} has no ${command}: ${op} left out of the workload\n`,
    );
  }
  const sized = {
    ...supported.workload,
    fileSizeBytes: flags.fileSize ?? workload.fileSizeBytes,
    messageBytes: flags.messageBytes ?? workload.messageBytes,
  };
  const address = target === undefined ? undefined : parseTarget(target);
  // Resolved once: every connection of the run goes to the address the consent check judged.
  const host =
    address === undefined ? '127.0.0.1' : await resolveTargetHost(address.host).catch(asUsage);
  let options;
  try {
    options = resolveLoadOptions({
      host,
      allowRemote: flags.allowRemote,
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
      shard: flags.shard,
    });
  } catch (error) {
    asUsage(error);
  }

  let server: Target;
  if (address === undefined) {
    const embedded = await embeddedTarget({
      fixture: options.fixture,
      maxConnections: Math.max(20_000, options.connections + 100),
    });
    options = resolveLoadOptions({ ...options, port: embedded.server.port });
    server = embedded;
  } else {
    server = addressTarget({ host: options.host, port: options.port });
  }
  const targetNote =
    server.kind !== 'embedded'
      ? undefined
      : options.workers > 0
        ? 'embedded reference server, in this process'
        : 'embedded reference server, sharing this thread with the load';

  if (flags.ramp !== undefined || flags.findKnee) {
    try {
      await runCurve(options, flags, dialect, server.dialer);
    } finally {
      await server.close();
    }
    return;
  }
  if (flags.slo !== undefined) {
    await server.close();
    throw new UsageError('--slo goes with --ramp or --find-knee');
  }
  const run = new LoadRun(options, dialect, server.dialer);
  run.on('note', (line) => process.stderr.write(`${line}\n`));
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
    await server.close();
  }
}

async function writeOut(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as Error).message}`, { cause: error });
  }
}

async function emitCurve(
  result: RampResult,
  flags: { json: boolean; out?: string; html?: string; title?: string },
): Promise<void> {
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (flags.out !== undefined) await writeOut(flags.out, json);
  const { renderRamp, renderRampHtml } = await import('../reports/load/index.js');
  if (flags.html !== undefined) {
    await writeOut(flags.html, renderRampHtml(result, flags.title ? { title: flags.title } : {}));
  }
  process.stdout.write(flags.json ? json : renderRamp(result, { color: colorFor(process.stdout) }));
  process.exitCode ??= EXIT_OK;
}

/** `--ramp` and `--find-knee`: several open-loop runs, one table, the knee. */
async function runCurve(
  options: LoadOptions,
  flags: LoadFlags,
  dialect: Dialect,
  dialer: Dialer,
): Promise<void> {
  if (flags.findKnee && flags.slo === undefined) {
    throw new UsageError('--find-knee needs --slo, e.g. --slo p99=50');
  }
  if (flags.findKnee && options.ratePerSec !== undefined && flags.ramp !== undefined) {
    throw new UsageError('--find-knee takes its start from --ramp FROM:TO or -R, not both');
  }
  let ramp: RampRun;
  try {
    ramp = new RampRun(
      options,
      flags.findKnee
        ? {
            kind: 'knee',
            ...(flags.ramp
              ? { fromPerSec: flags.ramp.fromPerSec, toPerSec: flags.ramp.toPerSec }
              : {}),
          }
        : { kind: 'ramp', plan: flags.ramp! },
      flags.slo,
      dialect,
      dialer,
    );
  } catch (error) {
    asUsage(error);
  }
  const progress = flags.progress && process.stderr.isTTY === true;
  if (progress) {
    let label = '';
    ramp.on('step-start', (s) => {
      label = `step ${s.index + 1}${s.of ? `/${s.of}` : ''} at ${s.ratePerSec}/s`;
      process.stderr.write(`\r\x1b[2K${label}`);
    });
    ramp.on('tick', (t) =>
      process.stderr.write(`\r\x1b[2K${label}: ${t.requests} replies in the last second`),
    );
  }
  const onSigint = (): void => ramp.stop();
  process.on('SIGINT', onSigint);
  try {
    const result = await ramp.run().catch(asUsage);
    if (progress) process.stderr.write('\r\x1b[2K');
    await emitCurve(result, flags);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function drainTarget(target: string, flags: DrainFlags): Promise<void> {
  const fixture: Fixture | undefined =
    flags.fixture === undefined ? undefined : await loadFixtureFile(flags.fixture);
  const address = parseTarget(target);
  const host = await resolveTargetHost(address.host).catch(asUsage);
  let options;
  try {
    // The same checks as a load run: a drain is traffic too.
    options = resolveLoadOptions({
      host,
      port: address.port,
      allowRemote: flags.allowRemote,
      timeoutMs: flags.timeout,
      maxReplyBytes: flags.maxReply,
      ...(fixture ? { fixture } : {}),
    });
  } catch (error) {
    asUsage(error);
  }
  const { dialer } = addressTarget({ host: options.host, port: options.port });
  await probeTarget(dialer, options.timeoutMs).catch(asUsage);
  const dialect = dialectFor(flags.dialect, options.fixture);
  if (!dialect.supports('INBOX'))
    asUsage(new DialectError(`dialect ${dialect.spec.name} has no INBOX to drain`));
  const raw = await drainResult({ ...options, dialect, dialer });
  await emit(summarize(raw), flags);
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ResultFileError(`${file}: cannot read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ResultFileError(`${file}: not JSON: ${(error as Error).message}`);
  }
}

async function mergeFiles(files: string[], flags: MergeFlags): Promise<void> {
  try {
    const docs = await Promise.all(files.map((f) => readJson(f)));
    const ramps = docs.filter(isRampDocument).length;
    if (ramps > 0 && ramps < docs.length) {
      throw new MergeError('cannot merge ramp results with single-run results');
    }
    if (ramps > 0) {
      await emitCurve(
        mergeRampDocuments(docs.map((d, i) => rampFromDocument(d, files[i]!))),
        flags,
      );
      return;
    }
    const raws = docs.map((d, i) => rawFromDocument(d, files[i]!));
    await emit(summarize(mergeRawResults(raws)), flags);
  } catch (error) {
    asUsage(error);
  }
}

/** `-t, --timeout`, the same for a load run and for a drain. */
function timeoutOption(): Option {
  return new Option('-t, --timeout <ms>', 'a reply or connect slower than this is a timeout')
    .argParser(integerOption(1, 3_600_000))
    .default(DEFAULT_TIMEOUT_MS);
}

/** `--max-reply`, the same for a load run and for a drain. */
function maxReplyOption(): Option {
  return new Option('--max-reply <bytes>', 'longest reply accepted')
    .argParser(integerOption(1024, 1024 ** 3))
    .default(DEFAULT_MAX_REPLY_BYTES);
}

export function registerLoad(program: Command): void {
  const load = program
    .command('load')
    .description(
      'put a server under the load of many chat clients (no target: the embedded reference server)',
    )
    .argument('[target]', 'HOST:PORT of the server (outside loopback only with --allow-remote)')
    .option(
      '--allow-remote',
      'allow load to an address outside this machine: only to servers you own or may load',
      false,
    )
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
      'also write the HTML report to this file (one run: latency plot, per-command table; --ramp or --find-knee: latency against rate)',
    )
    .addOption(timeoutOption())
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
    .addOption(maxReplyOption())
    .option('--title <text>', 'a title stored with the result')
    .option(
      '--shard <index/count>',
      "run shard INDEX of COUNT (from 0): this process's share of connections, rate and amount",
      parsedBy(parseShard),
    )
    .option(
      '--ramp <from:to[:steps]>',
      'open loop at evenly spaced rates from FROM to TO req/s (default 5 steps), each -d long',
      parsedBy(parseRamp),
    )
    .option(
      '--find-knee',
      'search for the highest rate kept up with inside --slo (from --ramp FROM:TO or -R)',
      false,
    )
    .option(
      '--slo <percentile=ms>',
      'the latency bound a step must meet, e.g. p99=50 (p50, p90, p99, p99.9)',
      parsedBy(parseSlo),
    )
    .option(
      '--dialect <file|name>',
      'how the server spells requests and replies: a dialect file or a built-in name',
    )
    .option(
      '--connect-concurrency <n>',
      'connections being opened and logged in at once',
      integerOption(1, MAX_CONNECTIONS),
      DEFAULT_CONNECT_CONCURRENCY,
    )
    .action((target: string | undefined, flags: LoadFlags) => runLoad(target, flags));

  load
    .command('drain')
    .description(
      "a sharded audit's last step: read every user's inbox until empty, once all shards are done",
    )
    .argument('<target>', 'HOST:PORT of the server the shards loaded')
    .option('--fixture <file>', "the server's users and groups as JSON")
    .option('--json', 'print the result as JSON', false)
    .option('--out <file>', 'also write the JSON result to this file (merge it with the shards)')
    .addOption(timeoutOption())
    .addOption(maxReplyOption())
    .option('--allow-remote', 'allow a target outside this machine', false)
    .option('--dialect <file|name>', 'how the server spells requests and replies')
    .action((target: string, _flags: DrainFlags, command: Command) =>
      drainTarget(target, command.optsWithGlobals<DrainFlags>()),
    );

  load
    .command('merge')
    .description('merge --json results of several processes or machines (histograms added)')
    .argument('<files...>', 'results written by chatspec load --json or --out')
    .option('--json', 'print the merged result as JSON', false)
    .option('--out <file>', 'also write the merged JSON result to this file')
    .option('-l, --latency', 'print every latency percentile', false)
    .option('--html <file>', 'ramp results: also write the merged latency chart as HTML')
    // `load merge a b --json`: commander hands a flag that load also has to load, so the
    // flags of both are read together.
    .action((files: string[], _flags: MergeFlags, command: Command) =>
      mergeFiles(files, command.optsWithGlobals<MergeFlags>()),
    );
}

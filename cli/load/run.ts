/**
 * The runs of `chatspec load`: one load run or a curve of them against a target (the embedded
 * reference server when none is given), a drain, and a merge of saved results. Each takes its
 * streams and resolves with the exit code.
 */
import {
  DialectError,
  jsonValue,
  loadFixtureFile,
  readInputText,
  type Fixture,
} from '../../specs/index.js';
import type { Dialer } from '../../net/index.js';
import { addressTarget, embeddedTarget, type Target } from '../../target/index.js';
import {
  LoadRun,
  RampRun,
  changeLoadOptions,
  drainResult,
  probeTarget,
  resolveLoadOptions,
  resolveTargetHost,
  resolveWorkload,
  supportedWorkload,
} from '../../load/index.js';
import {
  MergeError,
  ResultFileError,
  isRampDocument,
  mergeRampDocuments,
  mergeRawResults,
  rampFromDocument,
  rawFromDocument,
  summarize,
} from '../../results/index.js';
import type { CliIo } from '../io.js';
import { UsageError, parseTarget } from '../usage.js';
import { launchOptionsFrom } from '../launch-options.js';
import { openCommandTarget } from '../launched.js';
import {
  asUsage,
  dialectFor,
  type DrainFlags,
  type LoadFlags,
  type MergeFlags,
} from './options.js';
import { emit, emitCurve } from './print.js';
import { withGroupsMade, type LoadPlan } from './groups.js';

/** The exit code of a run quit by a second Ctrl-C, as a shell reports SIGINT. */
const EXIT_INTERRUPTED = 130;

/** A load run (or a curve run with --ramp / --find-knee); resolves with the exit code. */
export async function runLoad(
  target: string | undefined,
  flags: LoadFlags,
  io: CliIo,
): Promise<number> {
  const fixture: Fixture | undefined =
    flags.fixture === undefined ? undefined : await loadFixtureFile(flags.fixture);
  const workload = await resolveWorkload(flags.workload).catch(asUsage);
  let dialect = dialectFor(flags.dialect, fixture);
  let supported;
  try {
    supported = supportedWorkload(workload, dialect, { audit: flags.audit });
  } catch (error) {
    asUsage(error);
  }
  for (const { op, command } of supported.omitted) {
    io.stderr.write(
      `chatspec: dialect ${dialect.spec.name} has no ${command}: ${op} left out of the workload\n`,
    );
  }
  const sized = {
    ...supported.workload,
    fileSizeBytes: flags.fileSize ?? workload.fileSizeBytes,
    messageBytes: flags.messageBytes ?? workload.messageBytes,
  };
  launchOptionsFrom(flags, target);
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
      ...(flags.localAddress !== undefined ? { localAddresses: flags.localAddress } : {}),
      title: flags.title,
      shard: flags.shard,
    });
  } catch (error) {
    asUsage(error);
  }

  let server: Target;
  if (flags.run !== undefined) {
    // A launched server is reached through its agent, not by host and port: the load goes
    // through its dialer (no worker threads, which need a plain TCP address).
    ({ target: server } = await openCommandTarget(target, flags, {}, io));
  } else if (address === undefined) {
    const embedded = await embeddedTarget({
      fixture: options.fixture,
      maxConnections: Math.max(20_000, options.connections + 100),
    });
    options = changeLoadOptions(options, { port: embedded.server.port });
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
      return await runCurve({ options, dialect }, flags, server.dialer, io);
    } finally {
      await server.close();
    }
  }
  if (flags.slo !== undefined) {
    await server.close();
    throw new UsageError('--slo goes with --ramp or --find-knee');
  }
  try {
    ({ options, dialect } = await withGroupsMade({ options, dialect }, server.dialer));
  } catch (error) {
    await server.close();
    throw error;
  }
  const run = new LoadRun(options, dialect, server.dialer);
  run.on('note', (line) => io.stderr.write(`${line}\n`));
  const progress = flags.progress && io.stderr.isTTY === true;
  if (progress) {
    const { renderLoadProgress } = await import('../../reports/load/index.js');
    run.on('tick', (tick) => {
      const line = renderLoadProgress(tick, {
        durationMs: options.durationMs,
        connections: options.connections,
        columns: io.stderr.columns,
      });
      io.stderr.write(`\r\x1b[2K${line}`);
    });
    run.on('draining', () => io.stderr.write('\r\x1b[2Kaudit: draining every inbox…'));
  }
  // A second Ctrl-C quits at once: the command resolves with 130 without waiting for the run.
  let interrupts = 0;
  let quitNow: (code: number) => void = () => {};
  const quit = new Promise<number>((resolve) => {
    quitNow = resolve;
  });
  const onSigint = (): void => {
    interrupts++;
    if (interrupts === 1) {
      io.stderr.write('\nstopping; partial results follow (Ctrl-C again to quit at once)\n');
      run.stop();
    } else {
      quitNow(EXIT_INTERRUPTED);
    }
  };
  process.on('SIGINT', onSigint);
  const finished = (async (): Promise<number> => {
    const outcome = await run.run().catch(asUsage);
    if (progress) io.stderr.write('\r\x1b[2K');
    return emit(outcome.report, flags, io, targetNote);
  })();
  try {
    return await Promise.race([finished, quit]);
  } finally {
    process.off('SIGINT', onSigint);
    if (interrupts < 2) await server.close();
  }
}

/**
 * `--ramp` and `--find-knee`: several open-loop runs, one table, the knee. Groups the load
 * needs made are made once every flag has been checked.
 */
async function runCurve(
  plan: LoadPlan,
  flags: LoadFlags,
  dialer: Dialer,
  io: CliIo,
): Promise<number> {
  const { options } = plan;
  if (flags.findKnee && flags.slo === undefined) {
    throw new UsageError('--find-knee needs --slo, e.g. --slo p99=50');
  }
  if (flags.findKnee && options.ratePerSec !== undefined && flags.ramp !== undefined) {
    throw new UsageError('--find-knee takes its start from --ramp FROM:TO or -R, not both');
  }
  const curve = flags.findKnee
    ? {
        kind: 'knee' as const,
        ...(flags.ramp ? { fromPerSec: flags.ramp.fromPerSec, toPerSec: flags.ramp.toPerSec } : {}),
      }
    : { kind: 'ramp' as const, plan: flags.ramp! };
  const rampOf = ({ options, dialect }: LoadPlan): RampRun => {
    try {
      return new RampRun(options, curve, flags.slo, dialect, dialer);
    } catch (error) {
      asUsage(error);
    }
  };
  // Built once before the groups are made, so that its own checks come first too.
  let ramp = rampOf(plan);
  const made = await withGroupsMade(plan, dialer);
  if (made !== plan) ramp = rampOf(made);
  const progress = flags.progress && io.stderr.isTTY === true;
  if (progress) {
    let label = '';
    ramp.on('step-start', (s) => {
      label = `step ${s.index + 1}${s.of ? `/${s.of}` : ''} at ${s.ratePerSec}/s`;
      io.stderr.write(`\r\x1b[2K${label}`);
    });
    ramp.on('tick', (t) =>
      io.stderr.write(`\r\x1b[2K${label}: ${t.requests} replies in the last second`),
    );
  }
  const onSigint = (): void => ramp.stop();
  process.on('SIGINT', onSigint);
  try {
    const result = await ramp.run().catch(asUsage);
    if (progress) io.stderr.write('\r\x1b[2K');
    return await emitCurve(result, flags, io);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** `load drain`: every inbox read until empty, reported as a result to merge with the shards. */
export async function drainTarget(target: string, flags: DrainFlags, io: CliIo): Promise<number> {
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
  return emit(summarize(raw), flags, io);
}

async function readJson(file: string): Promise<unknown> {
  return jsonValue(await readInputText(file, '', ResultFileError), file, ResultFileError);
}

/** `load merge`: results of several processes or machines as one (ramp files as one curve). */
export async function mergeFiles(files: string[], flags: MergeFlags, io: CliIo): Promise<number> {
  try {
    const docs = await Promise.all(files.map((f) => readJson(f)));
    const ramps = docs.filter(isRampDocument).length;
    if (ramps > 0 && ramps < docs.length) {
      throw new MergeError('cannot merge ramp results with single-run results');
    }
    if (ramps > 0) {
      return await emitCurve(
        mergeRampDocuments(docs.map((d, i) => rampFromDocument(d, files[i]!))),
        flags,
        io,
      );
    }
    const raws = docs.map((d, i) => rawFromDocument(d, files[i]!));
    return await emit(summarize(mergeRawResults(raws)), flags, io);
  } catch (error) {
    asUsage(error);
  }
}

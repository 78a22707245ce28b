/**
 * `npm run soak`: the reference server, in its own process, under a long abuse run, with its
 * figures printed. It reuses the framing fuzzer (harness/fuzz) and the load generator (load/,
 * as the load benchmarks run it); no traffic code of its own.
 *
 *   1. warm-up: every later phase in small (so the baseline already holds the compiled code
 *      of every path, which V8 counts in the heap), then 25,000 logins to fill the session
 *      cap (20,000; sessions are kept by design) and the inboxes drained; then the baseline:
 *      heap and RSS after forced garbage collection;
 *   2. 100,000 framing-fuzz inputs (random byte streams, each followed by a liveness probe
 *      on a fresh connection: `chatspec fuzz --framing`), 8 campaigns at once with seeds
 *      1000-1007: no failure, the server never dies;
 *      memory after GC, against the baseline;
 *   3. 10,000 concurrent connections held and served (the chat workload, open loop at one
 *      request per connection every 2 s, 60 s including the time to open and log in all);
 *   4. a connect/close storm: 50,000 connections, each opened, logged in and closed;
 *   5. the inboxes drained, memory after GC against the baseline.
 *
 * Pass: the fuzzer found nothing, every connection logged in, the storm completed, and the
 * heap at the end, with the inboxes drained, is within 10 % of the baseline. The heap after
 * the fuzz is printed but not judged: it still holds what the fuzz left for users to read
 * (undelivered messages and files are state the server must keep, not a leak). The heap (V8's live objects after a
 * full GC) is what a leak grows; RSS is printed too but not judged, since V8 and the C
 * allocator keep freed pages mapped, so RSS stays near its peak without anything leaking.
 */
import { tcpDialer } from '../../net/index.js';
import { runFuzz } from '../../harness/fuzz/index.js';
import { resolveFuzzOptions } from '../../harness/fuzz/options.js';
import { SEED_FIXTURE } from '../../specs/index.js';
import { runGenerator, type GeneratorRun } from '../sections/load-support/generator.js';
import { portOf, startNode, type Child } from '../sections/load-support/processes.js';
import { fileURLToPath } from 'node:url';
import { connect } from 'node:net';

const FUZZ_INPUTS = Number(process.env.SOAK_FUZZ_INPUTS ?? 100_000);
const FUZZ_CAMPAIGNS = 8;
const HELD_CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 10_000);
const STORM_CONNECTIONS = Number(process.env.SOAK_STORM ?? 50_000);
const WARMUP_LOGINS = 25_000;
const MEMORY_TOLERANCE = 0.1;
const MB = 1024 * 1024;

interface Memory {
  readonly heapBytes: number;
  readonly rssBytes: number;
}

const mb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;
const log = (line: string): void => void process.stdout.write(`${line}\n`);

/** Asks the server child for its memory after a forced GC. */
async function memoryOf(server: Child): Promise<Memory> {
  const before = server.stdout().length;
  server.process.stdin!.write('MEM\n');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const match = /MEM (\d+) (\d+)/.exec(server.stdout().slice(before));
    if (match) return { heapBytes: Number(match[1]), rssBytes: Number(match[2]) };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the server did not report its memory');
}

/** Reads every fixture user's inbox, so messages left by the chat workload are not counted. */
async function drainInboxes(port: number): Promise<void> {
  const socket = connect({ host: '127.0.0.1', port });
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const replies = (): string[] => received.split('\r\n\r\n').filter(Boolean);
  const waitFor = async (n: number): Promise<void> => {
    const deadline = Date.now() + 30_000;
    while (replies().length < n && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
  };
  for (const user of SEED_FIXTURE.users) {
    const n = replies().length;
    socket.write(`auth ${user.username} ${user.password} \r\n`);
    await waitFor(n + 1);
    const token = (JSON.parse(replies()[n]!) as { tokenid: string }).tokenid;
    socket.write(`inbox ${token} \r\n`);
    await waitFor(n + 2);
  }
  socket.destroy();
}

function within(memory: Memory, baseline: Memory): boolean {
  return memory.heapBytes <= baseline.heapBytes * (1 + MEMORY_TOLERANCE);
}

function memoryLine(label: string, memory: Memory, baseline?: Memory, judged = true): string {
  const delta =
    baseline === undefined
      ? ''
      : ` (heap ${memory.heapBytes >= baseline.heapBytes ? '+' : ''}${(((memory.heapBytes - baseline.heapBytes) / baseline.heapBytes) * 100).toFixed(1)} % of baseline${!judged ? ', not judged' : within(memory, baseline) ? '' : ', OVER 10 %'})`;
  return `${label.padEnd(34)} heap ${mb(memory.heapBytes).padStart(9)}  rss ${mb(memory.rssBytes).padStart(9)}${delta}`;
}

interface FuzzCampaign {
  readonly seed: number;
  readonly passed: boolean;
  readonly runs: number;
  readonly chunks: number;
  readonly reason?: string;
}

/**
 * FUZZ_CAMPAIGNS framing campaigns at once in this process (harness/fuzz's runFuzz, as
 * `chatspec fuzz --framing` runs it); they wait on the network, so they overlap well.
 */
async function fuzzPhase(port: number, inputs: number): Promise<FuzzCampaign[]> {
  const perCampaign = Math.ceil(inputs / FUZZ_CAMPAIGNS);
  return Promise.all(
    Array.from({ length: FUZZ_CAMPAIGNS }, async (_, i) => {
      const seed = 1000 + i;
      const result = await runFuzz(
        resolveFuzzOptions({
          mode: 'framing',
          target: { dialer: tcpDialer('127.0.0.1', port) },
          runs: perCampaign,
          seed,
          timeoutMs: 5000,
          shrinkTimeMs: 10_000,
        }),
      );
      return {
        seed,
        passed: result.passed,
        runs: result.stats.runs,
        chunks: result.stats.commands,
        ...(result.failure ? { reason: result.failure.reason } : {}),
      };
    }),
  );
}

async function main(): Promise<number> {
  const started = performance.now();
  const failures: string[] = [];
  const server = startNode(fileURLToPath(new URL('./server.js', import.meta.url)), []);
  try {
    const port = await portOf(server);
    log(`soak: reference server on 127.0.0.1:${port} (pid ${server.process.pid})`);

    await fuzzPhase(port, 400);
    await runGenerator(port, ['-c', '500', '-d', '3', '-w', 'chat', '-R', '1000']);
    await runGenerator(port, ['-c', '50', '-a', '1000', '-w', 'connect', '--workers', '2']);
    const warm = await runGenerator(port, ['-c', '50', '-a', String(WARMUP_LOGINS), '-w', 'auth']);
    await drainInboxes(port);
    log(`warm-up: every phase in small, then ${warm.report.commands.auth?.ok ?? 0} logins`);
    const baseline = await memoryOf(server);
    log(memoryLine('baseline (after GC)', baseline));

    const fuzzStarted = performance.now();
    const campaigns = await fuzzPhase(port, FUZZ_INPUTS);
    const fuzzSeconds = (performance.now() - fuzzStarted) / 1000;
    const inputs = campaigns.reduce((n, c) => n + c.runs, 0);
    const chunks = campaigns.reduce((n, c) => n + c.chunks, 0);
    const failed = campaigns.filter((c) => !c.passed);
    log(
      `framing fuzz: ${inputs} inputs (${chunks} chunks) in ${fuzzSeconds.toFixed(1)} s, ${Math.round(inputs / fuzzSeconds)}/s, ${FUZZ_CAMPAIGNS} campaigns, seeds 1000-${1000 + FUZZ_CAMPAIGNS - 1}: ${failed.length === 0 ? 'no failure' : `${failed.length} FAILED`}`,
    );
    for (const c of failed) failures.push(`fuzz seed ${c.seed}: ${c.reason ?? 'failed'}`);
    if (inputs < FUZZ_INPUTS) failures.push(`only ${inputs} of ${FUZZ_INPUTS} fuzz inputs ran`);
    const afterFuzz = await memoryOf(server);
    log(memoryLine('after the fuzz (after GC)', afterFuzz, baseline, false));

    const held: GeneratorRun = await runGenerator(port, [
      '-c',
      String(HELD_CONNECTIONS),
      '-d',
      '60',
      '-w',
      'chat',
      // Each connection sends every 2 s: enough to serve all of them, light enough that the
      // logins of connections still opening are not starved by the traffic of the others.
      '-R',
      String(Math.ceil(HELD_CONNECTIONS / 2)),
      '--connect-concurrency',
      '1000',
      '--timeout',
      '30000',
    ]);
    const logins = held.report.commands.auth?.ok ?? 0;
    log(
      `held: ${logins} of ${HELD_CONNECTIONS} connections logged in and served ${held.report.outcomes.ok} OK replies (${Math.round(held.repliesPerSec)}/s, p99 ${held.report.latency.p99} ms); server peak RSS ${mb(server.peakRssBytes())}, generator peak RSS ${mb(held.peakRssBytes)}`,
    );
    if (logins < HELD_CONNECTIONS)
      failures.push(`only ${logins} of ${HELD_CONNECTIONS} connections logged in`);

    const stormStarted = performance.now();
    const storm = await runGenerator(port, [
      '-c',
      '200',
      '-a',
      String(STORM_CONNECTIONS),
      '-w',
      'connect',
      '--workers',
      '2',
      '--timeout',
      '30000',
    ]);
    const stormSeconds = (performance.now() - stormStarted) / 1000;
    const connects = storm.report.connects;
    log(
      `storm: ${connects.ok} connections opened, logged in and closed (${connects.failed} failed) in ${storm.report.duration.toFixed(1)} s, ${Math.round(connects.ok / storm.report.duration)} connections/s (process ${stormSeconds.toFixed(1)} s)`,
    );
    if (connects.ok < STORM_CONNECTIONS)
      failures.push(`the storm opened only ${connects.ok} of ${STORM_CONNECTIONS} connections`);
    if (connects.failed > 0) failures.push(`${connects.failed} storm connections failed`);

    await drainInboxes(port);
    const final = await memoryOf(server);
    log(memoryLine('final, inboxes drained (after GC)', final, baseline));
    log(`server peak RSS over the soak: ${mb(server.peakRssBytes())}`);
    if (!within(final, baseline)) failures.push('final heap is over 10 % above baseline');
    if (server.process.exitCode !== null) failures.push('the server process died');
  } finally {
    await server.stop();
  }
  log(`soak: ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
  if (failures.length > 0) {
    log(`soak FAILED:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  log('soak PASSED');
  return 0;
}

process.exitCode = await main();

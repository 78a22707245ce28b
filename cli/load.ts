/**
 * `chatspec load [HOST:PORT]` puts a server under the load of many chat clients and reports
 * what happened; `chatspec load merge A.json B.json …` merges results of several processes or
 * machines. With no target, the embedded reference server is started on an ephemeral port.
 * Exit 0 when the run completed, 1 when --audit found lost, duplicated, reordered or
 * misdelivered messages, 2 for bad usage or a target that cannot be reached.
 */
import { InvalidArgumentError, type Command } from 'commander';
import {
  AUTO_WORKER_CONNECTIONS,
  DEFAULT_CONNECT_CONCURRENCY,
  DEFAULT_CONNECTIONS,
  MAX_CONNECTIONS,
  MAX_FILE_SIZE_BYTES,
  MAX_LOCAL_ADDRESSES,
  MAX_MESSAGE_BYTES,
  MAX_WORKERS,
  PRESET_NAMES,
  parseLocalAddresses,
  parseShard,
} from '../load/index.js';
import { parseRamp, parseSlo } from '../results/index.js';
import type { CommandContext } from './io.js';
import {
  maxReplyOption,
  parsedBy,
  positiveNumber,
  timeoutOption,
  type DrainFlags,
  type LoadFlags,
  type MergeFlags,
} from './load/options.js';
import { drainTarget, mergeFiles, runLoad } from './load/run.js';
import { integerOption } from './usage.js';
import { addLaunchOptions } from './launch-options.js';

const workerCount = integerOption(0, MAX_WORKERS);
function workersOption(value: string): number | 'auto' {
  if (value.trim() === 'auto') return 'auto';
  try {
    return workerCount(value);
  } catch {
    throw new InvalidArgumentError(
      `expected auto or a whole number from 0 to ${MAX_WORKERS}, got "${value}"`,
    );
  }
}

export function registerLoad(program: Command, context: CommandContext): void {
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
      `spread connections over worker threads (0: this thread; auto: one from ${AUTO_WORKER_CONNECTIONS} connections)`,
      workersOption,
      'auto',
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
    .option(
      '--local-address <addresses>',
      `connect from these local IPs, round robin per connection: a list (127.0.0.2,127.0.0.3) or an IPv4 range (127.0.0.2-127.0.0.9), at most ${MAX_LOCAL_ADDRESSES}; one address has about 28,000 ports toward one server`,
      parsedBy(parseLocalAddresses),
    )
    .option('--color', 'colour the tables (default: when stdout is a terminal)')
    .option('--no-color', 'never colour the tables');
  addLaunchOptions(load).action(async (target: string | undefined, flags: LoadFlags) => {
    context.exitWith(await runLoad(target, flags, context.io));
  });

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
    .action(async (target: string, _flags: DrainFlags, command: Command) => {
      context.exitWith(
        await drainTarget(target, command.optsWithGlobals<DrainFlags>(), context.io),
      );
    });

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
    .action(async (files: string[], _flags: MergeFlags, command: Command) => {
      context.exitWith(await mergeFiles(files, command.optsWithGlobals<MergeFlags>(), context.io));
    });
}

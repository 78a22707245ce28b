/**
 * A fuzz campaign from options to result: check that the target can be fuzzed at all, run
 * the mode's property under fast-check with the seed (and path, to replay), and turn the
 * shrunk counterexample into a report. Returns data and emits events; never prints.
 */
import fc from 'fast-check';
import { describeOutcome, type ConnectOutcome } from '../client/connection.js';
import { learnServer, type ServerKnowledge } from '../learn/index.js';
import { prepareGroups } from '../learn/groups.js';
import { dialectFromSpec } from '../../specs/index.js';
import { Campaign } from './campaign.js';
import { CaseFailure, FuzzSetupError, type CaseSource } from './case-failure.js';
import { finding } from './compare.js';
import { FUZZ_DEFAULTS, type FuzzOptions } from './options.js';
import type { FuzzEvent, FuzzFailure, FuzzResult } from '../../results/fuzz.js';
import { receivedReply } from '../../results/run.js';
import { sequentialProperty } from './sequential.js';
import { parallelProperty } from './parallel.js';
import { openProbeConnection } from './pool.js';
import { checkPathReproduction, checkReproduction } from './reproduce.js';
import { exportScenario, type ScenarioExport } from './scenario-export.js';
import { framingProperty } from './framing.js';

/** How long the bare-LF probe waits for a reply before taking silence for an answer. */
const BARE_LF_WAIT_MS = 500;

function poolSize(options: FuzzOptions): number {
  if (options.mode === 'framing') return 1;
  if (options.mode === 'parallel') return Math.max(options.connections, options.branches);
  return options.connections;
}

/** The flags besides target, fixture, seed and path that reproduce a case. */
export function replayFlags(options: FuzzOptions): string[] {
  const flags: string[] = [];
  if (options.mode !== 'sequential') flags.push(`--${options.mode}`);
  flags.push('--max-commands', String(options.maxCommands));
  if (options.mode !== 'framing') flags.push('--connections', String(options.connections));
  if (options.mode === 'parallel') flags.push('--branches', String(options.branches));
  if (options.maxFileBytes !== FUZZ_DEFAULTS.maxFileBytes) {
    flags.push('--max-file-bytes', String(options.maxFileBytes));
  }
  if (options.timeoutMs !== FUZZ_DEFAULTS.timeoutMs)
    flags.push('--timeout', String(options.timeoutMs));
  if (options.strict) flags.push('--strict');
  return flags;
}

/**
 * Can the target be fuzzed at all? It must accept connections and not refuse the fixture's
 * users: an ERROR to their login means the fixture does not match the server, which is the
 * caller's to fix (exit 2). A login answered any other wrong way is the server's doing and
 * left to the cases, which report it with a verdict.
 */
async function preflight(campaign: Campaign): Promise<void> {
  const { options, world, dialect, pool } = campaign;
  const address = options.target.dialer.address;
  const open = await pool.ensureOpen();
  if (!open.ok) throw new FuzzSetupError(open.reason);
  const users = options.mode === 'framing' ? world.users.slice(0, 1) : world.users;
  try {
    for (const user of users) {
      const line = dialect.formatRequest({
        command: 'AUTH',
        username: user.username,
        password: user.password,
      });
      const outcome = await pool.at(0).request(line, options.timeoutMs);
      campaign.counters.requests++;
      if (outcome.kind !== 'reply' || outcome.json === undefined) return;
      const status = dialect.readStatus(outcome.json);
      if (status.ok && status.value === 'ERROR') {
        throw new FuzzSetupError(
          `${address} refuses to log in ${user.username} (auth ${user.username} ${user.password} → ${outcome.text.slice(0, 200)}); ` +
            'the fuzzer needs every fixture user it uses — does --fixture match the server?',
        );
      }
    }
  } finally {
    pool.closeAll();
  }
}

/**
 * A server that does not answer a line ended by a bare LF (FRAME-6, a SHOULD: the course's
 * servers wait for CRLF) would cost a whole timeout on every such step. Asked once up front,
 * so the campaign leaves such lines out from the start and a replay generates the same steps.
 */
async function probeBareLf(campaign: Campaign): Promise<void> {
  const { options, world, dialect } = campaign;
  const user = world.users[0]!;
  const opened = await openProbeConnection(options);
  if (!opened.ok) throw new FuzzSetupError(opened.reason);
  const auth = { command: 'AUTH', username: user.username, password: user.password } as const;
  const waitMs = Math.min(options.timeoutMs, BARE_LF_WAIT_MS);
  try {
    const bare = await opened.connection.request(
      dialect.formatRequest(auth, { trailingSpace: true, eol: '\n' }),
      waitMs,
    );
    campaign.counters.requests++;
    if (bare.kind === 'reply') return;
    // Silence might be the server's, not the bare LF's: a CRLF line must get an answer.
    const crlf = await opened.connection.request(dialect.formatRequest(auth), waitMs);
    campaign.counters.requests++;
    if (crlf.kind !== 'reply') return;
    campaign.forms = campaign.forms.filter((form) => form !== 'bare-lf');
    campaign.notes.add(
      finding(
        'NON-STRICT',
        `no reply within ${waitMs} ms to a line ended by a bare LF; such lines were left out of this campaign`,
        'FRAME-6',
      ),
      `auth ${user.username} ${user.password}   ⟨ends in a bare LF⟩`,
      describeOutcome(bare, waitMs),
    );
  } finally {
    opened.connection.close();
  }
}

/**
 * Which commands does the server have? Learned once, before any case: the campaign then
 * generates only those, and the result lists the missing ones once, never as failures.
 */
async function learnServerCommands(campaign: Campaign): Promise<void> {
  const { options } = campaign;
  const address = options.target.dialer.address;
  const knowledge = await learnServer({
    dialer: options.target.dialer,
    timeoutMs: options.timeoutMs,
    maxReplyBytes: options.maxReplyBytes,
    dialect: campaign.dialect,
    fixture: options.fixture,
  });
  campaign.counters.requests += knowledge.requests;
  if (knowledge.commands.AUTH === 'absent') {
    throw new FuzzSetupError(
      `${address} answers auth like an unknown command (${(knowledge.unknownCommand?.reply ?? '').slice(0, 120)}); nothing can be fuzzed without logging in — is it a server of this protocol, or does it need a dialect?`,
    );
  }
  campaign.adoptKnowledge(knowledge);
}

/** A session no server issued: the split-character probe must change nothing. */
const FORGED_SESSION = '00000000-0000-4000-8000-000000000000';
/** 2-byte characters in the probe: enough to cover a read boundary of up to 1 KiB. */
const SPLIT_PROBE_CHARS = 700;

/**
 * A server that decodes each read as UTF-8 by itself dies on a character its read cuts in
 * two (FRAME-10, a SHOULD: the course template's recv(32) does). Every non-ASCII text would
 * then kill its connection at random, costing a timeout and ending the connection. Asked once
 * up front, like the bare LF: a send from a forged session whose text is 2-byte characters
 * starting at an odd byte, so that whatever even size the server reads in, a read ends inside
 * one. No reply to it, nor to a plain line after it, while a new connection is answered: the
 * campaign notes it once and leaves non-ASCII characters out.
 */
async function probeSplitCharacters(campaign: Campaign): Promise<void> {
  const { options, world, dialect } = campaign;
  const user = world.users[0]!;
  const open = (): Promise<ConnectOutcome> => openProbeConnection(options);
  const waitMs = Math.min(options.timeoutMs, BARE_LF_WAIT_MS);
  const line = (pad: string): string =>
    dialect.formatRequest({
      command: 'SEND',
      session: FORGED_SESSION,
      to: user.username,
      text: `${pad}${'é'.repeat(SPLIT_PROBE_CHARS)}`,
    });
  const even = Buffer.from(line('')).indexOf(Buffer.from('é')) % 2 === 0;
  const probeLine = line(even ? 'a' : '');
  const opened = await open();
  if (!opened.ok) throw new FuzzSetupError(opened.reason);
  const auth = dialect.formatRequest({
    command: 'AUTH',
    username: user.username,
    password: user.password,
  });
  try {
    const split = await opened.connection.request(probeLine, waitMs);
    campaign.counters.requests++;
    // A thread killed by a cut character leaves its socket open and silent; a server that
    // closes the connection (on the forged session, say) has answered in its way.
    if (split.kind !== 'timeout') return;
    const after = await opened.connection.request(auth, waitMs);
    campaign.counters.requests++;
    if (after.kind === 'reply') return;
    // Silence might be the server's, not the character's: a new connection must be answered.
    const fresh = await open();
    if (!fresh.ok) return;
    try {
      const alive = await fresh.connection.request(auth, waitMs);
      campaign.counters.requests++;
      if (alive.kind !== 'reply') return;
    } finally {
      fresh.connection.close();
    }
    campaign.leaveOutNonAscii();
    campaign.notes.add(
      finding(
        'NON-STRICT',
        `a multi-byte character cut by the server's read got no reply, nor did anything after it on that connection (other connections were answered); non-ASCII text was left out of this campaign`,
        'FRAME-10',
      ),
      `send ${FORGED_SESSION} ${user.username} ${even ? 'a' : ''}é×${SPLIT_PROBE_CHARS}`,
      describeOutcome(split, waitMs),
    );
  } finally {
    opened.connection.close();
  }
}

/** The result's `commands`: what the campaign used and left out, and on what evidence. */
function commandsFound(
  campaign: Campaign,
  knowledge: ServerKnowledge,
): NonNullable<FuzzResult['commands']> {
  const notLearned = knowledge.unknownCommandDistinct
    ? undefined
    : knowledge.unknownCommand === undefined
      ? 'no ERROR reply to a made-up command'
      : `its reply to a made-up command (${knowledge.unknownCommand.reply.slice(0, 120)}) is also what it says to other mistakes`;
  return {
    present: campaign.commands,
    missing: campaign.missingCommands,
    ...(knowledge.unknownCommand !== undefined
      ? { unknownCommandReply: receivedReply(knowledge.unknownCommand.reply) }
      : {}),
    ...(notLearned !== undefined ? { notLearned } : {}),
  };
}

function failureOf(
  details: fc.RunDetails<unknown>,
  campaign: Campaign,
): { failure: FuzzFailure; source: CaseSource | undefined } | undefined {
  if (!details.failed) return undefined;
  const error = details.errorInstance;
  if (error instanceof CaseFailure) {
    const failure: FuzzFailure = {
      verdict: error.verdict,
      reason: error.message,
      ...(error.requirement !== undefined ? { requirement: error.requirement } : {}),
      seed: details.seed,
      path: details.counterexamplePath ?? '',
      shrinks: details.numShrinks,
      ...(campaign.deadReason !== undefined
        ? {
            shrinkNote: `shrinking stopped early: the server stopped answering (${campaign.deadReason})`,
          }
        : campaign.stopNote !== undefined
          ? { shrinkNote: `not shrunk: ${campaign.stopNote}` }
          : {}),
      replayFlags: replayFlags(campaign.options),
      detail: error.detail,
    };
    return { failure, source: error.source };
  }
  if (campaign.deadReason !== undefined) {
    throw new FuzzSetupError(`the server stopped answering: ${campaign.deadReason}`);
  }
  throw new Error(
    `fuzzer internal error: ${error instanceof Error ? error.message : String(error)}`,
    {
      cause: error,
    },
  );
}

async function checkMode(campaign: Campaign): Promise<fc.RunDetails<unknown>> {
  const { options } = campaign;
  const parameters = {
    seed: options.seed,
    numRuns: options.runs,
    // A path names a case that was already shrunk: replay it, do not shrink it again.
    ...(options.path !== undefined ? { path: options.path, endOnFailure: true } : {}),
    verbose: 0,
  } as const;
  switch (options.mode) {
    case 'sequential':
      return (await fc.check(sequentialProperty(campaign), parameters)) as fc.RunDetails<unknown>;
    case 'parallel':
      return (await fc.check(parallelProperty(campaign), parameters)) as fc.RunDetails<unknown>;
    case 'framing':
      return (await fc.check(framingProperty(campaign), parameters)) as fc.RunDetails<unknown>;
  }
}

/**
 * A server whose groups are made before use (the dialect's groups.create) has none of the
 * fixture's: they are made and joined first, as the conformance run makes them, so that a
 * group send is judged against groups the server has. Where they cannot be made, the
 * campaign has no groups, and its group commands name only groups that do not exist.
 */
async function withGroupsMade(options: FuzzOptions): Promise<FuzzOptions> {
  if (options.mode === 'framing' || options.dialect.groupSource !== 'created') return options;
  const made = await prepareGroups(
    {
      dialer: options.target.dialer,
      timeoutMs: options.timeoutMs,
      maxReplyBytes: options.maxReplyBytes,
      dialect: options.dialect,
      fixture: options.fixture,
    },
    `fz${(options.seed >>> 0).toString(36)}`,
  );
  const fixture =
    made.problem === undefined ? made.target.fixture : { ...options.fixture, groups: [] };
  const dialect =
    made.problem === undefined
      ? made.target.dialect
      : dialectFromSpec(options.dialect.spec, { fixture });
  return { ...options, fixture, dialect };
}

export async function runFuzz(
  given: FuzzOptions,
  onEvent: (event: FuzzEvent) => void = () => {},
): Promise<FuzzResult> {
  const options = await withGroupsMade(given);
  const campaign = new Campaign(options, onEvent, poolSize(options));
  const startedAt = new Date();
  const started = performance.now();
  try {
    await preflight(campaign);
    if (options.mode !== 'framing') {
      await learnServerCommands(campaign);
      await probeBareLf(campaign);
      await probeSplitCharacters(campaign);
    }
    onEvent({ type: 'start', mode: options.mode, seed: options.seed, runs: options.runs });
    const details = await checkMode(campaign);
    const found = failureOf(details, campaign);
    const failure = found?.failure;
    let exported: ScenarioExport | undefined =
      found === undefined
        ? undefined
        : exportScenario(options, found.failure, found.source, campaign.world, options.fixture);
    const shrunk = campaign.failedCases.at(-1);
    let reproduction: FuzzResult['reproduction'];
    if (
      found !== undefined &&
      exported?.ok === true &&
      shrunk !== undefined &&
      shrunk.source === found.source
    ) {
      campaign.pool.closeAll();
      const checked = await checkReproduction(campaign, found.failure, shrunk, exported, runFuzz);
      reproduction = checked.reproduction;
      exported = checked.exported;
    } else if (found !== undefined && options.path === undefined) {
      // No scenario file to replay (a parallel case): its seed and path are replayed instead.
      // A run given a path is itself that replay, and it just failed.
      campaign.pool.closeAll();
      reproduction = await checkPathReproduction(campaign, found.failure, runFuzz);
    }
    const durationMs = Math.round(performance.now() - started);
    const perSec = (n: number): number =>
      durationMs > 0 ? Math.round((n * 1000) / durationMs) : 0;
    const { counters } = campaign;
    const result: FuzzResult = {
      schemaVersion: 1,
      mode: options.mode,
      target: {
        address: options.target.dialer.address,
        embedded: options.target.embedded,
      },
      seed: options.seed,
      settings: {
        runs: options.runs,
        maxCommands: options.maxCommands,
        connections: options.connections,
        branches: options.branches,
        maxFileBytes: options.maxFileBytes,
        timeoutMs: options.timeoutMs,
        strict: options.strict,
        shrinkTimeMs: options.shrinkTimeMs,
        ...(options.path !== undefined ? { path: options.path } : {}),
      },
      startedAt: startedAt.toISOString(),
      passed: failure === undefined,
      stats: {
        runs: counters.runs,
        shrinkRuns: counters.shrinkRuns,
        commands: counters.commands,
        requests: counters.requests,
        durationMs,
        commandsPerSec: perSec(counters.commands),
        requestsPerSec: perSec(counters.requests),
        inconclusive: counters.inconclusive,
      },
      notes: campaign.notes.list(),
      ...(campaign.knowledge !== undefined
        ? { commands: commandsFound(campaign, campaign.knowledge) }
        : {}),
      ...(failure !== undefined ? { failure } : {}),
      ...(exported?.ok === true
        ? { scenario: { fileName: exported.fileName, yaml: exported.yaml } }
        : {}),
      ...(exported?.ok === false ? { scenarioNote: exported.reason } : {}),
      ...(reproduction !== undefined ? { reproduction } : {}),
    };
    onEvent({ type: 'done', result });
    return result;
  } finally {
    campaign.pool.closeAll();
  }
}

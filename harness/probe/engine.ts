/**
 * `chatspec probe`: finds how a server spells the protocol with harmless requests (log in,
 * send oneself a message, read one's own inbox, send oneself a small file, list and download
 * it, send a message to a group one is in), trying the spellings kept as data (probes.ts)
 * and keeping a guess only when its effect is seen: a message sent under a guessed spelling
 * must arrive, a file must be listed and download with the bytes sent. Like nmap's service
 * detection, replies are matched against probes kept as data; unlike it, every match is
 * confirmed against the protocol's model of what the request should have done.
 */
import {
  COMMAND_NAMES,
  SEED_FIXTURE,
  canonicalDialect,
  compileTemplate,
  dialectFromSpec,
  type Dialect,
  type DialectSpec,
  type Fixture,
} from '../../specs/index.js';
import type { Dialer } from '../../net/index.js';
import { learnError } from './error-texts.js';
import { blankVerb } from '../learn/unknown-command.js';
import { findFiles } from './files.js';
import { findGroups, groupFor } from './groups.js';
import { BudgetSpent, ProbeLink } from './link.js';
import { findInbox, findSend } from './messages.js';
import { statusOf, textOf } from './observe.js';
import { newTraces } from './changes.js';
import { loadProbeData } from './probes.js';
import { restoreAndList } from './restore.js';
import { currentTemplate, findAuth, line, note, type Finding, type Work } from './work.js';

export type { Confidence, Finding } from './work.js';

export interface DialectProbeOptions {
  readonly dialer: Dialer;
  /** Users and groups to log in with; the seed document's by default. */
  readonly fixture?: Fixture;
  /** One request's time (connect and reply). */
  readonly timeoutMs?: number;
  /** The whole probe's time. */
  readonly budgetMs?: number;
  /** The whole probe's requests. */
  readonly maxRequests?: number;
  /** Makes texts and filenames unique to this probe; random by default. */
  readonly tag?: string;
}

export interface DialectProbeResult {
  readonly address: string;
  readonly spec: DialectSpec;
  readonly dialect: Dialect;
  readonly findings: readonly Finding[];
  readonly requests: number;
  readonly elapsedMs: number;
  /** Connections given up on (no reply in time, or closed by the server). */
  readonly abandoned: number;
  /** Why the probe stopped early, if it did (the budget, or no way to log in). */
  readonly stopped?: string;
  /** Why no connection could be opened at all (the target is unreachable), if so. */
  readonly unreachable?: string;
  /**
   * What the probe leaves changed on the server, one line each: unread messages it read and
   * could or could not put back, and what it made that stays (files, groups, messages).
   */
  readonly changes: readonly string[];
}

export const DEFAULT_PROBE_TIMEOUT_MS = 1500;
export const DEFAULT_PROBE_BUDGET_MS = 30_000;
export const DEFAULT_PROBE_MAX_REQUESTS = 300;

export class DialectProbeOptionError extends Error {
  override readonly name = 'DialectProbeOptionError';
}

function newTag(): string {
  return Math.random().toString(36).slice(2, 8).padEnd(6, '0');
}

function check(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new DialectProbeOptionError(
      `${name} must be a whole number from ${min} to ${max}, got ${v}`,
    );
  }
  return v;
}

/** Probes the server the dialer reaches and returns the dialect it speaks, with every finding. */
export async function probeDialect(options: DialectProbeOptions): Promise<DialectProbeResult> {
  const timeoutMs = check('timeoutMs', options.timeoutMs, DEFAULT_PROBE_TIMEOUT_MS, 10, 600_000);
  const budgetMs = check('budgetMs', options.budgetMs, DEFAULT_PROBE_BUDGET_MS, 100, 3_600_000);
  const maxRequests = check(
    'maxRequests',
    options.maxRequests,
    DEFAULT_PROBE_MAX_REQUESTS,
    10,
    10_000,
  );
  const fixture = options.fixture ?? SEED_FIXTURE;
  const base = canonicalDialect.spec;
  const link = new ProbeLink({
    dialer: options.dialer,
    timeoutMs,
    budgetMs,
    maxRequests,
  });
  const tag = options.tag ?? newTag();
  const w: Work = {
    link,
    data: loadProbeData(),
    fixture,
    tag,
    findings: new Map(),
    commands: { ...base.commands },
    replies: {
      ...base.replies,
      inbox: { ...base.replies.inbox },
      files: { ...base.replies.files },
      download: { ...base.replies.download },
    },
    groups: {},
    traces: newTraces(tag),
    errors: Object.fromEntries(Object.entries(base.errors).map(([k, v]) => [k, [...v]])),
    seenErrors: new Map(),
    unknownText: undefined,
    unknownEverywhere: new Set(),
  };
  let stopped: string | undefined;
  let changes: string[] = [];
  try {
    try {
      await run(w);
    } catch (error) {
      if (!(error instanceof BudgetSpent)) throw error;
      stopped = error.message;
    }
    changes = await restoreAndList(w);
  } finally {
    link.close();
  }
  if (stopped === undefined && w.findings.get('commands.AUTH') === undefined) {
    stopped = 'could not log in with any spelling tried; nothing else could be probed';
  }
  for (const command of w.unknownEverywhere) {
    if (command === 'AUTH') continue;
    w.commands[command] = 'unsupported';
    note(
      w,
      `commands.${command}`,
      'confirmed',
      'every spelling tried was answered as an unknown command',
    );
  }
  for (const command of COMMAND_NAMES) {
    if (!w.findings.has(`commands.${command}`)) {
      note(w, `commands.${command}`, 'assumed', stopped ? `not probed (${stopped})` : 'not probed');
    }
  }
  const address = options.dialer.address;
  const spec: DialectSpec = {
    name: 'probed',
    description: `Found by chatspec probe at ${address}.`,
    source: `probe ${address}`,
    commands: w.commands,
    replies: w.replies,
    ...(Object.keys(w.groups).length > 0 ? { groups: w.groups } : {}),
    errors: w.errors,
  };
  return {
    address,
    spec,
    dialect: dialectFromSpec(spec, { fixture }),
    findings: [...w.findings.values()],
    requests: link.requests,
    elapsedMs: link.elapsedMs,
    abandoned: link.abandoned,
    ...(stopped !== undefined ? { stopped } : {}),
    ...(link.unreachable !== undefined ? { unreachable: link.unreachable } : {}),
    changes,
  };
}

async function run(w: Work): Promise<void> {
  // What the server answers to a verb no dialect has: its unknown-command reply.
  const nonsenseVerb = `probe${w.tag}nonsense`;
  const nonsense = await w.link.ask(`${nonsenseVerb} x \r\n`);
  if (nonsense.kind === 'json' && statusOf(nonsense.json) === 'ERROR') {
    const text = textOf(nonsense.json, w.data.textKeys);
    if (text !== undefined) {
      w.unknownText = blankVerb(text.text, nonsenseVerb);
      w.replies.errorText = text.key;
      note(
        w,
        'replies.errorText',
        'confirmed',
        `an unknown verb was answered ERROR ${JSON.stringify(text.text)} under this key`,
      );
    }
  }
  learnError(w, 'UNKNOWN_COMMAND', nonsense, 'a made-up verb');

  const pick = groupFor(w.fixture);
  const meUser = pick?.me ?? w.fixture.users[0]!;
  const me = await findAuth(w, meUser);
  if (me === undefined) return;
  const authTemplate = currentTemplate(w, 'AUTH')!;
  const verb = compileTemplate('AUTH', authTemplate).verb;
  learnError(w, 'MISSING_PARAMS', await w.link.ask(`${verb} \r\n`), `${verb} with no params`);
  learnError(
    w,
    'AUTH_WRONG_PASSWORD',
    await w.link.ask(
      line(w, 'AUTH', authTemplate, {
        username: meUser.username,
        password: `${meUser.password}x${w.tag}`,
      }),
    ),
    'a wrong password',
  );
  learnError(
    w,
    'AUTH_UNKNOWN_USER',
    await w.link.ask(
      line(w, 'AUTH', authTemplate, { username: `probe${w.tag}nobody`, password: 'x' }),
    ),
    'an unknown user',
  );

  if (await findInbox(w, me)) {
    learnError(
      w,
      'UNKNOWN_SESSION',
      await w.link.ask(
        line(w, 'INBOX', currentTemplate(w, 'INBOX')!, { session: `probe${w.tag}nosession` }),
      ),
      'an unknown session',
    );
    // The token is confirmed once a session command accepts it.
    note(
      w,
      'replies.token',
      'confirmed',
      `the token from this key opened ${me.user.username}'s inbox`,
    );
    note(
      w,
      'commands.AUTH',
      'confirmed',
      `${me.user.username} logged in with this spelling and the session worked`,
    );
  }
  if (await findSend(w, me)) {
    learnError(
      w,
      'UNKNOWN_USER',
      await w.link.ask(
        line(w, 'SEND', currentTemplate(w, 'SEND')!, {
          session: me.token,
          to: `probe${w.tag}nobody`,
          text: 'x',
        }),
      ),
      'a message to a user that does not exist',
    );
  }
  await findFiles(w, me);
  await findGroups(w, me);
}

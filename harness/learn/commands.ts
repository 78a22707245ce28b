/**
 * Which commands does the server have, and how does it say "unknown command"? Learned before
 * a run with harmless requests, each on its own connection and all at once, so the survey
 * costs one timeout at worst however the server behaves:
 *
 * - a made-up verb (`chatspec_no_such_command`): the server's own unknown-command reply, in
 *   whatever words or language it uses;
 * - every command's verb alone, the way the course client ends a line (`my_file \r\n`):
 *   answered like the made-up verb, the command is missing; answered any other way, it is
 *   there (a missing-params error, a session error, even OK).
 *
 * A command is called missing only on that evidence. Silence, a closed connection or an
 * unknown-command reply that no command could be told apart from leave it present, so that
 * a server is never spared a check on a guess. A dialect that marks a command unsupported
 * settles it without a request. The reply to `auth` with no params is kept as the server's
 * missing-params reply (the command every server has; with the course client's trailing
 * space the template takes `auth \r\n` as too few params, unlike `inbox \r\n`, which it reads
 * as an empty session).
 */
import type { Dialer } from '../../net/index.js';
import {
  COMMANDS,
  COMMAND_NAMES,
  canonicalDialect,
  type CommandName,
  type Dialect,
  type JsonObject,
  type Request,
} from '../../specs/index.js';
import { ChatConnection, describeOutcome, type ReadOutcome } from '../client/connection.js';
import { Transcript } from '../../results/transcript.js';
import { blankVerb } from './unknown-command.js';

/** A verb no server of this protocol has. */
export const MADE_UP_VERB = 'chatspec_no_such_command';

export interface LearnCommandsOptions {
  readonly dialer: Dialer;
  /** How long each connect and each reply may take; the survey takes about this long at most. */
  readonly timeoutMs: number;
  readonly maxReplyBytes?: number;
  /** Spells the verbs; a dialect with `supports` also settles unsupported commands. */
  readonly dialect?: Dialect;
}

/** One probe: the line sent and what came back. */
export interface ProbeExchange {
  readonly request: string;
  /** `reply`, or why there was none (`timeout`, `closed`, ...). */
  readonly outcome: ReadOutcome['kind'] | 'connect-failed';
  /** The reply's text without its terminator, or a one-line description of the outcome. */
  readonly text: string;
  readonly json?: JsonObject;
  /** The ERROR reply's text, read through the dialect, when it has one. */
  readonly errorText?: string;
}

export type CommandPresence =
  /** Answered differently from the made-up verb. */
  | 'present'
  /** Answered exactly like the made-up verb: the server does not know it. */
  | 'missing'
  /** The dialect says the server lacks it; not asked. */
  | 'unsupported'
  /** No telling (no reply to it, or none to the made-up verb): treated as present. */
  | 'not-learned';

export interface CommandSurvey {
  /** What the made-up verb got: the server's unknown-command reply. */
  readonly unknownCommand: ProbeExchange;
  /** The reply to `auth` with no params, when it is not the unknown-command reply. */
  readonly missingParams: ProbeExchange | undefined;
  readonly commands: Readonly<Record<CommandName, CommandPresence>>;
  readonly probes: Readonly<Partial<Record<CommandName, ProbeExchange>>>;
  /** Commands to use: present or not learned, in the command table's order. */
  readonly present: readonly CommandName[];
  /** Commands the server lacks (missing or unsupported), in the command table's order. */
  readonly missing: readonly CommandName[];
  /** Requests sent. */
  readonly requests: number;
  /** Why the survey could tell nothing apart, when that is so (every command left present). */
  readonly notLearned?: string;
}

/** Thrown when not one probe connection could be opened: the target is unreachable. */
export class SurveyUnreachableError extends Error {
  override readonly name = 'SurveyUnreachableError';
}

/** Placeholder values for a request whose params do not matter: only its verb is sent. */
function blankRequest(command: CommandName): Request {
  const spec = COMMANDS[command];
  const fields: Record<string, string> = { command };
  for (const name of spec.params) fields[name] = 'x';
  if (spec.tailParam !== undefined) fields[spec.tailParam] = 'x';
  return fields as unknown as Request;
}

/** The command word as the dialect spells it (the first word of its request line). */
export function verbOf(dialect: Dialect, command: CommandName): string {
  const line = dialect.formatRequest(blankRequest(command));
  return line.trimStart().split(/[ \t\r\n]/, 1)[0] ?? COMMANDS[command].wire;
}

/** Whether the dialect says the server has the command (dialects without `supports`: yes). */
function dialectSupports(dialect: Dialect, command: CommandName): boolean {
  const withSupports = dialect as Dialect & { supports?: (command: CommandName) => boolean };
  return typeof withSupports.supports === 'function' ? withSupports.supports(command) : true;
}

class QuietTranscript extends Transcript {
  override record(): void {}
}

async function ask(
  options: LearnCommandsOptions,
  dialect: Dialect,
  line: string,
): Promise<ProbeExchange> {
  const opened = await ChatConnection.open({
    dialer: options.dialer,
    timeoutMs: options.timeoutMs,
    maxReplyBytes: options.maxReplyBytes ?? 1024 * 1024,
    name: 'learn',
    transcript: new QuietTranscript(),
  });
  if (!opened.ok) return { request: line, outcome: 'connect-failed', text: opened.reason };
  try {
    const outcome = await opened.connection.request(line, options.timeoutMs);
    if (outcome.kind !== 'reply') {
      return {
        request: line,
        outcome: outcome.kind,
        text: describeOutcome(outcome, options.timeoutMs),
      };
    }
    const exchange: { -readonly [K in keyof ProbeExchange]: ProbeExchange[K] } = {
      request: line,
      outcome: 'reply',
      text: outcome.text,
    };
    if (outcome.json !== undefined) {
      exchange.json = outcome.json;
      const status = dialect.readStatus(outcome.json);
      const text = dialect.readErrorText(outcome.json);
      if (status.ok && status.value === 'ERROR' && text.ok) exchange.errorText = text.value;
    }
    return exchange;
  } finally {
    opened.connection.close();
  }
}

/**
 * What a reply says once the verb it answers is taken out: a server that echoes the verb
 * ("unknown command: foo") gives every unknown verb the same signature.
 */
function signature(exchange: ProbeExchange, verb: string): string | undefined {
  if (exchange.outcome !== 'reply') return undefined;
  return blankVerb(exchange.text, verb);
}

export async function learnCommands(options: LearnCommandsOptions): Promise<CommandSurvey> {
  const dialect = options.dialect ?? canonicalDialect;
  const asked = COMMAND_NAMES.filter((c) => dialectSupports(dialect, c));
  const verbs = new Map(asked.map((c) => [c, verbOf(dialect, c)] as const));
  const [unknownCommand, ...answers] = await Promise.all([
    ask(options, dialect, `${MADE_UP_VERB} \r\n`),
    ...asked.map((c) => ask(options, dialect, `${verbs.get(c)!} \r\n`)),
  ]);
  const everyExchange = [unknownCommand!, ...answers];
  if (everyExchange.every((e) => e.outcome === 'connect-failed')) {
    throw new SurveyUnreachableError(unknownCommand!.text);
  }
  const probes: Partial<Record<CommandName, ProbeExchange>> = {};
  asked.forEach((c, i) => (probes[c] = answers[i]!));

  const unknownSignature = signature(unknownCommand!, MADE_UP_VERB);
  const commands = {} as Record<CommandName, CommandPresence>;
  for (const command of COMMAND_NAMES) {
    const probe = probes[command];
    if (probe === undefined) commands[command] = 'unsupported';
    else if (unknownSignature === undefined) commands[command] = 'not-learned';
    else {
      const own = signature(probe, verbs.get(command)!);
      commands[command] =
        own === undefined ? 'not-learned' : own === unknownSignature ? 'missing' : 'present';
    }
  }
  let notLearned: string | undefined;
  if (unknownSignature === undefined) {
    notLearned = `no reply to an unknown command (${MADE_UP_VERB}: ${unknownCommand!.text})`;
  } else if (asked.length > 0 && asked.every((c) => commands[c] === 'missing')) {
    // Every command answered as unknown: the server answers everything alike (or speaks
    // another dialect); nothing can be told apart, so nothing is left out.
    for (const c of asked) commands[c] = 'not-learned';
    notLearned = `every command got the same reply as an unknown one (${unknownCommand!.text.slice(0, 120)})`;
  }
  const auth = probes.AUTH;
  const missingParams =
    auth !== undefined && commands.AUTH === 'present' && auth.outcome === 'reply'
      ? auth
      : undefined;
  return {
    unknownCommand: unknownCommand!,
    missingParams,
    commands,
    probes,
    present: COMMAND_NAMES.filter(
      (c) => commands[c] === 'present' || commands[c] === 'not-learned',
    ),
    missing: COMMAND_NAMES.filter(
      (c) => commands[c] === 'missing' || commands[c] === 'unsupported',
    ),
    requests: everyExchange.filter((e) => e.outcome !== 'connect-failed').length,
    ...(notLearned !== undefined ? { notLearned } : {}),
  };
}

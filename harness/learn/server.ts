/**
 * The preflight: before a run, learn the server's own ways with a few harmless requests, so
 * that a difference of wording is never mistaken for a broken rule.
 *
 * - its "unknown command" reply: a made-up verb;
 * - its "missing params" reply: `auth` with no params;
 * - which commands it has: each verb with no params; a reply equal to the unknown-command
 *   reply means the server does not know that verb;
 * - how it logs in: the fixture's first user, and where the reply keeps the token.
 *
 * Every request goes on its own connection, all at once, so the preflight takes at most one
 * timeout even against a server that hangs on some of them. It returns data; it never throws
 * for what the server does.
 */
import type { Dialer } from '../../net/index.js';
import {
  COMMAND_NAMES,
  ERROR_TEXTS,
  KNOWN_ALTERNATIVE_TEXTS,
  isDocumentedErrorText,
  type CommandName,
  type Dialect,
  type Fixture,
} from '../../specs/index.js';
import { ChatConnection, describeOutcome, type ReadOutcome } from '../client/connection.js';
import { Transcript, type TranscriptEntry } from '../../results/transcript.js';
import {
  MADE_UP_VERB,
  SurveyUnreachableError,
  learnCommands,
  verbOf,
  type CommandSurvey,
  type ProbeExchange,
} from './commands.js';
import { findToken } from './token.js';
import { blankVerb, isUnknownCommandReply } from './unknown-command.js';

export interface LearnOptions {
  readonly dialer: Dialer;
  /** Each request's wait; the preflight takes about this long at most. */
  readonly timeoutMs: number;
  readonly maxReplyBytes: number;
  readonly dialect: Dialect;
  readonly fixture: Fixture;
}

/** Whether a verb is known to the server, as far as its no-params reply tells. */
export type Presence = 'present' | 'absent' | 'unknown';

/** An error reply the server gave, as its text and its raw JSON. */
export interface LearnedError {
  readonly text: string;
  readonly reply: string;
}

export type LoginKnowledge =
  /** The dialect reads the token where the server puts it. */
  | { readonly kind: 'ok' }
  /** Login works, but the token is under another key. */
  | {
      readonly kind: 'token-under-key';
      readonly key: string;
      readonly by: 'known-key' | 'only-uuid';
      readonly reply: string;
    }
  /**
   * No session could be had: an ERROR, or an OK without a token anywhere. `framing`: the
   * reply itself broke the reply rules (not JSON, no valid status), FRAME-1 and FRAME-2's
   * business as much as AUTH-1's.
   */
  | {
      readonly kind: 'impossible';
      readonly reason: string;
      readonly reply: string;
      readonly framing?: boolean;
    }
  /**
   * No reply at all (silence, a close, an endless reply): the server is not answering, which
   * the run's own health checks report; nothing is concluded about logging in.
   */
  | { readonly kind: 'unanswered'; readonly reason: string }
  /** The fixture has no user to try. */
  | { readonly kind: 'not-tried' };

export interface ServerKnowledge {
  /** The made-up verb's reply, when it was an ERROR with a text. */
  readonly unknownCommand?: LearnedError;
  /** `auth` with no params, when it was an ERROR with a text. */
  readonly missingParams?: LearnedError;
  /**
   * Whether the unknown-command text tells a missing command from anything else: it is
   * not also the missing-params text, nor a text the protocol uses for another error.
   */
  readonly unknownCommandDistinct: boolean;
  readonly commands: Readonly<Record<CommandName, Presence>>;
  /** The commands found absent, in protocol order. */
  readonly absent: readonly CommandName[];
  readonly login: LoginKnowledge;
  /** Requests sent. */
  readonly requests: number;
  readonly transcript: readonly TranscriptEntry[];
}

/** Texts the protocol gives other errors: an unknown-command text equal to one is ambiguous. */
function otherErrorTexts(): Set<string> {
  const out = new Set<string>();
  for (const [code, text] of Object.entries(ERROR_TEXTS)) {
    if (code !== 'UNKNOWN_COMMAND') out.add(text.toLowerCase());
  }
  for (const texts of Object.values(KNOWN_ALTERNATIVE_TEXTS)) {
    for (const text of texts ?? []) out.add(text.toLowerCase());
  }
  return out;
}

/** The survey's exchanges as transcript entries, one connection per probe, for evidence. */
function surveyTranscript(survey: CommandSurvey | undefined): TranscriptEntry[] {
  if (survey === undefined) return [];
  const entries: TranscriptEntry[] = [];
  const add = (connection: string, exchange: ProbeExchange): void => {
    entries.push({
      direction: 'sent',
      atMs: 0,
      connection,
      text: exchange.request,
      bytes: Buffer.byteLength(exchange.request),
    });
    entries.push({
      direction: exchange.outcome === 'reply' ? 'received' : 'event',
      atMs: 0,
      connection,
      text: exchange.text,
      bytes: exchange.outcome === 'reply' ? Buffer.byteLength(exchange.text) : 0,
    });
  };
  add('preflight-unknown', survey.unknownCommand);
  for (const command of COMMAND_NAMES) {
    const exchange = survey.probes[command];
    if (exchange !== undefined) add(`preflight-${command.toLowerCase()}`, exchange);
  }
  return entries;
}

/** An exchange's error text with its verb blanked, so an echoing server still matches. */
function blanked(exchange: ProbeExchange | undefined, verb: string): string | undefined {
  return exchange?.errorText === undefined ? undefined : blankVerb(exchange.errorText, verb);
}

export async function learnServer(options: LearnOptions): Promise<ServerKnowledge> {
  const transcript = new Transcript();
  const { dialect } = options;
  const user = options.fixture.users[0];
  const login = async (): Promise<ReadOutcome | undefined> => {
    if (user === undefined) return undefined;
    const opened = await ChatConnection.open({
      dialer: options.dialer,
      timeoutMs: options.timeoutMs,
      maxReplyBytes: options.maxReplyBytes,
      name: 'preflight-login',
      transcript,
    });
    if (!opened.ok) return { kind: 'error', message: opened.reason, elapsedMs: 0 };
    try {
      return await opened.connection.request(
        dialect.formatRequest({
          command: 'AUTH',
          username: user.username,
          password: user.password,
        }),
        options.timeoutMs,
      );
    } finally {
      opened.connection.close();
    }
  };
  const [survey, loginOutcome] = await Promise.all([
    learnCommands({ ...options }).catch((error: unknown) => {
      // Not one probe could connect: nothing learned; the run itself will say why.
      if (error instanceof SurveyUnreachableError) return undefined;
      throw error;
    }),
    login(),
  ]);

  const unknownText = blanked(survey?.unknownCommand, MADE_UP_VERB);
  const missingText = blanked(survey?.missingParams, verbOf(dialect, 'AUTH'));
  // A server that answers a made-up verb and a bare `auth` alike cannot tell us which verbs
  // it lacks from their texts; nor can one whose unknown-command text means something else.
  const unknownCommandDistinct =
    unknownText !== undefined &&
    survey?.notLearned === undefined &&
    unknownText.toLowerCase() !== missingText?.toLowerCase() &&
    (isDocumentedErrorText('UNKNOWN_COMMAND', unknownText) ||
      !otherErrorTexts().has(unknownText.toLowerCase()));

  const commands = {} as Record<CommandName, Presence>;
  for (const command of COMMAND_NAMES) {
    const learned = survey?.commands[command] ?? 'not-learned';
    commands[command] =
      learned === 'missing' || learned === 'unsupported'
        ? 'absent'
        : learned === 'present'
          ? 'present'
          : 'unknown';
  }
  const unknownCommand =
    unknownText === undefined
      ? undefined
      : { text: unknownText, reply: survey!.unknownCommand.text };
  const missingParams =
    missingText === undefined
      ? undefined
      : { text: missingText, reply: survey!.missingParams!.text };
  return Object.freeze({
    ...(unknownCommand ? { unknownCommand } : {}),
    ...(missingParams ? { missingParams } : {}),
    unknownCommandDistinct,
    commands: Object.freeze(commands),
    absent: Object.freeze(COMMAND_NAMES.filter((c) => commands[c] === 'absent')),
    login: learnLogin(dialect, loginOutcome, user?.username, options.timeoutMs),
    requests: (survey?.requests ?? 0) + (user === undefined ? 0 : 1),
    transcript: [...surveyTranscript(survey), ...transcript.entries],
  });
}

function learnLogin(
  dialect: Dialect,
  outcome: ReadOutcome | undefined,
  username: string | undefined,
  timeoutMs: number,
): LoginKnowledge {
  if (outcome === undefined || username === undefined) return { kind: 'not-tried' };
  const as = `logging in as ${username}`;
  if (outcome.kind !== 'reply') {
    return { kind: 'unanswered', reason: `${as} got ${describeOutcome(outcome, timeoutMs)}` };
  }
  const reply = outcome.text;
  if (outcome.json === undefined) {
    return {
      kind: 'impossible',
      reason: `${as} got ${describeOutcome(outcome, timeoutMs)}`,
      reply,
      framing: true,
    };
  }
  const status = dialect.readStatus(outcome.json);
  if (!status.ok) {
    return { kind: 'impossible', reason: `${as}: ${status.reason}`, reply, framing: true };
  }
  if (status.value === 'ERROR') {
    const text = dialect.readErrorText(outcome.json);
    return {
      kind: 'impossible',
      reason: `${as} answers ERROR${text.ok ? ` ${JSON.stringify(text.value)}` : ''}`,
      reply,
    };
  }
  if (dialect.readToken(outcome.json).ok) return { kind: 'ok' };
  const found = findToken(outcome.json);
  if (found === undefined) {
    return { kind: 'impossible', reason: `${as} answers OK without a session token`, reply };
  }
  return { kind: 'token-under-key', key: found.key, by: found.by, reply };
}

/**
 * Whether an ERROR text sent back for a verb means "unknown command", with what this server
 * was seen to answer a made-up verb (harness/learn/unknown-command.ts judges).
 */
export function isUnknownCommandText(
  knowledge: ServerKnowledge | undefined,
  text: string,
  verb: string,
): boolean {
  const learned = knowledge?.unknownCommand;
  return isUnknownCommandReply(
    text,
    verb,
    learned === undefined
      ? knowledge === undefined
        ? undefined
        : { text: '', distinct: false }
      : { text: learned.text, distinct: knowledge!.unknownCommandDistinct },
  );
}

/**
 * Status and texts: the status and the reply's shape are MUST; the documented error or
 * success text is SHOULD (capitals ignored), so a right status with another text is a text
 * miss. The unknown-command reply (`**Protocol Tidak Benar`, or whatever this server was seen
 * to answer a made-up verb before the run) to a command the harness sent by name means the
 * server does not have that command: UNIMPLEMENTED when it is the command under test, "not
 * checkable" when the scenario only needs it, whatever the step expected.
 */
import {
  ERROR_TEXTS,
  KNOWN_ALTERNATIVE_TEXTS,
  REPLY_TEXTS,
  isDocumentedErrorText,
  type CommandName,
  type Dialect,
  type ErrorCode,
  type JsonObject,
} from '../../../specs/index.js';
import type { Expect } from '../scenario/types.js';
import {
  miss,
  pass,
  textMiss,
  unimplemented,
  unreadable,
  unsupported,
  type Check,
  type Grading,
  type ReplyShape,
} from './check.js';
import { show } from './show.js';

function describeReply(dialect: Dialect, reply: JsonObject): string {
  const status = dialect.readStatus(reply);
  if (!status.ok) return show(reply);
  const text = status.value === 'ERROR' ? dialect.readErrorText(reply) : dialect.readOkText(reply);
  return text.ok ? `${status.value} ${show(text.value)}` : status.value;
}

function alternativeNote(code: ErrorCode, actual: string): string {
  const known = KNOWN_ALTERNATIVE_TEXTS[code] ?? [];
  return known.some((t) => t.toLowerCase() === actual.trim().toLowerCase())
    ? ' (a common alternative text)'
    : '';
}

/** How to tell a missing command: the reply text test, and what the scenario is about. */
export interface UnknownCommandRule {
  readonly isUnknownCommand: (text: string, command: CommandName) => boolean;
  /** The command the scenario tests; a missing one of these is UNIMPLEMENTED. */
  readonly underTest: CommandName | null;
}

const DOCUMENTED_RULE: UnknownCommandRule = {
  isUnknownCommand: (text) => isDocumentedErrorText('UNKNOWN_COMMAND', text),
  underTest: null,
};

const STATUS_SHAPE: ReplyShape = {
  problem: 'the reply has no valid status',
  expected: '"status": "OK" or "ERROR"',
};

const ERROR_TEXT_SHAPE: ReplyShape = {
  problem: 'an ERROR reply without its text',
  expected: 'ERROR with a "message"',
};

/** The checks on status and texts; the caller stops at the first that says stop. */
export function verifyStatus(
  dialect: Dialect,
  reply: JsonObject,
  expect: Expect,
  grading: Grading,
  command: CommandName | undefined,
  rule: UnknownCommandRule = DOCUMENTED_RULE,
): Check[] {
  const status = dialect.readStatus(reply);
  if (!status.ok) return unreadable(grading, STATUS_SHAPE, status.reason, reply);
  const checks: Check[] = [];
  if (status.value === 'ERROR') {
    const text = dialect.readErrorText(reply);
    if (
      command !== undefined &&
      expect.error !== 'UNKNOWN_COMMAND' &&
      text.ok &&
      (rule.isUnknownCommand(text.value, command) ||
        dialect.isErrorText('UNKNOWN_COMMAND', text.value))
    ) {
      const verb = command.toLowerCase();
      return [
        rule.underTest === null || rule.underTest === command
          ? unimplemented(
              `the server answers ${verb} as an unknown command`,
              describeReply(dialect, reply),
            )
          : unsupported(
              command,
              `not checkable: the server answers ${verb} as an unknown command, and this scenario needs it`,
              describeReply(dialect, reply),
            ),
      ];
    }
    if (!text.ok) return unreadable(grading, ERROR_TEXT_SHAPE, text.reason, reply);
  }
  if (expect.status !== 'any' && status.value !== expect.status) {
    const wanted =
      expect.status === 'ERROR' && expect.error !== undefined
        ? `ERROR ${show(dialect.errorTexts(expect.error)[0] ?? ERROR_TEXTS[expect.error])}`
        : expect.status;
    const got = describeReply(dialect, reply);
    return [
      miss(grading, `status ${status.value} where ${expect.status} was expected`, wanted, got, got),
    ];
  }
  checks.push(pass(`status ${status.value}`));
  if (status.value === 'ERROR' && expect.error !== undefined) {
    const text = dialect.readErrorText(reply);
    const actual = text.ok ? text.value : '';
    checks.push(
      dialect.isErrorText(expect.error, actual)
        ? pass(
            isDocumentedErrorText(expect.error, actual)
              ? 'the documented error text'
              : `the dialect's error text (${dialect.ruleAt(`errors.${expect.error}`)})`,
          )
        : textMiss(
            grading,
            `the right status, but not the documented error text${alternativeNote(expect.error, actual)}`,
            show(dialect.errorTexts(expect.error)[0] ?? ERROR_TEXTS[expect.error]),
            show(actual),
          ),
    );
  }
  if (status.value === 'OK' && expect.okText !== undefined) {
    const wanted = REPLY_TEXTS[expect.okText];
    const text = dialect.readOkText(reply);
    checks.push(
      text.ok && text.value.trim().toLowerCase() === wanted.toLowerCase()
        ? pass('the documented success text')
        : textMiss(
            grading,
            'the right status, but not the documented success text',
            show(wanted),
            text.ok ? show(text.value) : text.reason,
          ),
    );
  }
  return checks;
}

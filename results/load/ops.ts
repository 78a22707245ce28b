/**
 * What a load connection can do next. Eight ops are protocol commands; `connect` closes the
 * connection and opens a new one (open, auth, carry on), which is how a login storm with
 * fresh TCP connections is expressed.
 */
import type { CommandName } from '../../specs/index.js';

export const OPS = [
  'auth',
  'send',
  'inbox',
  'send_file',
  'download_file',
  'my_file',
  'send_group',
  'send_group_file',
  'connect',
] as const;

export type Op = (typeof OPS)[number];

/** The protocol commands, in the order of COMMAND_NAMES' wire names. */
export type CommandOp = Exclude<Op, 'connect'>;

export const COMMAND_OPS: readonly CommandOp[] = OPS.filter(
  (op): op is CommandOp => op !== 'connect',
);

export const COMMAND_OF: Readonly<Record<CommandOp, CommandName>> = Object.freeze({
  auth: 'AUTH',
  send: 'SEND',
  inbox: 'INBOX',
  send_file: 'SEND_FILE',
  download_file: 'DOWNLOAD_FILE',
  my_file: 'MY_FILE',
  send_group: 'SEND_GROUP',
  send_group_file: 'SEND_GROUP_FILE',
});

/** Index of each command op, for per-command counters kept in arrays on the hot path. */
export const COMMAND_INDEX: Readonly<Record<CommandOp, number>> = Object.freeze(
  Object.fromEntries(COMMAND_OPS.map((op, i) => [op, i])) as Record<CommandOp, number>,
);

export function isOp(value: string): value is Op {
  return (OPS as readonly string[]).includes(value);
}

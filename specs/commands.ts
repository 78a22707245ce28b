/**
 * The command table: each command's wire name, its params in order and what follows them.
 * The reference server, the harness, the fuzzer and the load generator all read this table.
 */

export const COMMAND_NAMES = [
  'AUTH',
  'SEND',
  'INBOX',
  'SEND_FILE',
  'DOWNLOAD_FILE',
  'MY_FILE',
  'SEND_GROUP',
  'SEND_GROUP_FILE',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/** How the part of the line after the fixed params is read. */
export type TailKind =
  /** Nothing follows; extra tokens are ignored, as the original servers ignore them. */
  | 'none'
  /** Free text: everything after the fixed params, surrounding whitespace trimmed; required. */
  | 'text'
  /** One base64 token; may be missing, which means an empty (0-byte) file. */
  | 'base64';

export const PARAM_NAMES = Object.freeze([
  'username',
  'password',
  'session',
  'to',
  'peer',
  'group',
  'filename',
  'text',
  'data',
] as const);
export type ParamName = (typeof PARAM_NAMES)[number];

export function isParamName(name: string): name is ParamName {
  return (PARAM_NAMES as readonly string[]).includes(name);
}

export interface CommandSpec {
  readonly name: CommandName;
  /** The name on the wire: lower case, as the course's clients send it. */
  readonly wire: string;
  /** Fixed, single-token params in wire order. */
  readonly params: readonly ParamName[];
  readonly tail: TailKind;
  /** The name of the tail param, when there is one. */
  readonly tailParam?: 'text' | 'data';
  /** Whether the first param is a session id from AUTH. */
  readonly takesSession: boolean;
  /** The seed document's section that describes the command. */
  readonly seedSection: string;
  readonly summary: string;
}

function spec(s: CommandSpec): CommandSpec {
  return Object.freeze({ ...s, params: Object.freeze([...s.params]) });
}

export const COMMANDS: Readonly<Record<CommandName, CommandSpec>> = Object.freeze({
  AUTH: spec({
    name: 'AUTH',
    wire: 'auth',
    params: ['username', 'password'],
    tail: 'none',
    takesSession: false,
    seedSection: 'A.4',
    summary: 'log in; the reply carries the session token',
  }),
  SEND: spec({
    name: 'SEND',
    wire: 'send',
    params: ['session', 'to'],
    tail: 'text',
    tailParam: 'text',
    takesSession: true,
    seedSection: 'A.5',
    summary: 'send a text message to one user',
  }),
  INBOX: spec({
    name: 'INBOX',
    wire: 'inbox',
    params: ['session'],
    tail: 'none',
    takesSession: true,
    seedSection: 'A.6',
    summary: 'read and empty the inbox',
  }),
  SEND_FILE: spec({
    name: 'SEND_FILE',
    wire: 'send_file',
    params: ['session', 'to', 'filename'],
    tail: 'base64',
    tailParam: 'data',
    takesSession: true,
    seedSection: 'A.6 (under the INBOX heading: the SEND_FILE heading is missing)',
    summary: 'send a file (base64) to one user',
  }),
  DOWNLOAD_FILE: spec({
    name: 'DOWNLOAD_FILE',
    wire: 'download_file',
    params: ['session', 'peer', 'filename'],
    tail: 'none',
    takesSession: true,
    seedSection: 'A.8',
    summary: 'download a received file by peer and name',
  }),
  MY_FILE: spec({
    name: 'MY_FILE',
    wire: 'my_file',
    params: ['session'],
    tail: 'none',
    takesSession: true,
    seedSection: 'A.9',
    summary: 'list received files by peer',
  }),
  SEND_GROUP: spec({
    name: 'SEND_GROUP',
    wire: 'send_group',
    params: ['session', 'group'],
    tail: 'text',
    tailParam: 'text',
    takesSession: true,
    seedSection: 'A.10',
    summary: 'send a text message to every member of a group',
  }),
  SEND_GROUP_FILE: spec({
    name: 'SEND_GROUP_FILE',
    wire: 'send_group_file',
    params: ['session', 'group', 'filename'],
    tail: 'base64',
    tailParam: 'data',
    takesSession: true,
    seedSection: 'A.11',
    summary: 'send a file (base64) to every member of a group',
  }),
});

const BY_WIRE: ReadonlyMap<string, CommandSpec> = new Map(
  COMMAND_NAMES.map((name) => [COMMANDS[name].wire, COMMANDS[name]]),
);

/**
 * Looks a command up by the word a client sent. Upper case is accepted too (PROTO-3: a
 * server MAY accept it), so the reference server is lenient with hand-typed requests.
 */
export function commandByWire(word: string): CommandSpec | undefined {
  return BY_WIRE.get(word.toLowerCase());
}

export function isCommandName(value: string): value is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(value);
}

/** Success-reply texts, written once. */
export const REPLY_TEXTS = {
  MESSAGE_SENT: 'Message Sent',
  FILE_SENT: 'File Sent',
  downloaded: (filename: string): string => `Downloaded ${filename}`,
} as const;

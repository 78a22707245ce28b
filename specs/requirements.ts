/**
 * Every numbered requirement of the protocol, defined once. PROTOCOL.md explains each id in
 * prose; scenarios, fuzz properties and reports refer to ids and never copy the text. A test
 * checks that the two agree and that every MUST has a scenario.
 */

import type { CommandName } from './commands.js';

export type Level = 'MUST' | 'SHOULD' | 'MAY';

/** `AREA-N`, e.g. `AUTH-1`, `FRAME-6`. */
export type RequirementId = `${RequirementArea}-${number}`;

export const REQUIREMENT_AREAS = [
  'FRAME',
  'PROTO',
  'SESSION',
  'AUTH',
  'SEND',
  'INBOX',
  'SENDFILE',
  'DOWNLOAD',
  'MYFILE',
  'GROUP',
  'GROUPFILE',
  'PROCESS',
] as const;
export type RequirementArea = (typeof REQUIREMENT_AREAS)[number];

export interface Requirement {
  readonly id: RequirementId;
  readonly level: Level;
  /** The rule in one sentence, in MUST/SHOULD/MAY words. */
  readonly text: string;
  /** Where the seed document says it (section), or the source of the rule. */
  readonly source: string;
  /**
   * `process`: judged by watching a server chatspec launched (its CPU, its exits), not by a
   * scenario on the wire; it is UNTESTED against a server chatspec only dials.
   */
  readonly judgedBy?: 'process';
}

function r(
  id: RequirementId,
  level: Level,
  text: string,
  source: string,
  judgedBy?: 'process',
): Requirement {
  return Object.freeze({ id, level, text, source, ...(judgedBy ? { judgedBy } : {}) });
}

export const REQUIREMENTS: readonly Requirement[] = Object.freeze([
  // Transport and framing.
  r(
    'FRAME-1',
    'MUST',
    'A request line ending in CRLF gets exactly one reply: one JSON object followed by CRLF CRLF.',
    'seed A.3; protocol-facts "Transport and framing"',
  ),
  r(
    'FRAME-2',
    'MUST',
    'Every reply is a JSON object whose "status" is "OK" or "ERROR"; an ERROR reply carries its text in "message".',
    'seed A.3',
  ),
  r(
    'FRAME-3',
    'MUST',
    'A space before the line end (as the course client sends) changes nothing.',
    'protocol-facts "Transport and framing"',
  ),
  r(
    'FRAME-4',
    'MUST',
    'A connection carries many requests one after another; each is answered before the client sends the next.',
    'protocol-facts "Transport and framing" (the course client keeps one connection)',
  ),
  r(
    'FRAME-5',
    'SHOULD',
    'A request that arrives in several pieces, down to one byte at a time, is reassembled and answered once.',
    'TCP is a byte stream',
  ),
  r(
    'FRAME-6',
    'SHOULD',
    'A bare LF ends a request just as CRLF does.',
    'robustness for hand-written clients',
  ),
  r(
    'FRAME-7',
    'SHOULD',
    'A request without the space before the line end is answered like one with it.',
    'robustness for other clients',
  ),
  r(
    'FRAME-8',
    'SHOULD',
    'Several requests that arrive in one write are all answered, in order.',
    'TCP is a byte stream',
  ),
  r(
    'FRAME-9',
    'SHOULD',
    'A line longer than the server accepts gets an ERROR reply or a closed connection, never unbounded buffering, and the server keeps serving others.',
    'robustness',
  ),
  r(
    'FRAME-10',
    'SHOULD',
    'Non-ASCII UTF-8 text is carried intact, also when a multi-byte character is split across packets.',
    'robustness',
  ),
  r(
    'FRAME-11',
    'MUST',
    'After a malformed request, a garbage line or a client that disconnects abruptly, the server still answers new connections correctly.',
    'robustness',
  ),
  r(
    'FRAME-12',
    'MUST',
    'A send_file or send_group_file without the space before the line end that the server answers OK stores the file as sent: it downloads byte-exact, never emptied.',
    'protocol-facts "Servers in the wild" (payload rebuilt from j[4:-1]); an OK that loses the file',
  ),
  // Errors common to all commands.
  r(
    'PROTO-1',
    'MUST',
    'An unknown command gets an ERROR reply; its text SHOULD be "**Protocol Tidak Benar".',
    'seed A.3',
  ),
  r(
    'PROTO-2',
    'MUST',
    'A known command with too few of its fixed params gets an ERROR reply; its text SHOULD be "--Protocol Tidak Benar" (a missing message text is SEND-6 and GROUP-8).',
    'seed A.3',
  ),
  r(
    'PROTO-3',
    'SHOULD',
    'Error texts are the documented ones (capitals aside); a different text with the right status is NON-STRICT.',
    'seed A.3-A.11',
  ),
  r(
    'PROTO-4',
    'MAY',
    'A server may accept command words in upper case.',
    'the document writes command names in upper case',
  ),
  r(
    'PROTO-5',
    'SHOULD',
    "A file command whose filename is missing gets an ERROR also when the course client's space before the line end leaves an empty word in its place; storing a nameless file is NON-STRICT.",
    'protocol-facts "Servers in the wild" (a send_file without a filename stores a file named "")',
  ),
  // Sessions.
  r(
    'SESSION-1',
    'MUST',
    'Every command that takes a session id refuses an unknown or forged one with an ERROR reply; its text SHOULD be "Session Tidak Ditemukan".',
    'seed A.5-A.11; protocol-facts disagreement 1',
  ),
  r(
    'SESSION-2',
    'MUST',
    'A session id acts as the user who logged in with it, and only as that user.',
    'seed A.4',
  ),
  // AUTH.
  r(
    'AUTH-1',
    'MUST',
    'auth with a known username and its password answers OK with a session id in "tokenid".',
    'seed A.4',
  ),
  r(
    'AUTH-2',
    'MUST',
    'auth with an unknown username answers ERROR; its text SHOULD be "User Tidak Ada".',
    'seed A.4',
  ),
  r(
    'AUTH-3',
    'MUST',
    'auth with a wrong password answers ERROR; its text SHOULD be "Password Salah".',
    'seed A.4',
  ),
  r(
    'AUTH-4',
    'MUST',
    'Every successful auth returns a different session id, also for the same user.',
    'seed A.4 (a token per login)',
  ),
  r(
    'AUTH-5',
    'SHOULD',
    'Session ids are random UUIDs (version 4), so they cannot be guessed.',
    'seed A.4 log shows uuid4',
  ),
  r(
    'AUTH-6',
    'SHOULD',
    'A second login does not invalidate the first session.',
    'several GUI windows per user',
  ),
  // SEND.
  r(
    'SEND-1',
    'MUST',
    'send to a known user answers OK; its "message" SHOULD be "Message Sent".',
    'seed A.5',
  ),
  r(
    'SEND-2',
    'MUST',
    "The recipient's next inbox holds the message under the sender's username, its text equal to the one sent (surrounding whitespace aside).",
    'seed A.5',
  ),
  r(
    'SEND-3',
    'MUST',
    'send to an unknown user answers ERROR; its text SHOULD be "User Tidak Ditemukan".',
    'seed A.5',
  ),
  r(
    'SEND-4',
    'MUST',
    'Messages from one sender to one recipient arrive in the order they were sent.',
    'a chat',
  ),
  r('SEND-5', 'MUST', 'A personal message reaches its recipient only.', 'a chat'),
  r(
    'SEND-6',
    'SHOULD',
    "send without any message text gets an ERROR reply (an empty message accepted is NON-STRICT: the lecturer's template accepts it).",
    'seed A.3 (--Protocol Tidak Benar); protocol-facts "Servers in the wild"',
  ),
  // INBOX.
  r(
    'INBOX-1',
    'MUST',
    'inbox answers OK with "messages": an object keyed by sender username or group id, each value an array of entries in arrival order.',
    'seed A.6, A.9 log',
  ),
  r(
    'INBOX-2',
    'MUST',
    'Reading the inbox empties it: a read right after returns no messages.',
    'protocol-facts "Commands"',
  ),
  r(
    'INBOX-3',
    'MUST',
    'Each inbox entry is either a string (the message) or an object whose "msg" is the message.',
    'protocol-facts "Commands" (two shapes seen)',
  ),
  r(
    'INBOX-4',
    'MAY',
    "Entries are objects {msg_from, msg_to, msg} carrying the full names of sender and recipient (the lecturer's template; the reference server's shape).",
    'protocol-facts "Commands"',
  ),
  r(
    'INBOX-5',
    'MUST',
    'An empty inbox answers OK with an empty "messages" object.',
    'seed A.4 log',
  ),
  // SEND_FILE.
  r(
    'SENDFILE-1',
    'MUST',
    'send_file to a known user answers OK; its "message" SHOULD be "File Sent".',
    'seed A.6 (SEND_FILE text under the INBOX heading)',
  ),
  r(
    'SENDFILE-2',
    'MUST',
    'send_file to an unknown user answers ERROR; its text SHOULD be "User Tidak Ditemukan".',
    'seed A.6',
  ),
  r(
    'SENDFILE-3',
    'MUST',
    "The recipient's my_file lists the file under the sender's username.",
    'seed A.9',
  ),
  r(
    'SENDFILE-4',
    'SHOULD',
    "The sender keeps a copy: the sender's my_file lists the file under the recipient's username.",
    'seed A.9 log; protocol-facts "Commands"',
  ),
  r(
    'SENDFILE-5',
    'SHOULD',
    'A 0-byte file (no data param) is accepted and downloads as empty data.',
    'files can be empty',
  ),
  // DOWNLOAD_FILE.
  r(
    'DOWNLOAD-1',
    'MUST',
    'download_file of a received file answers OK with "filename" and "data", the data decoding to exactly the bytes sent; "messages" SHOULD be "Downloaded <filename>".',
    'seed A.8',
  ),
  r(
    'DOWNLOAD-2',
    'MUST',
    'download_file naming a peer the user has no files from answers ERROR; its text SHOULD be "File Tidak Ditemukan".',
    'seed A.8',
  ),
  r(
    'DOWNLOAD-3',
    'MUST',
    'download_file naming a file the user did not receive answers ERROR; its text SHOULD be "File Tidak Ditemukan".',
    'seed A.8',
  ),
  r(
    'DOWNLOAD-4',
    'MUST',
    'A user can download only from their own repository, never a file sent to someone else.',
    'seed A.8 (repository of the recipient)',
  ),
  r(
    'DOWNLOAD-5',
    'SHOULD',
    'A file sent again under the same name replaces the earlier one.',
    'a repository keyed by filename',
  ),
  r(
    'DOWNLOAD-6',
    'MUST',
    'Files of any content, binary and every byte value included, round-trip byte-exact.',
    'seed A.8 (files as base64 strings)',
  ),
  r(
    'DOWNLOAD-7',
    'SHOULD',
    'Files of 1 MiB and more round-trip byte-exact.',
    'seed A.8 (files as base64 strings)',
  ),
  // MY_FILE.
  r(
    'MYFILE-1',
    'MUST',
    'my_file answers OK with "messages": an object keyed by peer (sender username, or group id), each value an array of filenames; with no files, an empty object.',
    'seed A.9',
  ),
  // SEND_GROUP.
  r(
    'GROUP-1',
    'MUST',
    'send_group to a known group answers OK; its "message" SHOULD be "Message Sent".',
    'seed A.10',
  ),
  r(
    'GROUP-2',
    'MUST',
    'A group message reaches the inbox of every member other than its sender, under the group id.',
    'seed A.10 ("ke seluruh anggota grup")',
  ),
  r(
    'GROUP-3',
    'MUST',
    'send_group to an unknown group answers ERROR; its text SHOULD be "Group Tidak Ditemukan".',
    'seed A.10',
  ),
  r(
    'GROUP-4',
    'MUST',
    'send_group takes <session> <group> <text>: the sender comes from the session, not from a param.',
    'protocol-facts disagreement 2',
  ),
  r(
    'GROUP-5',
    'MAY',
    'A user who is not a member may send to a group (the original servers do not check membership).',
    'protocol-facts disagreement 4',
  ),
  r(
    'GROUP-6',
    'MUST',
    'Group messages from one sender arrive at each member in the order they were sent.',
    'a chat',
  ),
  r(
    'GROUP-7',
    'SHOULD',
    'A sender who is a member also finds its own group message in its inbox under the group id.',
    'protocol-facts "Commands" (the seed group\'s server does; others skip the sender)',
  ),
  r(
    'GROUP-8',
    'SHOULD',
    'send_group without any message text gets an ERROR reply; its text SHOULD be "--Protocol Tidak Benar".',
    'seed A.3; the twin of SEND-6',
  ),
  // SEND_GROUP_FILE.
  r(
    'GROUPFILE-1',
    'MUST',
    'send_group_file to a known group answers OK; its "message" SHOULD be "File Sent".',
    'seed A.11',
  ),
  r(
    'GROUPFILE-2',
    'MUST',
    'A group file is listed in the my_file of every member other than its sender under the group id, and each of them downloads it byte-exact.',
    'seed A.9 log, A.11',
  ),
  r(
    'GROUPFILE-3',
    'MUST',
    'send_group_file to an unknown group answers ERROR; its text SHOULD be "Group Tidak Ditemukan".',
    'seed A.11',
  ),
  r(
    'GROUPFILE-4',
    'SHOULD',
    'A sender who is a member also lists its own group file under the group id and downloads it byte-exact.',
    'protocol-facts "Commands" (servers differ on the sender\'s copy)',
  ),
  // The server's process, when chatspec launched it.
  r(
    'PROCESS-1',
    'SHOULD',
    'With no client connected, the server uses no CPU: its whole process tree stays below 0.1 CPU-second over a 2-second quiet window.',
    'a handler spinning on recv() after its client left; 5% of a core, which a quiet server never reaches on a loaded machine while a spinning one does (PROTOCOL.md §11.2)',
    'process',
  ),
]);

const BY_ID: ReadonlyMap<string, Requirement> = new Map(REQUIREMENTS.map((req) => [req.id, req]));

export function requirementById(id: string): Requirement | undefined {
  return BY_ID.get(id);
}

export function isRequirementId(id: string): id is RequirementId {
  return BY_ID.has(id);
}

/** The command a requirement's area is about; null for the rules of every command. */
const AREA_COMMAND: Readonly<Record<RequirementArea, CommandName | null>> = {
  FRAME: null,
  PROTO: null,
  SESSION: null,
  AUTH: 'AUTH',
  SEND: 'SEND',
  INBOX: 'INBOX',
  SENDFILE: 'SEND_FILE',
  DOWNLOAD: 'DOWNLOAD_FILE',
  MYFILE: 'MY_FILE',
  GROUP: 'SEND_GROUP',
  GROUPFILE: 'SEND_GROUP_FILE',
  PROCESS: null,
};

export function requirementArea(id: string): RequirementArea | undefined {
  const area = id.replace(/-\d+$/, '');
  return (REQUIREMENT_AREAS as readonly string[]).includes(area)
    ? (area as RequirementArea)
    : undefined;
}

/** AUTH-3 is about AUTH, DOWNLOAD-6 about DOWNLOAD_FILE; FRAME, PROTO, SESSION about all. */
export function requirementCommand(id: string): CommandName | null {
  const area = requirementArea(id);
  return area === undefined ? null : AREA_COMMAND[area];
}

/** The requirement every documented text rolls up to when a scenario names no text rule. */
export const ERROR_TEXTS_REQUIREMENT: RequirementId = 'PROTO-3';

/**
 * Whether a requirement judges a reply's text: PROTO-3, or one that names the text a reply
 * SHOULD carry. A text miss judges these alone; a framing or status rule checked in the same
 * scenario is met by the right status whatever its words.
 */
export function isTextRequirement(id: RequirementId): boolean {
  if (id === ERROR_TEXTS_REQUIREMENT) return true;
  const text = BY_ID.get(id)?.text ?? '';
  return /(?:text|"message"|"messages") SHOULD be "/.test(text);
}

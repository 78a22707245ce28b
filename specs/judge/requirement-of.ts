/**
 * Which requirement a reply stands for: the decisions that name the row a finding belongs in.
 * One home, so the suite's scenarios, the fuzzer's judge and the load audit put the same
 * fault in the same row (and so at the same level).
 */
import type { CommandName } from '../commands.js';
import type { ErrorCode } from '../errors.js';
import type { RequirementId } from '../requirements.js';

/** The requirement an OK reply of this command stands for. */
export const OK_REQUIREMENT: Readonly<Record<CommandName, RequirementId>> = Object.freeze({
  AUTH: 'AUTH-1',
  SEND: 'SEND-1',
  INBOX: 'INBOX-1',
  SEND_FILE: 'SENDFILE-1',
  DOWNLOAD_FILE: 'DOWNLOAD-1',
  MY_FILE: 'MYFILE-1',
  SEND_GROUP: 'GROUP-1',
  SEND_GROUP_FILE: 'GROUPFILE-1',
});

/**
 * What a line that is short of params lacks:
 * - `param`: a fixed param, with nothing in its place (PROTO-2, a MUST);
 * - `text`: only a message's text, so an OK stores an empty message (SEND-6, GROUP-8);
 * - `empty-filename`: the filename, where the course client's space before the line end
 *   leaves an empty word a server splitting on single spaces reads as the name (PROTO-5).
 */
export type MissingPart = 'param' | 'text' | 'empty-filename';

/** The requirement an ERROR reply of this command and code stands for. */
export function errorRequirement(
  command: CommandName | undefined,
  code: ErrorCode,
  missing: MissingPart = 'param',
): RequirementId {
  switch (code) {
    case 'UNKNOWN_COMMAND':
      return 'PROTO-1';
    case 'MISSING_PARAMS':
      if (missing === 'text' && command === 'SEND') return 'SEND-6';
      if (missing === 'text' && command === 'SEND_GROUP') return 'GROUP-8';
      if (missing === 'empty-filename') return 'PROTO-5';
      return 'PROTO-2';
    case 'UNKNOWN_SESSION':
      return 'SESSION-1';
    case 'AUTH_UNKNOWN_USER':
      return 'AUTH-2';
    case 'AUTH_WRONG_PASSWORD':
      return 'AUTH-3';
    case 'UNKNOWN_USER':
      return command === 'SEND_FILE' ? 'SENDFILE-2' : 'SEND-3';
    case 'UNKNOWN_GROUP':
      return command === 'SEND_GROUP_FILE' ? 'GROUPFILE-3' : 'GROUP-3';
    case 'FILE_NOT_FOUND':
      return 'DOWNLOAD-3';
    default:
      return 'PROTO-3';
  }
}

/**
 * A message that did not arrive (or arrived wrong): a personal one is SEND-2; a group one is
 * GROUP-2, except the sender's own copy, which is GROUP-7 (a SHOULD: servers differ on it).
 */
export function deliveryRequirement(personal: boolean, toItsSender: boolean): RequirementId {
  if (personal) return 'SEND-2';
  return toItsSender ? 'GROUP-7' : 'GROUP-2';
}

/** Messages of one sender out of order: SEND-4 for a personal inbox key, GROUP-6 for a group. */
export function orderRequirement(personal: boolean): RequirementId {
  return personal ? 'SEND-4' : 'GROUP-6';
}

/**
 * A file missing from my_file: the recipient's listing is SENDFILE-3 or GROUPFILE-2; the
 * sender's own copy is SENDFILE-4 or GROUPFILE-4 (SHOULDs).
 */
export function listingRequirement(personal: boolean, toItsSender: boolean): RequirementId {
  if (personal) return toItsSender ? 'SENDFILE-4' : 'SENDFILE-3';
  return toItsSender ? 'GROUPFILE-4' : 'GROUPFILE-2';
}

/**
 * Every numbered requirement of the protocol, defined once. PROTOCOL.md explains each id in
 * prose; scenarios, fuzz properties and reports refer to ids and never copy the text. A test
 * checks that the two agree and that every MUST has a scenario.
 */

import type { CommandName } from './commands.js';
import {
  REQUIREMENT_AREAS,
  type Requirement,
  type RequirementArea,
  type RequirementId,
} from './requirements/requirement.js';
import { FRAME_REQUIREMENTS } from './requirements/frame.js';
import { PROTO_REQUIREMENTS } from './requirements/proto.js';
import { SESSION_REQUIREMENTS } from './requirements/session.js';
import { AUTH_REQUIREMENTS } from './requirements/auth.js';
import { SEND_REQUIREMENTS } from './requirements/send.js';
import { INBOX_REQUIREMENTS } from './requirements/inbox.js';
import { SEND_FILE_REQUIREMENTS } from './requirements/send-file.js';
import { DOWNLOAD_REQUIREMENTS } from './requirements/download.js';
import { MY_FILE_REQUIREMENTS } from './requirements/my-file.js';
import { GROUP_REQUIREMENTS } from './requirements/group.js';
import { GROUP_FILE_REQUIREMENTS } from './requirements/group-file.js';
import { PROCESS_REQUIREMENTS } from './requirements/process.js';

export {
  REQUIREMENT_AREAS,
  type Level,
  type Requirement,
  type RequirementArea,
  type RequirementId,
} from './requirements/requirement.js';

/** In the order PROTOCOL.md gives them: framing, errors, sessions, then command by command. */
export const REQUIREMENTS: readonly Requirement[] = Object.freeze([
  ...FRAME_REQUIREMENTS,
  ...PROTO_REQUIREMENTS,
  ...SESSION_REQUIREMENTS,
  ...AUTH_REQUIREMENTS,
  ...SEND_REQUIREMENTS,
  ...INBOX_REQUIREMENTS,
  ...SEND_FILE_REQUIREMENTS,
  ...DOWNLOAD_REQUIREMENTS,
  ...MY_FILE_REQUIREMENTS,
  ...GROUP_REQUIREMENTS,
  ...GROUP_FILE_REQUIREMENTS,
  ...PROCESS_REQUIREMENTS,
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

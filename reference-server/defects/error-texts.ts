/** Defects in what an error says: the status is right, the words or the field are not. */
import {
  ERROR_TEXTS,
  UNKNOWN_KEY_TEXT,
  type ErrorText,
  type RequirementId,
} from '../../specs/index.js';
import { defectFamily, type Defect, type WireReply } from './defect.js';

/** A server translated to English by its author: right status, undocumented words. */
const ENGLISH: Readonly<Record<ErrorText, string>> = {
  [ERROR_TEXTS.UNKNOWN_COMMAND]: 'Invalid command',
  [ERROR_TEXTS.MISSING_PARAMS]: 'Missing parameters',
  [ERROR_TEXTS.AUTH_UNKNOWN_USER]: 'Unknown user',
  [ERROR_TEXTS.AUTH_WRONG_PASSWORD]: 'Incorrect password',
  [ERROR_TEXTS.UNKNOWN_SESSION]: 'Invalid session',
  [ERROR_TEXTS.UNKNOWN_USER]: 'Recipient not found',
  [ERROR_TEXTS.UNKNOWN_GROUP]: 'Group not found',
  [ERROR_TEXTS.FILE_NOT_FOUND]: 'File not found',
  [ERROR_TEXTS.LINE_TOO_LONG]: 'Request too long',
  [ERROR_TEXTS.STORAGE_FULL]: 'Storage full',
};

/**
 * The English texts seen in servers of the course (protocol-facts.md, "Dialects"); the
 * ones not seen there are the obvious translation, in the same style.
 */
const COURSE_ENGLISH: Readonly<Record<ErrorText, string>> = {
  [ERROR_TEXTS.UNKNOWN_COMMAND]: '**Incorrect Protocol',
  [ERROR_TEXTS.MISSING_PARAMS]: '--Incorrect Protocol',
  [ERROR_TEXTS.AUTH_UNKNOWN_USER]: 'User not found',
  [ERROR_TEXTS.AUTH_WRONG_PASSWORD]: 'Wrong password',
  [ERROR_TEXTS.UNKNOWN_SESSION]: 'Session not found',
  [ERROR_TEXTS.UNKNOWN_USER]: 'User not found',
  [ERROR_TEXTS.UNKNOWN_GROUP]: 'Group Not Found',
  [ERROR_TEXTS.FILE_NOT_FOUND]: 'File not found',
  [ERROR_TEXTS.LINE_TOO_LONG]: 'Request too long',
  [ERROR_TEXTS.STORAGE_FULL]: 'Storage full',
};

/** Every requirement whose error text is a SHOULD: what a server with other words breaks. */
const EVERY_ERROR_TEXT: readonly RequirementId[] = [
  'PROTO-3',
  'PROTO-1',
  'PROTO-2',
  'AUTH-2',
  'AUTH-3',
  'SESSION-1',
  'SEND-3',
  'SENDFILE-2',
  'DOWNLOAD-2',
  'DOWNLOAD-3',
  'GROUP-3',
  'GROUPFILE-3',
];

function isError(reply: WireReply): boolean {
  return reply.status === 'ERROR';
}

export const ERROR_TEXT_DEFECTS: readonly Defect[] = defectFamily('error-texts', [
  {
    name: 'wrong-error-text',
    description: 'answers every error with an English text instead of the documented one',
    breaks: EVERY_ERROR_TEXT,
    onlyErrorText: true,
    hooks: () => ({
      reply: (reply) =>
        isError(reply)
          ? { ...reply, message: ENGLISH[reply.message as ErrorText] ?? 'Error' }
          : reply,
    }),
  },
  {
    name: 'course-english-errors',
    description:
      'answers errors in the English of course servers ("**Incorrect Protocol", "--Incorrect Protocol", "User not found", "Wrong password", "Group Not Found")',
    breaks: EVERY_ERROR_TEXT,
    onlyErrorText: true,
    hooks: () => ({
      reply: (reply) =>
        isError(reply)
          ? { ...reply, message: COURSE_ENGLISH[reply.message as ErrorText] ?? reply.message }
          : reply,
    }),
  },
  {
    name: 'unknown-session-informasi',
    description: `answers an unknown session with "${UNKNOWN_KEY_TEXT}" (a failed dictionary lookup)`,
    breaks: ['SESSION-1', 'PROTO-3'],
    onlyErrorText: true,
    hooks: () => ({
      reply: (reply) =>
        isError(reply) && reply.message === ERROR_TEXTS.UNKNOWN_SESSION
          ? { ...reply, message: UNKNOWN_KEY_TEXT }
          : reply,
    }),
  },
  {
    name: 'error-text-in-data',
    description:
      'puts an error\'s text in "data" instead of "message" (the document says "Data: pesan kesalahan")',
    breaks: ['FRAME-2'],
    hooks: () => ({
      reply: (reply) => (isError(reply) ? { status: reply.status, data: reply.message } : reply),
    }),
  },
  {
    name: 'lower-case-status',
    description: 'spells the status "ok" and "error" in lower case',
    breaks: ['FRAME-2'],
    hooks: () => ({
      reply: (reply) => ({ ...reply, status: String(reply.status).toLowerCase() }),
    }),
  },
]);

/** INBOX: the INBOX-n requirements. */
import { r, type Requirement } from './requirement.js';

export const INBOX_REQUIREMENTS: readonly Requirement[] = [
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
];

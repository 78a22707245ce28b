/** SEND: the SEND-n requirements. */
import { r, type Requirement } from './requirement.js';

export const SEND_REQUIREMENTS: readonly Requirement[] = [
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
];

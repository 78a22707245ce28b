/** SEND_GROUP: the GROUP-n requirements. */
import { r, type Requirement } from './requirement.js';

export const GROUP_REQUIREMENTS: readonly Requirement[] = [
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
];

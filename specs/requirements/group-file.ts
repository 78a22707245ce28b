/** SEND_GROUP_FILE: the GROUPFILE-n requirements. */
import { r, type Requirement } from './requirement.js';

export const GROUP_FILE_REQUIREMENTS: readonly Requirement[] = [
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
];

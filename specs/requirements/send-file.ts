/** SEND_FILE: the SENDFILE-n requirements. */
import { r, type Requirement } from './requirement.js';

export const SEND_FILE_REQUIREMENTS: readonly Requirement[] = [
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
];

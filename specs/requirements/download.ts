/** DOWNLOAD_FILE: the DOWNLOAD-n requirements. */
import { r, type Requirement } from './requirement.js';

export const DOWNLOAD_REQUIREMENTS: readonly Requirement[] = [
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
];

/** MY_FILE: the MYFILE-n requirements. */
import { r, type Requirement } from './requirement.js';

export const MY_FILE_REQUIREMENTS: readonly Requirement[] = [
  r(
    'MYFILE-1',
    'MUST',
    'my_file answers OK with "messages": an object keyed by peer (sender username, or group id), each value an array of filenames; with no files, an empty object.',
    'seed A.9',
  ),
  // SEND_GROUP.
];

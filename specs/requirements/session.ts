/** Sessions: the SESSION-n requirements. */
import { r, type Requirement } from './requirement.js';

export const SESSION_REQUIREMENTS: readonly Requirement[] = [
  r(
    'SESSION-1',
    'MUST',
    'Every command that takes a session id refuses an unknown or forged one with an ERROR reply; its text SHOULD be "Session Tidak Ditemukan".',
    'seed A.5-A.11; protocol-facts disagreement 1',
  ),
  r(
    'SESSION-2',
    'MUST',
    'A session id acts as the user who logged in with it, and only as that user.',
    'seed A.4',
  ),
  // AUTH.
];

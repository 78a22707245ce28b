/** AUTH: the AUTH-n requirements. */
import { r, type Requirement } from './requirement.js';

export const AUTH_REQUIREMENTS: readonly Requirement[] = [
  r(
    'AUTH-1',
    'MUST',
    'auth with a known username and its password answers OK with a session id in "tokenid".',
    'seed A.4',
  ),
  r(
    'AUTH-2',
    'MUST',
    'auth with an unknown username answers ERROR; its text SHOULD be "User Tidak Ada".',
    'seed A.4',
  ),
  r(
    'AUTH-3',
    'MUST',
    'auth with a wrong password answers ERROR; its text SHOULD be "Password Salah".',
    'seed A.4',
  ),
  r(
    'AUTH-4',
    'MUST',
    'Every successful auth returns a different session id, also for the same user.',
    'seed A.4 (a token per login)',
  ),
  r(
    'AUTH-5',
    'SHOULD',
    'Session ids are random UUIDs (version 4), so they cannot be guessed.',
    'seed A.4 log shows uuid4',
  ),
  r(
    'AUTH-6',
    'SHOULD',
    'A second login does not invalidate the first session.',
    'several GUI windows per user',
  ),
  // SEND.
];

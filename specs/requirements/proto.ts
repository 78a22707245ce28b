/** Errors common to all commands: the PROTO-n requirements. */
import { r, type Requirement } from './requirement.js';

export const PROTO_REQUIREMENTS: readonly Requirement[] = [
  r(
    'PROTO-1',
    'MUST',
    'An unknown command gets an ERROR reply; its text SHOULD be "**Protocol Tidak Benar".',
    'seed A.3',
  ),
  r(
    'PROTO-2',
    'MUST',
    'A known command with too few of its fixed params gets an ERROR reply; its text SHOULD be "--Protocol Tidak Benar" (a missing message text is SEND-6 and GROUP-8).',
    'seed A.3',
  ),
  r(
    'PROTO-3',
    'SHOULD',
    'Error texts are the documented ones (capitals aside); a different text with the right status is NON-STRICT.',
    'seed A.3-A.11',
  ),
  r(
    'PROTO-4',
    'MAY',
    'A server may accept command words in upper case.',
    'the document writes command names in upper case',
  ),
  r(
    'PROTO-5',
    'SHOULD',
    "A file command whose filename is missing gets an ERROR also when the course client's space before the line end leaves an empty word in its place; storing a nameless file is NON-STRICT.",
    'protocol-facts "Servers in the wild" (a send_file without a filename stores a file named "")',
  ),
  // Sessions.
];

/** Transport and framing: the FRAME-n requirements. */
import { r, type Requirement } from './requirement.js';

export const FRAME_REQUIREMENTS: readonly Requirement[] = [
  r(
    'FRAME-1',
    'MUST',
    'A request line ending in CRLF gets exactly one reply: one JSON object followed by CRLF CRLF.',
    'seed A.3; protocol-facts "Transport and framing"',
  ),
  r(
    'FRAME-2',
    'MUST',
    'Every reply is a JSON object whose "status" is "OK" or "ERROR"; an ERROR reply carries its text in "message".',
    'seed A.3',
  ),
  r(
    'FRAME-3',
    'MUST',
    'A space before the line end (as the course client sends) changes nothing.',
    'protocol-facts "Transport and framing"',
  ),
  r(
    'FRAME-4',
    'MUST',
    'A connection carries many requests one after another; each is answered before the client sends the next.',
    'protocol-facts "Transport and framing" (the course client keeps one connection)',
  ),
  r(
    'FRAME-5',
    'SHOULD',
    'A request that arrives in several pieces, down to one byte at a time, is reassembled and answered once.',
    'TCP is a byte stream',
  ),
  r(
    'FRAME-6',
    'SHOULD',
    'A bare LF ends a request just as CRLF does.',
    'robustness for hand-written clients',
  ),
  r(
    'FRAME-7',
    'SHOULD',
    'A request without the space before the line end is answered like one with it.',
    'robustness for other clients',
  ),
  r(
    'FRAME-8',
    'SHOULD',
    'Several requests that arrive in one write are all answered, in order.',
    'TCP is a byte stream',
  ),
  r(
    'FRAME-9',
    'SHOULD',
    'A line longer than the server accepts gets an ERROR reply or a closed connection, never unbounded buffering, and the server keeps serving others.',
    'robustness',
  ),
  r(
    'FRAME-10',
    'SHOULD',
    'Non-ASCII UTF-8 text is carried intact, also when a multi-byte character is split across packets.',
    'robustness',
  ),
  r(
    'FRAME-11',
    'MUST',
    'After a malformed request, a garbage line or a client that disconnects abruptly, the server still answers new connections correctly.',
    'robustness',
  ),
  r(
    'FRAME-12',
    'MUST',
    'A send_file or send_group_file without the space before the line end that the server answers OK stores the file as sent: it downloads byte-exact, never emptied.',
    'protocol-facts "Servers in the wild" (payload rebuilt from j[4:-1]); an OK that loses the file',
  ),
  // Errors common to all commands.
];

/**
 * Whether a reply is ASCII only, as every server of the course writes it (Python's json.dumps
 * escapes non-ASCII as \uXXXX). The course document does not ask for it, so raw UTF-8 is
 * never a miss: at most an INFORMATIONAL note, worth no points, that the course's own clients
 * would break on it. They decode each recv() chunk by itself, and a character split between
 * two chunks makes the decode throw and their connection close.
 */
import { pass, type Check, type Grading } from './check.js';
import { clip } from './show.js';

const NON_ASCII = /[\u0080-\uffff]/;

export function verifyAsciiReply(text: string, grading: Grading): Check {
  const at = text.search(NON_ASCII);
  if (at < 0) return pass('the reply is ASCII only');
  if (grading.setup) return pass('non-ASCII in the reply (ignored in a setup step)');
  const ch = String.fromCodePoint(text.codePointAt(at)!);
  return {
    verdict: 'INFORMATIONAL',
    reason:
      "the reply carries non-ASCII text as raw UTF-8 (allowed); the course's clients decode each recv() chunk by itself and lose the connection when a character is split between two chunks, which json.dumps's \\u escapes avoid",
    expected: 'ASCII only, non-ASCII as \\uXXXX (as json.dumps writes)',
    actual: `${JSON.stringify(ch)} (${Buffer.byteLength(ch)} bytes) in ${clip(text)}`,
    stop: false,
  };
}

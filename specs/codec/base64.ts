/**
 * File contents travel as base64 inside the request line and the reply. One definition of
 * valid base64 for all of chatspec: what the course's own client accepts, since a download it
 * decodes to the right bytes is a download that worked.
 *
 * The course's clients decode with Python's `base64.b64decode(data)` (validate=False), which
 * (binascii.a2b_base64, non-strict) skips characters outside the alphabet (a leading space
 * some servers add, line breaks), stops at a complete padding, and refuses a string whose
 * data characters do not end a group of four without padding ("Incorrect padding") or that is
 * not ASCII. A stricter check (canonical padding, no blanks) would FAIL servers whose files the
 * course client downloads byte-exact; Node's own decoder is laxer still (it takes a lone
 * trailing character, or a missing padding), and would forgive a server the client breaks on.
 */

const ALPHABET = /[A-Za-z0-9+/]/;
/** What b64encode writes: decoded alike by both, without the character walk. */
const CANONICAL = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes `text` decodes to as the course client decodes it, or undefined where it raises. */
export function decodeBase64(text: string): Buffer | undefined {
  // What b64encode writes (nearly every download, a mebibyte long) is found by a round trip
  // through Node's decoder, which costs less than a walk or a regular expression over it: a
  // text that is its own bytes' canonical encoding is ASCII and decodes alike everywhere.
  if (text.length % 4 === 0) {
    const bytes = Buffer.from(text, 'base64');
    if (bytes.toString('base64') === text) return bytes;
  }
  // b64decode encodes a str as ASCII first, and raises for anything else.
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return undefined;
  if (text.length % 4 === 0 && CANONICAL.test(text)) return Buffer.from(text, 'base64');
  let data = '';
  let pads = 0;
  let complete = false;
  for (const char of text) {
    if (char === '=') {
      const quadPos = data.length % 4;
      // A pad after two or three data characters, once it fills the group, ends the input.
      if (quadPos >= 2 && quadPos + ++pads >= 4) {
        complete = true;
        break;
      }
      continue;
    }
    if (!ALPHABET.test(char)) continue;
    pads = 0;
    data += char;
  }
  if (!complete && data.length % 4 !== 0) return undefined;
  return Buffer.from(data, 'base64');
}

export function isValidBase64(text: string): boolean {
  return decodeBase64(text) !== undefined;
}

/**
 * Whether two base64 texts carry the same bytes: downloads are compared as bytes, never as
 * text, so a server may encode the file its own valid way. Invalid base64 matches nothing.
 */
export function sameBase64Bytes(a: string, b: string): boolean {
  const x = decodeBase64(a);
  const y = decodeBase64(b);
  return x !== undefined && y !== undefined && x.equals(y);
}

/**
 * The one canonical spelling of valid base64 (as b64encode writes it), for data chatspec itself
 * puts on a request line, where a blank would split the line; undefined when not valid.
 */
export function canonicalBase64(text: string): string | undefined {
  return decodeBase64(text)?.toString('base64');
}

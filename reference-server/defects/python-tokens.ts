/**
 * How the course's Python servers read a request once it is complete:
 *
 *   j = data.split(" ")
 *   command = j[0].strip()
 *   username = j[1].strip(); ...             # IndexError -> "--Protocol Tidak Benar"
 *   message = ""
 *   for w in j[3:]: message = "{} {}".format(message, w)
 *
 * `data` is the whole buffer, its CRLF included. Splitting on single spaces makes an empty
 * token of every doubled space and of the course client's space before CRLF, which `strip`
 * then turns into an empty param; the text keeps a leading space and the trailing "\r\n"
 * token; the verb is compared exactly, so `AUTH` is an unknown command, and so is an empty
 * line.
 */
import {
  COMMANDS,
  COMMAND_NAMES,
  type CommandSpec,
  type ParseResult,
  type Request,
} from '../../specs/index.js';

/** The characters Python's str.strip() removes (str.isspace), which JS's trim() does not match. */
const PY_SPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');

export function pyStrip(text: string): string {
  return text.replace(PY_STRIP, '');
}

/** The line as the Python server saw it: with its line end, which the default decoder strips. */
export function asReceived(line: string): string {
  return line.endsWith('\n') ? line : `${line}\r\n`;
}

/** `"a  b \r\n".split(" ")`. */
export function pySplit(line: string): string[] {
  return asReceived(line).split(' ');
}

/** `for w in words: s = "{} {}".format(s, w)`: every word after a space. */
export function pyJoinAfterSpaces(words: readonly string[]): string {
  let joined = '';
  for (const w of words) joined += ` ${w}`;
  return joined;
}

const BY_EXACT_WIRE: ReadonlyMap<string, CommandSpec> = new Map(
  COMMAND_NAMES.map((name) => [COMMANDS[name].wire, COMMANDS[name]]),
);

/** Parses a request the way the template's `proses` does, for every command of the table. */
export function parseLikeTemplate(line: string): ParseResult {
  const j = pySplit(line);
  const verb = pyStrip(j[0]!);
  const spec = BY_EXACT_WIRE.get(verb);
  if (spec === undefined) return { ok: false, error: 'UNKNOWN_COMMAND', verb };
  const fields: Record<string, string> = { command: spec.name };
  for (const [i, name] of spec.params.entries()) {
    const token = j[i + 1];
    if (token === undefined) return { ok: false, error: 'MISSING_PARAMS', command: spec.name };
    fields[name] = pyStrip(token);
  }
  const rest = j.slice(spec.params.length + 1);
  if (spec.tail === 'text') fields.text = pyJoinAfterSpaces(rest);
  // A server that reads the payload as one token; a missing one is an empty file.
  else if (spec.tail === 'base64') fields.data = pyStrip(rest[0] ?? '');
  return { ok: true, request: fields as unknown as Request };
}

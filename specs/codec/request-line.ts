/**
 * Request lines: `command SP param (SP param)* [tail]`. Parsing is lenient where real clients
 * differ (runs of spaces or tabs between params, a space before the line end, upper-case
 * command words); formatting is strict and, by default, talks exactly like the course client.
 */
import { COMMANDS, commandByWire, type CommandName } from '../commands.js';
import type { Request } from '../request.js';
import { paramOf, requestFromWords } from '../request.js';

export type ParseFailure =
  | { readonly ok: false; readonly error: 'UNKNOWN_COMMAND'; readonly verb: string }
  | { readonly ok: false; readonly error: 'MISSING_PARAMS'; readonly command: CommandName };

export type ParseResult = { readonly ok: true; readonly request: Request } | ParseFailure;

export function isBlank(code: number): boolean {
  // Space, tab, CR and LF: a stray CR can precede the LF that ended the line.
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a;
}

/** Index of the first non-blank character at or after `from`. */
export function skipBlanks(line: string, from: number): number {
  let i = from;
  while (i < line.length && isBlank(line.charCodeAt(i))) i++;
  return i;
}

/** Index just past the token that starts at `from`. */
export function tokenEnd(line: string, from: number): number {
  let i = from;
  while (i < line.length && !isBlank(line.charCodeAt(i))) i++;
  return i;
}

/**
 * Index just past the word that starts at `from`. In a line whose only blank is the space
 * (nearly every line: `spacesOnly`), that is the next space, which indexOf finds by a native
 * scan instead of a test per character.
 */
function wordEnd(line: string, from: number, spacesOnly: boolean): number {
  if (!spacesOnly) return tokenEnd(line, from);
  const space = line.indexOf(' ', from);
  return space === -1 ? line.length : space;
}

/**
 * Parses one request line (without or with its line terminator). Works in a few linear
 * passes over the string, so a multi-megabyte base64 line costs linear time.
 */
export function parseRequestLine(line: string): ParseResult {
  const spacesOnly =
    line.indexOf('\t') === -1 && line.indexOf('\r') === -1 && line.indexOf('\n') === -1;
  let pos = skipBlanks(line, 0);
  const verbEnd = wordEnd(line, pos, spacesOnly);
  const verb = line.slice(pos, verbEnd);
  const spec = commandByWire(verb);
  if (spec === undefined) return { ok: false, error: 'UNKNOWN_COMMAND', verb };
  pos = verbEnd;

  // Made at its final length: pushing into an empty array first makes room for seventeen,
  // on every request a server reads.
  const count = spec.params.length;
  const words = new Array<string>(spec.tail === 'none' ? count : count + 1);
  for (let k = 0; k < count; k++) {
    const start = skipBlanks(line, pos);
    if (start >= line.length) return { ok: false, error: 'MISSING_PARAMS', command: spec.name };
    const end = wordEnd(line, start, spacesOnly);
    words[k] = line.slice(start, end);
    pos = end;
  }

  if (spec.tail === 'text') {
    const text = line.slice(pos).trim();
    if (text.length === 0) return { ok: false, error: 'MISSING_PARAMS', command: spec.name };
    words[count] = text;
  } else if (spec.tail === 'base64') {
    const start = skipBlanks(line, pos);
    words[count] = line.slice(start, wordEnd(line, start, spacesOnly));
  }
  return { ok: true, request: requestFromWords(spec.name, words) };
}

export interface LineStyle {
  /** The course client puts a space before the line end; most servers expect it or ignore it. */
  readonly trailingSpace: boolean;
  readonly eol: '\r\n' | '\n' | '';
}

/** The way the course's own client talks. */
export const COURSE_CLIENT_STYLE: LineStyle = Object.freeze({ trailingSpace: true, eol: '\r\n' });

/** Formats a request in the canonical spelling (lower-case command, single spaces). */
export function formatRequestLine(
  request: Request,
  style: LineStyle = COURSE_CLIENT_STYLE,
): string {
  const spec = COMMANDS[request.command];
  const parts: string[] = [spec.wire];
  for (const name of spec.params) parts.push(paramOf(request, name) ?? '');
  if (spec.tailParam !== undefined) {
    const tail = paramOf(request, spec.tailParam) ?? '';
    if (tail.length > 0) parts.push(tail);
  }
  return parts.join(' ') + (style.trailingSpace ? ' ' : '') + style.eol;
}

/**
 * The pieces a framing case is made of, each one write on the throwaway connection: valid
 * request lines and prefixes of them, line ends alone, NUL, a lone CR, invalid UTF-8, huge
 * tokens, thousands of spaces, many lines in one packet, random bytes. A chunk is a small
 * description, turned into bytes here, so it shrinks to a readable one.
 */
import fc from 'fast-check';
import type { Dialect } from '../../specs/index.js';
import type { FramingChunkRecord } from '../../results/fuzz.js';
import type { FuzzWorld } from './world.js';

export type Chunk =
  | { readonly kind: 'line'; readonly which: number }
  | { readonly kind: 'partial'; readonly which: number; readonly cut: number }
  | { readonly kind: 'lines'; readonly which: readonly number[] }
  | { readonly kind: 'crlf' }
  | { readonly kind: 'lf' }
  | { readonly kind: 'cr' }
  | { readonly kind: 'nul' }
  | { readonly kind: 'invalid-utf8'; readonly which: number }
  | { readonly kind: 'utf8'; readonly text: string }
  | { readonly kind: 'huge-token'; readonly bytes: number; readonly terminated: boolean }
  | { readonly kind: 'spaces'; readonly count: number }
  | { readonly kind: 'bytes'; readonly bytes: readonly number[] };

export interface FramingCase {
  readonly chunks: readonly Chunk[];
  readonly close: 'fin' | 'abrupt';
}

/** Byte sequences that are not UTF-8: stray continuation, overlong, surrogate, cut short, 0xFF. */
const INVALID_UTF8: readonly Buffer[] = [
  Buffer.from([0x80]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0xff, 0xfe]),
  Buffer.from([0xf4, 0x90, 0x80, 0x80]),
];

/** Largest huge token; the reference server accepts 16 MiB lines, so this is no line-length test. */
export const MAX_HUGE_TOKEN_BYTES = 256 * 1024;

/** Complete request lines a framing case can send, valid and not, each with its CRLF. */
export function requestLines(world: FuzzWorld, dialect: Dialect): readonly string[] {
  const user = world.users[0]!;
  const other = world.users[1] ?? user;
  const group = world.groups[0]?.id ?? 'group1';
  const forged = '00000000-0000-4000-8000-000000000000';
  return [
    dialect.formatRequest({ command: 'AUTH', username: user.username, password: user.password }),
    dialect.formatRequest({
      command: 'AUTH',
      username: user.username,
      password: `${user.password}x`,
    }),
    dialect.formatRequest({ command: 'INBOX', session: forged }),
    dialect.formatRequest({ command: 'SEND', session: forged, to: other.username, text: 'hé 😀' }),
    dialect.formatRequest({ command: 'SEND_GROUP', session: forged, group, text: 'hi' }),
    dialect.formatRequest({ command: 'MY_FILE', session: 'null' }),
    'hello world \r\n',
    ' \r\n',
  ];
}

export function chunkArbitrary(lineCount: number): fc.Arbitrary<Chunk> {
  const which = fc.nat(lineCount - 1);
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('line' as const), which }) },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('partial' as const), which, cut: fc.nat(40) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('lines' as const),
        which: fc.array(which, { minLength: 2, maxLength: 60 }),
      }),
    },
    { weight: 2, arbitrary: fc.constantFrom<Chunk>({ kind: 'crlf' }, { kind: 'lf' }) },
    { weight: 2, arbitrary: fc.constant<Chunk>({ kind: 'cr' }) },
    { weight: 2, arbitrary: fc.constant<Chunk>({ kind: 'nul' }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('invalid-utf8' as const),
        which: fc.nat(INVALID_UTF8.length - 1),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('utf8' as const),
        text: fc.string({
          unit: fc.constantFrom('é', '中', '😀', 'ß', 'a'),
          minLength: 1,
          maxLength: 8,
        }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('huge-token' as const),
        bytes: fc.integer({ min: 1024, max: MAX_HUGE_TOKEN_BYTES }),
        terminated: fc.boolean(),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('spaces' as const),
        count: fc.integer({ min: 1000, max: 10_000 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('bytes' as const),
        bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 32 }),
      }),
    },
  );
}

export function framingCaseArbitrary(
  lineCount: number,
  maxChunks: number,
): fc.Arbitrary<FramingCase> {
  return fc.record({
    // No minimum: fast-check removes trailing items only down to the minimum length, and a
    // chunk after the killing bytes must be removable too.
    chunks: fc.array(chunkArbitrary(lineCount), {
      minLength: 0,
      maxLength: maxChunks,
      size: 'max',
    }),
    close: fc.constantFrom('fin' as const, 'abrupt' as const),
  });
}

function pickLine(lines: readonly string[], which: number): string {
  return lines[which % lines.length] ?? '';
}

export function chunkBytes(chunk: Chunk, lines: readonly string[]): Buffer {
  switch (chunk.kind) {
    case 'line':
      return Buffer.from(pickLine(lines, chunk.which));
    case 'partial': {
      const line = Buffer.from(pickLine(lines, chunk.which));
      // Never the line end: a prefix of the line without it.
      const body = line.subarray(0, line.length - 2);
      return body.subarray(0, Math.min(chunk.cut + 1, body.length));
    }
    case 'lines':
      return Buffer.from(chunk.which.map((w) => pickLine(lines, w)).join(''));
    case 'crlf':
      return Buffer.from('\r\n');
    case 'lf':
      return Buffer.from('\n');
    case 'cr':
      return Buffer.from('\r');
    case 'nul':
      return Buffer.from([0]);
    case 'invalid-utf8':
      return INVALID_UTF8[chunk.which % INVALID_UTF8.length]!;
    case 'utf8':
      return Buffer.from(chunk.text);
    case 'huge-token':
      return Buffer.concat([
        Buffer.alloc(chunk.bytes, 'A'),
        Buffer.from(chunk.terminated ? '\r\n' : ''),
      ]);
    case 'spaces':
      return Buffer.alloc(chunk.count, ' ');
    case 'bytes':
      return Buffer.from(chunk.bytes);
  }
}

/** Bytes as text: printable ASCII as is, the rest escaped, long inputs elided in the middle. */
export function showBytes(bytes: Buffer, max = 120): string {
  const escape = (b: Buffer): string => {
    let out = '';
    for (const byte of b) {
      if (byte === 0x0d) out += '\\r';
      else if (byte === 0x0a) out += '\\n';
      else if (byte === 0x09) out += '\\t';
      else if (byte === 0x5c) out += '\\\\';
      else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
      else out += `\\x${byte.toString(16).padStart(2, '0')}`;
    }
    return out;
  };
  if (bytes.length <= max) return `"${escape(bytes)}"`;
  const head = escape(bytes.subarray(0, max / 2));
  const tail = escape(bytes.subarray(bytes.length - max / 4));
  return `"${head}"…[${bytes.length - max / 2 - max / 4} bytes]…"${tail}"`;
}

export function hexOf(bytes: Buffer, max = 96): string {
  if (bytes.length <= max) return bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');
  const head = bytes
    .subarray(0, max / 2)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
  const tail = bytes
    .subarray(bytes.length - max / 4)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
  return `${head} …[${bytes.length - max / 2 - max / 4} bytes]… ${tail}`;
}

export function describeChunk(chunk: Chunk, lines: readonly string[]): FramingChunkRecord {
  const bytes = chunkBytes(chunk, lines);
  const what: Record<Chunk['kind'], string> = {
    line: 'request line',
    partial: 'partial line',
    lines: `${chunk.kind === 'lines' ? chunk.which.length : 0} lines in one write`,
    crlf: 'CRLF',
    lf: 'bare LF',
    cr: 'lone CR',
    nul: 'NUL',
    'invalid-utf8': 'invalid UTF-8',
    utf8: 'UTF-8 text',
    'huge-token': `huge token${chunk.kind === 'huge-token' && chunk.terminated ? ' + CRLF' : ''}`,
    spaces: 'spaces',
    bytes: 'random bytes',
  };
  const shown =
    chunk.kind === 'huge-token'
      ? `'A' × ${chunk.bytes}${chunk.terminated ? ' + "\\r\\n"' : ''}`
      : chunk.kind === 'spaces'
        ? `' ' × ${chunk.count}`
        : showBytes(bytes);
  return { what: what[chunk.kind], bytes: bytes.length, shown };
}

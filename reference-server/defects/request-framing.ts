/**
 * Defects in how requests are cut out of the byte stream, modelled on the course template's
 * loop (`data = conn.recv(32)`, "complete when it ends with \r\n") and its variants.
 */
import { COMMANDS, DelimitedDecoder, LineDecoder, type Request } from '../../specs/index.js';
import { defectFamily, type Defect, type LineSplitter } from './defect.js';
import { TemplateReadLoop } from './read-loop.js';

const CRLF = Buffer.from('\r\n');

/** Only CRLF ends a request; a bare LF is just another byte of the line. */
class CrlfOnlySplitter implements LineSplitter {
  readonly #frames: DelimitedDecoder;
  constructor(maxLineBytes: number) {
    this.#frames = new DelimitedDecoder(CRLF, maxLineBytes);
  }
  push(chunk: Buffer) {
    const { frames, overflow } = this.#frames.push(chunk);
    return { lines: frames.map((f) => f.toString('utf8')), overflow };
  }
  get pendingBytes(): number {
    return this.#frames.pendingBytes;
  }
}

/** Answers the first request completed by a packet and drops the others in it. */
class FirstOnlySplitter implements LineSplitter {
  readonly #lines: LineDecoder;
  constructor(maxLineBytes: number) {
    this.#lines = new LineDecoder(maxLineBytes);
  }
  push(chunk: Buffer) {
    const { lines, overflow } = this.#lines.push(chunk);
    return { lines: lines.slice(0, 1), overflow };
  }
  get pendingBytes(): number {
    return this.#lines.pendingBytes;
  }
}

/** Treats every packet as holding whole requests: a piece without its LF is a request too. */
class PerPacketSplitter implements LineSplitter {
  readonly #maxLineBytes: number;
  constructor(maxLineBytes: number) {
    this.#maxLineBytes = maxLineBytes;
  }
  push(chunk: Buffer) {
    const pieces = chunk.toString('utf8').split('\n');
    if (pieces[pieces.length - 1] === '') pieces.pop();
    const lines = pieces.map((p) => (p.endsWith('\r') ? p.slice(0, -1) : p));
    return { lines, overflow: lines.some((l) => Buffer.byteLength(l) > this.#maxLineBytes) };
  }
  /** Nothing is held: every packet is taken whole. */
  readonly pendingBytes = 0;
}

/** Decodes each packet as UTF-8 on its own, so a character split across packets is mangled. */
class Utf8PerPacketSplitter implements LineSplitter {
  readonly #maxLineBytes: number;
  #pending = '';
  constructor(maxLineBytes: number) {
    this.#maxLineBytes = maxLineBytes;
  }
  push(chunk: Buffer) {
    const pieces = (this.#pending + chunk.toString('utf8')).split('\n');
    this.#pending = pieces.pop() ?? '';
    const lines = pieces.map((p) => (p.endsWith('\r') ? p.slice(0, -1) : p));
    const overflow =
      this.#pending.length > this.#maxLineBytes ||
      lines.some((l) => Buffer.byteLength(l) > this.#maxLineBytes);
    return { lines, overflow };
  }
  get pendingBytes(): number {
    return Buffer.byteLength(this.#pending);
  }
}

/**
 * The course server splits on single spaces and uses the last token as it is: the course
 * client's space before CRLF keeps the line end out of the last param, any other client's
 * does not. Returns the request with the line end glued to its last one-word param.
 */
function glueLineEnd(request: Request): Request {
  const spec = COMMANDS[request.command];
  const fields = { ...request } as unknown as Record<string, string>;
  if (spec.tail === 'text') return request; // compared trimmed: the line end is harmless there
  const last =
    spec.tail === 'base64' && fields.data !== '' ? 'data' : spec.params[spec.params.length - 1]!;
  fields[last] = `${fields[last] ?? ''}\r\n`;
  return fields as unknown as Request;
}

export const REQUEST_FRAMING_DEFECTS: readonly Defect[] = defectFamily('request-framing', [
  {
    name: 'requires-crlf',
    description: 'ends a request only at \\r\\n; a request ended by a bare LF is never answered',
    breaks: ['FRAME-6'],
    hooks: () => ({ splitLines: (max) => new CrlfOnlySplitter(max) }),
  },
  {
    name: 'first-request-only',
    description: 'answers only the first of several requests that arrive in one packet',
    breaks: ['FRAME-8'],
    hooks: () => ({ splitLines: (max) => new FirstOnlySplitter(max) }),
  },
  {
    name: 'no-reassembly',
    description:
      'takes each packet as whole requests, so a request sent in pieces is answered piece by piece',
    breaks: ['FRAME-5'],
    hooks: () => ({ splitLines: (max) => new PerPacketSplitter(max) }),
  },
  {
    name: 'utf8-per-packet',
    description:
      'decodes each packet as UTF-8 by itself, mangling a character split across packets',
    breaks: ['FRAME-10'],
    hooks: () => ({ splitLines: (max) => new Utf8PerPacketSplitter(max) }),
  },
  {
    name: 'template-read-loop',
    description:
      'reads 32 bytes at a time and takes the buffer as one request once it ends with \\r\\n: a bare LF is never answered, requests in one write merge into the first, a character split across reads kills the connection silently',
    breaks: ['FRAME-6', 'FRAME-8', 'FRAME-10'],
    hooks: () => ({ splitLines: (max) => new TemplateReadLoop(max) }),
  },
  {
    name: 'needs-trailing-space',
    description: 'keeps the line end in the last param unless the client puts a space before it',
    breaks: ['FRAME-7'],
    hooks: () => ({
      parse: (parsed, line) =>
        parsed.ok && !/[ \t]\r?$/.test(line)
          ? { ok: true, request: glueLineEnd(parsed.request) }
          : parsed,
    }),
  },
]);

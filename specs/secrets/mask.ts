/**
 * Passwords never leave chatspec in what it shows or writes: one policy, here, decides what
 * is a secret, and every command applies it once, before any renderer sees the data.
 *
 * Two kinds of secret:
 * - the password word of a login line, at the position the dialect's AUTH template puts it
 *   (`masuk {username} {password}`: the third word of a line starting `masuk`), and of the
 *   two spellings seen in the wild (`auth`, `login`), whatever the dialect;
 * - the fixture's passwords, wherever they appear as a whole word in any text: a course
 *   server prints `data dari client: auth aul sby`, and a reply or a reason may quote one.
 *
 * A request may cross the wire in many pieces (one byte per packet in the framing scenarios),
 * so a connection's pieces are read as one stream and the hidden characters mapped back to
 * each piece: a password split over ten transcript entries is masked in all ten.
 */
import { isBlank } from '../codec/request-line.js';
import type { DialectSpec } from '../dialect/spec.js';
import { SEED_FIXTURE, type Fixture } from '../fixture.js';

export const SECRET_MASK = '***';

/** Where a login line keeps its password. */
export interface LoginSpelling {
  /** The verb in lower case; verbs are compared ignoring case, as the servers' parser does. */
  readonly verb: string;
  /** Which word after the verb is the password (1: the first one). */
  readonly passwordWord: number;
}

/** `auth` (the document's) and `login` (the other spelling in the wild), both `VERB USER PASSWORD`. */
export const DEFAULT_LOGIN_SPELLINGS: readonly LoginSpelling[] = Object.freeze([
  { verb: 'auth', passwordWord: 2 },
  { verb: 'login', passwordWord: 2 },
]);

/** The dialect's own login spelling, read from its AUTH request template. */
export function loginSpellingOf(spec: DialectSpec): LoginSpelling | undefined {
  const auth = spec.commands.AUTH;
  if (auth === 'unsupported') return undefined;
  const [verb, ...rest] = auth.request.trim().split(/\s+/);
  const at = rest.indexOf('{password}');
  if (verb === undefined || verb === '' || at < 0) return undefined;
  return { verb: verb.toLowerCase(), passwordWord: at + 1 };
}

export interface SecretSource {
  /** The dialect spoken; its login template says where the password is. */
  readonly dialect?: { readonly spec: DialectSpec } | DialectSpec;
  /** The users logged in with; their passwords are masked in any text. Default: the seed's. */
  readonly fixture?: Fixture;
}

/** A half-open range of characters to hide. */
interface Range {
  readonly start: number;
  readonly end: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Letters, digits and `_` make a word: `sbyx` and `sby_1` are other words than `sby`. */
const WORD_CHAR = '[\\p{L}\\p{N}_]';

export class Secrets {
  readonly spellings: ReadonlyMap<string, number>;
  readonly passwords: readonly string[];
  readonly #passwordPattern: RegExp | undefined;
  readonly #verbPattern: RegExp;

  constructor(source: SecretSource = {}) {
    const spec =
      source.dialect === undefined
        ? undefined
        : 'spec' in source.dialect
          ? source.dialect.spec
          : source.dialect;
    const own = spec === undefined ? undefined : loginSpellingOf(spec);
    const spellings = new Map<string, number>();
    for (const s of [...DEFAULT_LOGIN_SPELLINGS, ...(own ? [own] : [])]) {
      spellings.set(s.verb, s.passwordWord);
    }
    this.spellings = spellings;
    const fixture = source.fixture ?? SEED_FIXTURE;
    // A password that is also a username or a group id is left to the login-line rule: hiding
    // it everywhere would hide who sent what, and the name is in every report anyway.
    const names = new Set([
      ...fixture.users.map((u) => u.username),
      ...fixture.groups.map((g) => g.id),
    ]);
    this.passwords = [
      ...new Set(fixture.users.map((u) => u.password).filter((p) => p !== '' && !names.has(p))),
    ].sort((a, b) => b.length - a.length);
    // Compared exactly, as a server compares a password: `Surabaya` is not the secret `surabaya`.
    // A password that is also an ordinary word (`surabaya`, the city) is masked in a message
    // too: the text can tell a city from a password no better than we can, and a hidden word
    // in a report costs less than a leaked password.
    this.#passwordPattern =
      this.passwords.length === 0
        ? undefined
        : new RegExp(
            `(?<!${WORD_CHAR})(?:${this.passwords.map(escapeRegExp).join('|')})(?!${WORD_CHAR})`,
            'gu',
          );
    this.#verbPattern = new RegExp(
      `(?<!${WORD_CHAR})(?:${[...spellings.keys()].map(escapeRegExp).join('|')})(?!${WORD_CHAR})`,
      'giu',
    );
  }

  /** Text of request lines (or a stream's start): login passwords and fixture passwords hidden. */
  maskLines(text: string): string {
    return hide(text, [...this.#lineRanges(text), ...this.#passwordRanges(text)]);
  }

  /** Any text (a reply, a reason, a message): the fixture's passwords hidden. */
  maskText(text: string): string {
    return hide(text, this.#passwordRanges(text));
  }

  /**
   * Free text such as a server's output lines: a login verb anywhere in a line (not only at its
   * start: `data dari client: auth aul sby`) hides the password word after it, and the
   * fixture's passwords are hidden wherever they are.
   */
  maskFreeText(text: string): string {
    return hide(text, [...this.#freeRanges(text), ...this.#passwordRanges(text)]);
  }

  /**
   * One stream's pieces, each masked as if the stream were whole: `lines` for what a client
   * sent, `text` for anything else.
   */
  maskStream(pieces: readonly string[], kind: 'lines' | 'text'): string[] {
    const whole = pieces.join('');
    const ranges = merge(
      kind === 'lines'
        ? [...this.#lineRanges(whole), ...this.#passwordRanges(whole)]
        : this.#passwordRanges(whole),
    );
    const out: string[] = [];
    let offset = 0;
    for (const piece of pieces) {
      out.push(hidePiece(piece, offset, ranges));
      offset += piece.length;
    }
    return out;
  }

  /**
   * A transcript with its secrets masked: each connection's sent entries are read as one
   * stream of request lines, its received ones as one stream of text; events as text. Byte
   * counts are kept: they still say what crossed the wire.
   */
  maskTranscript<T extends TranscriptLike>(entries: readonly T[]): T[] {
    const texts = entries.map((e) => e.text);
    const streams = new Map<string, number[]>();
    entries.forEach((entry, i) => {
      const key = `${entry.direction}\u0000${entry.connection}`;
      const list = streams.get(key) ?? [];
      list.push(i);
      streams.set(key, list);
    });
    for (const indexes of streams.values()) {
      const kind = entries[indexes[0]!]!.direction === 'sent' ? 'lines' : 'text';
      const masked = this.maskStream(
        indexes.map((i) => entries[i]!.text),
        kind,
      );
      indexes.forEach((entryIndex, k) => (texts[entryIndex] = masked[k]!));
    }
    return entries.map((entry, i) =>
      texts[i] === entry.text ? entry : { ...entry, text: texts[i]! },
    );
  }

  /**
   * A saved result (report.json, fuzz-report.json, class-run files) with every secret masked:
   * `transcript` arrays as transcripts, `request` fields as request lines, every other string
   * as text. Fields named in `keep` are left whole (a replayable scenario needs its password).
   */
  maskResult<T>(value: T, keep: readonly string[] = []): T {
    const keepSet = new Set(keep);
    const walk = (node: unknown, key: string | undefined): unknown => {
      if (typeof node === 'string') {
        if (key === 'request') return this.maskLines(node);
        // A reason may quote what a launched server printed (`; the server printed: …`): that
        // part is the server's free text, where a login line may stand anywhere. chatspec's own
        // words before it are not (`step 1 (auth): no reply …` names no password).
        return key === 'reason' ? this.#maskReason(node) : this.maskText(node);
      }
      if (Array.isArray(node)) {
        if (key === 'transcript' && node.every(isTranscriptLike)) return this.maskTranscript(node);
        // What a launched server printed is free text: it may log a login line anywhere.
        if (key === 'serverOutput') {
          return node.map((line: unknown) =>
            isTextLine(line)
              ? { ...line, text: this.maskFreeText(line.text) }
              : walk(line, undefined),
          );
        }
        return node.map((item) => walk(item, undefined));
      }
      if (node === null || typeof node !== 'object') return node;
      return Object.fromEntries(
        Object.entries(node).map(([k, field]) => [k, keepSet.has(k) ? field : walk(field, k)]),
      );
    };
    return walk(value, undefined) as T;
  }

  #maskReason(reason: string): string {
    const at = reason.indexOf(SERVER_PRINTED);
    if (at < 0) return this.maskText(reason);
    const quoted = at + SERVER_PRINTED.length;
    return this.maskText(reason.slice(0, quoted)) + this.maskFreeText(reason.slice(quoted));
  }

  /** Password words of login lines: the verb starts the line (after blanks). */
  #lineRanges(text: string): Range[] {
    const ranges: Range[] = [];
    let lineStart = 0;
    while (lineStart <= text.length) {
      const newline = text.indexOf('\n', lineStart);
      const lineEnd = newline < 0 ? text.length : newline;
      const words = wordsOf(text, lineStart, lineEnd);
      const verb = words[0];
      const at =
        verb === undefined
          ? undefined
          : this.spellings.get(text.slice(verb.start, verb.end).toLowerCase());
      const password = at === undefined ? undefined : words[at];
      if (password !== undefined) ranges.push(password);
      if (newline < 0) break;
      lineStart = newline + 1;
    }
    return ranges;
  }

  /** Password words after a login verb anywhere in a line. */
  #freeRanges(text: string): Range[] {
    const ranges: Range[] = [];
    for (const match of text.matchAll(this.#verbPattern)) {
      const start = match.index;
      const newline = text.indexOf('\n', start);
      const words = wordsOf(text, start, newline < 0 ? text.length : newline);
      const password = words[this.spellings.get(match[0].toLowerCase()) ?? -1];
      if (password !== undefined) ranges.push(password);
    }
    return ranges;
  }

  #passwordRanges(text: string): Range[] {
    if (this.#passwordPattern === undefined) return [];
    return [...text.matchAll(this.#passwordPattern)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
    }));
  }
}

/** How a reason introduces what a launched server printed (harness/conformance/run). */
export const SERVER_PRINTED = '; the server printed: ';

function isTextLine(value: unknown): value is { readonly text: string } {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { text?: unknown }).text === 'string'
  );
}

export interface TranscriptLike {
  readonly direction: string;
  readonly connection: string;
  readonly text: string;
}

function isTranscriptLike(value: unknown): value is TranscriptLike {
  if (value === null || typeof value !== 'object') return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.direction === 'string' &&
    typeof entry.connection === 'string' &&
    typeof entry.text === 'string'
  );
}

/** The blank-separated words of `text[from, to)`, as the servers' parser splits them. */
function wordsOf(text: string, from: number, to: number): Range[] {
  const words: Range[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isBlank(text.charCodeAt(i))) i++;
    if (i >= to) break;
    const start = i;
    while (i < to && !isBlank(text.charCodeAt(i))) i++;
    words.push({ start, end: i });
  }
  return words;
}

function merge(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r.start <= last.end) {
      out[out.length - 1] = { start: last.start, end: Math.max(last.end, r.end) };
    } else out.push(r);
  }
  return out;
}

function hide(text: string, ranges: readonly Range[]): string {
  return ranges.length === 0 ? text : hidePiece(text, 0, merge(ranges));
}

/**
 * The piece that starts at `offset` of its stream, with hidden characters dropped; where a
 * hidden range starts, `***` stands for all of it, so its length is not told.
 */
function hidePiece(piece: string, offset: number, ranges: readonly Range[]): string {
  let out = '';
  let pos = 0;
  for (const r of ranges) {
    const start = r.start - offset;
    const end = r.end - offset;
    if (end <= 0 || start >= piece.length) continue;
    if (start > pos) out += piece.slice(pos, start);
    if (start >= 0) out += SECRET_MASK;
    pos = Math.max(pos, Math.min(end, piece.length));
  }
  return out + piece.slice(pos);
}

/**
 * Passwords never leave chatspec in a report: the password of every `auth` line a client
 * sent is replaced by `***` before a transcript is shown (console, junit.xml, HTML) or
 * written (report.json, unless the user asks to keep the bytes with `--keep-secrets`).
 *
 * A request may cross the wire in many pieces (one byte per packet in the framing
 * scenarios), so masking reads each connection's sent bytes as one stream: a password
 * split over ten transcript entries is masked in all ten. The reading follows the
 * reference server's parser: blanks (space, tab, CR) separate words, LF ends a line, the
 * command word is compared ignoring case, and the password is the third word.
 */
import type { TranscriptEntry } from '../results/transcript.js';
import type { FuzzResult } from '../results/fuzz.js';
import type { RunResult, ScenarioResult } from '../results/run.js';

export const PASSWORD_MASK = '***';

/** Where the reading is inside the current line. */
type Phase =
  | 'lineStart' // blanks before the command word
  | 'verb' // inside the command word
  | 'beforeUser'
  | 'user'
  | 'beforePassword'
  | 'password'
  | 'rest'; // anything else, up to the line end

/**
 * The login words masked after by default: the document's `auth`, and `login`, the other
 * spelling servers in the wild use for it. A dialect may name more.
 */
export const LOGIN_WORDS: readonly string[] = ['auth', 'login'];

function isBlank(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\r';
}

/** A password-masking reader for one connection's sent stream; state carries across pieces. */
export class PasswordMasker {
  readonly #authVerbs: ReadonlySet<string>;
  readonly #longestVerb: number;
  #phase: Phase = 'lineStart';
  #verb = '';

  /** `authVerbs`: the login command's words in lower case (a dialect may say `login`). */
  constructor(authVerbs: readonly string[] = LOGIN_WORDS) {
    this.#authVerbs = new Set(authVerbs.map((verb) => verb.toLowerCase()));
    this.#longestVerb = Math.max(...authVerbs.map((verb) => verb.length));
  }

  /** Masks one piece of the stream: a password's first character becomes `***`, the rest go. */
  mask(text: string): string {
    let out = '';
    for (const char of text) {
      if (char === '\n') {
        this.#phase = 'lineStart';
        this.#verb = '';
        out += char;
        continue;
      }
      const blank = isBlank(char);
      switch (this.#phase) {
        case 'lineStart':
          if (!blank) {
            this.#phase = 'verb';
            this.#verb = char.toLowerCase();
          }
          break;
        case 'verb':
          if (blank) this.#phase = this.#authVerbs.has(this.#verb) ? 'beforeUser' : 'rest';
          else if (this.#verb.length <= this.#longestVerb) this.#verb += char.toLowerCase();
          break;
        case 'beforeUser':
          if (!blank) this.#phase = 'user';
          break;
        case 'user':
          if (blank) this.#phase = 'beforePassword';
          break;
        case 'beforePassword':
          if (!blank) {
            this.#phase = 'password';
            out += PASSWORD_MASK;
            continue;
          }
          break;
        case 'password':
          if (blank) this.#phase = 'rest';
          else continue;
          break;
        case 'rest':
          break;
      }
      out += char;
    }
    return out;
  }
}

/** One text holding whole request lines (or a stream's start), its passwords masked. */
export function maskPassword(text: string): string {
  return new PasswordMasker().mask(text);
}

/**
 * A transcript with every sent password masked. Received bytes and events are kept as they
 * are; each connection's sent entries are read as one stream, in order.
 */
export function maskTranscript(
  entries: readonly TranscriptEntry[],
  authVerbs: readonly string[] = LOGIN_WORDS,
): TranscriptEntry[] {
  const maskers = new Map<string, PasswordMasker>();
  return entries.map((entry) => {
    if (entry.direction !== 'sent') return entry;
    let masker = maskers.get(entry.connection);
    if (masker === undefined) {
      masker = new PasswordMasker(authVerbs);
      maskers.set(entry.connection, masker);
    }
    const text = masker.mask(entry.text);
    return text === entry.text ? entry : { ...entry, text };
  });
}

export function maskScenario(
  scenario: ScenarioResult,
  authVerbs: readonly string[] = LOGIN_WORDS,
): ScenarioResult {
  return { ...scenario, transcript: maskTranscript(scenario.transcript, authVerbs) };
}

/**
 * The run with every transcript masked: what the reports show unless told to keep secrets.
 * `authVerbs`: the login words to mask after (`auth`, and a dialect's own, such as `login`).
 */
export function maskRunResult(
  result: RunResult,
  authVerbs: readonly string[] = LOGIN_WORDS,
): RunResult {
  return { ...result, scenarios: result.scenarios.map((s) => maskScenario(s, authVerbs)) };
}

/** Every `request` field below `value` masked; everything else kept as it is. */
function maskRequests<T>(value: T): T {
  if (Array.isArray(value)) return value.map(maskRequests) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      key === 'request' && typeof field === 'string' ? maskPassword(field) : maskRequests(field),
    ]),
  ) as T;
}

/**
 * A fuzz result with the password of every request line shown masked: the shrunk case, the
 * learning steps, the notes' examples. The scenario file written beside it is left whole,
 * since replaying it needs the password; the framing mode's raw byte chunks are shown as sent.
 */
export function maskFuzzResult(result: FuzzResult): FuzzResult {
  return { ...maskRequests(result), ...(result.scenario ? { scenario: result.scenario } : {}) };
}

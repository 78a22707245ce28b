/**
 * Text in a report may come from the server under test, and a hostile or broken server can
 * send NUL, ANSI escapes that rewrite the reader's terminal, bidi overrides that reorder a
 * line, or line breaks that forge report lines. Everything a report shows on one line goes
 * through `visible`, which spells such characters out as a JavaScript string literal would
 * (`\r\n`, `\x00`, `\x1b`, `\u202e`).
 *
 * Two modes. `wire`, for bytes as they crossed the wire, also doubles the backslash, so a
 * JSON escape inside a reply (`\r` as two characters) never reads like the CR LF that frames
 * it. `prose`, for the harness's own sentences (a reason, an expected value), leaves the
 * backslash alone so that `\r\n\r\n` written in a sentence reads as written.
 */
export type VisibleMode = 'wire' | 'prose';

const NAMED: Readonly<Record<string, string>> = {
  '\r': '\\r',
  '\n': '\\n',
  '\t': '\\t',
  '\\': '\\\\',
};

/**
 * Characters that must not reach a terminal or a report file as themselves: C0 controls,
 * DEL and C1 controls (0x9b is a one-byte CSI on some terminals), zero-width characters and
 * LRM/RLM, line and paragraph separators, bidi embeddings, overrides and isolates, the BOM,
 * lone surrogates (with the `u` flag a well-formed pair is one code point and never matches)
 * and the noncharacters U+FFFE/U+FFFF that XML forbids.
 */
const INVISIBLE = String.raw`\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff\ufffe\uffff`;

interface Escaper {
  /** Every character to escape. */
  readonly hidden: RegExp;
  /**
   * The same without the `u` flag, which V8 runs several times faster: it also matches every
   * surrogate, paired or not, so text with astral characters takes the exact path.
   */
  readonly maybeHidden: RegExp;
  /** Splits text into plain runs (even indexes) and the hidden characters between them. */
  readonly split: RegExp;
}

function escaper(characterClass: string): Escaper {
  return {
    hidden: new RegExp(`[${characterClass}]`, 'gu'),
    maybeHidden: new RegExp(`[${characterClass}]`),
    split: new RegExp(`([${characterClass}])`, 'u'),
  };
}

const ESCAPERS: Readonly<Record<VisibleMode, Escaper>> = {
  wire: escaper(String.raw`\\` + INVISIBLE),
  prose: escaper(INVISIBLE),
};

function escapeCodePoint(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const codePoint = char.codePointAt(0) ?? 0;
  const hex = codePoint.toString(16).padStart(2, '0');
  return codePoint <= 0xff ? `\\x${hex}` : `\\u${hex.padStart(4, '0')}`;
}

/** `text` with every control or invisible character spelled out; never contains a line break. */
export function visible(text: string, mode: VisibleMode = 'prose'): string {
  const { hidden, maybeHidden } = ESCAPERS[mode];
  return maybeHidden.test(text) ? text.replace(hidden, escapeCodePoint) : text;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Whether a cut at UTF-16 index `at` would split a surrogate pair. */
function splitsPair(text: string, at: number): boolean {
  return (
    at > 0 &&
    at < text.length &&
    isHighSurrogate(text.charCodeAt(at - 1)) &&
    isLowSurrogate(text.charCodeAt(at))
  );
}

/** Well-formed surrogate pairs: each is one code point in two UTF-16 units. */
const PAIR = /[\ud800-\udbff][\udc00-\udfff]/g;

function countCodePoints(text: string): number {
  return text.length - (text.match(PAIR)?.length ?? 0);
}

/** What a part costs once visible: a plain run its own length, a hidden character its escape. */
function cost(part: string, index: number): number {
  return index % 2 === 1 ? escapeCodePoint(part).length : part.length;
}

/**
 * The longest prefix of `region` whose visible form fits `budget`, never ending inside a
 * surrogate pair or an escape. One split of the region, then a walk over its parts.
 */
function fittingPrefix(region: string, budget: number, mode: VisibleMode): string {
  const parts = region.split(ESCAPERS[mode].split);
  let taken = '';
  let used = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (used + cost(part, i) <= budget) {
      taken += part;
      used += cost(part, i);
      continue;
    }
    if (i % 2 === 0) {
      const length = budget - used;
      taken += part.slice(0, splitsPair(part, length) ? length - 1 : length);
    }
    break;
  }
  return taken;
}

/** The same from the end. */
function fittingSuffix(region: string, budget: number, mode: VisibleMode): string {
  const parts = region.split(ESCAPERS[mode].split);
  let taken = '';
  let used = 0;
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]!;
    if (used + cost(part, i) <= budget) {
      taken = part + taken;
      used += cost(part, i);
      continue;
    }
    if (i % 2 === 0) {
      const start = part.length - (budget - used);
      taken = part.slice(splitsPair(part, start) ? start + 1 : start) + taken;
    }
    break;
  }
  return taken;
}

/**
 * `visible(text)`, cut in the middle when longer than `maxChars` so both ends stay in view: the
 * head of a reply shows its status, the tail shows how it was framed. The marker counts the
 * original characters (code points) left out. Only the ends are looked at, so a megabyte of
 * text costs little more than a line of it.
 */
export function visibleBounded(
  text: string,
  maxChars: number,
  mode: VisibleMode = 'prose',
): string {
  if (text.length <= maxChars) {
    const whole = visible(text, mode);
    if (whole.length <= maxChars) return whole;
  }
  const headBudget = Math.ceil(maxChars * 0.6);
  const tailBudget = maxChars - headBudget;
  // An escape is never shorter than what it escapes, so an end never takes more UTF-16 units
  // than its budget: looking at that many is enough. (A pair cut at the edge shows up as a
  // half, whose six-character escape is never taken.)
  const head = fittingPrefix(text.slice(0, headBudget), headBudget, mode);
  const tail = fittingSuffix(text.slice(Math.max(0, text.length - tailBudget)), tailBudget, mode);
  const omitted = countCodePoints(text) - countCodePoints(head) - countCodePoints(tail);
  return `${visible(head, mode)}…[${omitted} chars omitted]…${visible(tail, mode)}`;
}

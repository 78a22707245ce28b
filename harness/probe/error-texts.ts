/** The server's error texts, each taken only when seen and never for two errors at once. */
import { ERROR_TEXTS, type ErrorCode } from '../../specs/index.js';
import type { Answer } from './link.js';
import { statusOf, textOf } from './observe.js';
import { note, type Work } from './work.js';

/** Errors a server may fairly answer with one text: both say the user does not exist. */
function sameMeaning(a: ErrorCode, b: ErrorCode): boolean {
  const users: readonly ErrorCode[] = ['AUTH_UNKNOWN_USER', 'UNKNOWN_USER'];
  return users.includes(a) && users.includes(b);
}

/** Takes an observed error text as the server's spelling of `code`, unless it is another's. */
export function learnError(w: Work, code: ErrorCode, answer: Answer, how: string): void {
  if (answer.kind !== 'json' || statusOf(answer.json) !== 'ERROR') {
    note(
      w,
      `errors.${code}`,
      'assumed',
      `not observed (${how} was not answered with ERROR); the document's text kept`,
    );
    return;
  }
  const found = textOf(answer.json, w.data.textKeys);
  if (found === undefined) {
    note(
      w,
      `errors.${code}`,
      'assumed',
      `${how} answered ERROR without a text; the document's text kept`,
    );
    return;
  }
  const text = found.text.trim();
  const canonicalOwner = (Object.keys(ERROR_TEXTS) as ErrorCode[]).find(
    (c) => ERROR_TEXTS[c].toLowerCase() === text.toLowerCase(),
  );
  if (canonicalOwner === code) {
    note(w, `errors.${code}`, 'confirmed', `${how} is answered with the document's text`);
    return;
  }
  const other = canonicalOwner ?? w.seenErrors.get(text.toLowerCase());
  if (other !== undefined && other !== code && !sameMeaning(other, code)) {
    note(
      w,
      `errors.${code}`,
      'assumed',
      `${how} is answered with ${JSON.stringify(text)}, the text of ${other}; not taken as this error's text (a test reports it)`,
    );
    return;
  }
  w.seenErrors.set(text.toLowerCase(), code);
  w.errors[code] = [text];
  note(w, `errors.${code}`, 'confirmed', `${how} is answered with this text`);
}

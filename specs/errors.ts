/**
 * Every error a server of this protocol answers, named once. The texts are spelled as the
 * course's original servers spell them (see PROTOCOL.md, "Error texts").
 */
export const ERROR_TEXTS = {
  UNKNOWN_COMMAND: '**Protocol Tidak Benar',
  MISSING_PARAMS: '--Protocol Tidak Benar',
  AUTH_UNKNOWN_USER: 'User Tidak Ada',
  AUTH_WRONG_PASSWORD: 'Password Salah',
  UNKNOWN_SESSION: 'Session Tidak Ditemukan',
  UNKNOWN_USER: 'User Tidak Ditemukan',
  UNKNOWN_GROUP: 'Group Tidak Ditemukan',
  FILE_NOT_FOUND: 'File Tidak Ditemukan',
  LINE_TOO_LONG: 'Request Terlalu Panjang',
  STORAGE_FULL: 'Penyimpanan Penuh',
} as const;

export type ErrorCode = keyof typeof ERROR_TEXTS;
export type ErrorText = (typeof ERROR_TEXTS)[ErrorCode];

/**
 * Texts that real servers use instead of the documented one and that a checker therefore
 * meets often. They still miss the SHOULD (a NON-STRICT verdict), but a report can name them.
 */
export const KNOWN_ALTERNATIVE_TEXTS: Readonly<Partial<Record<ErrorCode, readonly string[]>>> = {
  // Most original servers look the session up as a dictionary key first (protocol-facts.md, 1).
  UNKNOWN_SESSION: ['Informasi tidak ditemukan'],
};

/** The document's general error for a missing dictionary key; kept for checkers' messages. */
export const UNKNOWN_KEY_TEXT = 'Informasi tidak ditemukan';

/**
 * Whether `actual` is the documented text of `code`. Capitals are ignored because the
 * document itself spells the same text both ways ("User tidak ada", "User Tidak Ada").
 */
export function isDocumentedErrorText(code: ErrorCode, actual: string): boolean {
  return actual.trim().toLowerCase() === ERROR_TEXTS[code].toLowerCase();
}

/** What a requirement is: its id, level, rule and source. */

export type Level = 'MUST' | 'SHOULD' | 'MAY';

/** `AREA-N`, e.g. `AUTH-1`, `FRAME-6`. */
export type RequirementId = `${RequirementArea}-${number}`;

export const REQUIREMENT_AREAS = [
  'FRAME',
  'PROTO',
  'SESSION',
  'AUTH',
  'SEND',
  'INBOX',
  'SENDFILE',
  'DOWNLOAD',
  'MYFILE',
  'GROUP',
  'GROUPFILE',
  'PROCESS',
] as const;
export type RequirementArea = (typeof REQUIREMENT_AREAS)[number];

export interface Requirement {
  readonly id: RequirementId;
  readonly level: Level;
  /** The rule in one sentence, in MUST/SHOULD/MAY words. */
  readonly text: string;
  /** Where the seed document says it (section), or the source of the rule. */
  readonly source: string;
  /**
   * `process`: judged by watching a server chatspec launched (its CPU, its exits), not by a
   * scenario on the wire; it is UNTESTED against a server chatspec only dials.
   */
  readonly judgedBy?: 'process';
}

/** One requirement, frozen. */
export function r(
  id: RequirementId,
  level: Level,
  text: string,
  source: string,
  judgedBy?: 'process',
): Requirement {
  return Object.freeze({ id, level, text, source, ...(judgedBy ? { judgedBy } : {}) });
}

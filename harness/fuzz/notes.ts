/**
 * Verdicts short of failing (NON-STRICT, INFORMATIONAL, UNIMPLEMENTED), counted across a
 * campaign with the first example of each, so a report says "the unknown-session text
 * differs, 412 times, e.g. …" instead of one line per step.
 */
import { severity } from '../../results/run.js';
import type { Finding } from './compare.js';
import type { FuzzNote } from '../../results/fuzz.js';

/** Distinct notes kept; a server with a thousand different texts cannot grow the report. */
export const MAX_NOTES = 100;

export class NoteBook {
  readonly #notes = new Map<string, { note: Omit<FuzzNote, 'count'>; count: number }>();
  #dropped = 0;

  add(finding: Finding, request: string, actual: string): void {
    if (finding.verdict === 'PASS') return;
    const key = `${finding.verdict}|${finding.requirement ?? ''}|${finding.reason}`;
    const entry = this.#notes.get(key);
    if (entry !== undefined) {
      entry.count++;
      return;
    }
    if (this.#notes.size >= MAX_NOTES) {
      this.#dropped++;
      return;
    }
    this.#notes.set(key, {
      note: {
        verdict: finding.verdict,
        reason: finding.reason,
        ...(finding.requirement !== undefined ? { requirement: finding.requirement } : {}),
        example: { request, actual },
      },
      count: 1,
    });
  }

  /** Notes that did not fit under MAX_NOTES. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Most severe first, then most frequent. */
  list(): FuzzNote[] {
    return [...this.#notes.values()]
      .map(({ note, count }) => ({ ...note, count }))
      .sort((a, b) => severity(b.verdict) - severity(a.verdict) || b.count - a.count);
  }
}

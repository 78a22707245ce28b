/**
 * The defect catalogue: every defect by name, and the `NAME[=VALUE]` selection syntax that
 * `--defect` and the library's `defects: [...]` share.
 */
import type { Defect } from './defect.js';
import { ERROR_TEXT_DEFECTS } from './error-texts.js';
import { FILE_DEFECTS } from './files.js';
import { GROUP_DEFECTS } from './groups.js';
import { LIVENESS_DEFECTS } from './liveness.js';
import { MESSAGE_DEFECTS } from './messages.js';
import { REPLY_FRAMING_DEFECTS } from './reply-framing.js';
import { PARSING_DEFECTS } from './parsing.js';
import { REQUEST_FRAMING_DEFECTS } from './request-framing.js';
import { SESSION_DEFECTS } from './sessions.js';

/** In the order of the request path: bytes in, then sessions and commands, then bytes out. */
export const DEFECTS: readonly Defect[] = Object.freeze([
  ...REQUEST_FRAMING_DEFECTS,
  ...PARSING_DEFECTS,
  ...SESSION_DEFECTS,
  ...MESSAGE_DEFECTS,
  ...GROUP_DEFECTS,
  ...FILE_DEFECTS,
  ...ERROR_TEXT_DEFECTS,
  ...REPLY_FRAMING_DEFECTS,
  ...LIVENESS_DEFECTS,
]);

const BY_NAME: ReadonlyMap<string, Defect> = new Map(DEFECTS.map((d) => [d.name, d]));

export function defectByName(name: string): Defect | undefined {
  return BY_NAME.get(name);
}

/** A defect chosen for one server, with its param's value (NaN when it has none). */
export interface SelectedDefect {
  readonly defect: Defect;
  readonly value: number;
}

export type DefectSelection =
  | { readonly ok: true; readonly selected: SelectedDefect }
  | { readonly ok: false; readonly reason: string };

/** Reads `NAME` or `NAME=VALUE`; the reason names what is wrong and what would be right. */
export function parseDefectSpec(spec: string): DefectSelection {
  const match = /^([a-z0-9-]+)(?:=(.*))?$/.exec(spec.trim());
  const found = match ? defectByName(match[1]!) : undefined;
  if (match === null || found === undefined) {
    const near = DEFECTS.filter(
      (d) => spec.includes(d.name) || d.name.includes(spec.split('=')[0]!),
    ).map((d) => d.name);
    return {
      ok: false,
      reason: `unknown defect "${spec}"${near.length > 0 && spec.length > 2 ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : ''}; \`chatspec serve --list-defects\` lists them`,
    };
  }
  const text = match[2];
  const param = found.param;
  if (param === undefined) {
    return text === undefined
      ? { ok: true, selected: { defect: found, value: Number.NaN } }
      : { ok: false, reason: `defect ${found.name} takes no value, got "${spec}"` };
  }
  if (text === undefined) return { ok: true, selected: { defect: found, value: param.default } };
  const value = Number(text);
  if (
    !/^\d+$/.test(text) ||
    !Number.isSafeInteger(value) ||
    value < param.min ||
    value > param.max
  ) {
    return {
      ok: false,
      reason: `defect ${found.name}=${param.name} needs a whole number from ${param.min} to ${param.max}, got "${text}"`,
    };
  }
  return { ok: true, selected: { defect: found, value } };
}

/** One line per defect for `--list-defects`: the name, then what it does. */
export function formatDefectList(defects: readonly Defect[] = DEFECTS): string[] {
  const width = Math.max(...defects.map((d) => d.name.length));
  return defects.map((d) => {
    const param = d.param ? ` [=${d.param.name}, default ${d.param.default}]` : '';
    return `${d.name.padEnd(width)}  ${d.description}${param}`;
  });
}

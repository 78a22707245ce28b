/**
 * reference-server/profiles/: kinds of servers met in the wild, each a named set of defects
 * (`chatspec serve --profile NAME`, `startServer({ profile })`).
 */
import { defectByName } from '../defects/index.js';
import { COURSE_TEMPLATE } from './course-template.js';
import { ENGLISH_TEMPLATE } from './english-template.js';
import { NESTED_GROUP_MESSAGES } from './nested-group-messages.js';
import type { Profile } from './profile.js';
import { SEED_GROUP } from './seed-group.js';

export type { Profile, ProfileDefect } from './profile.js';

export const PROFILES: readonly Profile[] = Object.freeze([
  COURSE_TEMPLATE,
  SEED_GROUP,
  ENGLISH_TEMPLATE,
  NESTED_GROUP_MESSAGES,
]);

const BY_NAME: ReadonlyMap<string, Profile> = new Map(PROFILES.map((p) => [p.name, p]));

export function profileByName(name: string): Profile | undefined {
  return BY_NAME.get(name);
}

export const PROFILE_NAMES: readonly string[] = Object.freeze(PROFILES.map((p) => p.name));

/** For `--list-profiles`: each profile's line, then one indented line per defect with its why. */
export function formatProfileList(profiles: readonly Profile[] = PROFILES): string[] {
  const width = Math.max(...profiles.map((p) => p.name.length));
  const lines: string[] = [];
  for (const p of profiles) {
    lines.push(`${p.name.padEnd(width)}  ${p.description}`);
    const defectWidth = Math.max(...p.defects.map((d) => d.spec.length));
    for (const d of p.defects) {
      const allowed = defectByName(d.spec.split('=')[0]!)?.allowed === true ? ' (allowed)' : '';
      lines.push(`  ${d.spec.padEnd(defectWidth)}  ${d.why}${allowed}`);
    }
  }
  return lines;
}

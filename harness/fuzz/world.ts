/**
 * The names a fuzz run talks about: the users it logs in as, the groups, and the filenames.
 * Generated steps refer to these by index, so a shrunk step stays meaningful whatever else
 * was removed, and the same seed always spells the same lines.
 */
import type { Fixture, FixtureGroup, FixtureUser } from '../../specs/index.js';

/** Users logged in at the start of every run; more would only slow the learning step. */
export const MAX_FUZZ_USERS = 8;
/**
 * Users of a parallel case: few, so that concurrent branches meet on the same inbox often
 * (the seed's group1 is exactly its first three users).
 */
export const MAX_PARALLEL_USERS = 3;
export const MAX_FUZZ_GROUPS = 4;

export interface FuzzWorld {
  readonly users: readonly FixtureUser[];
  readonly groups: readonly FixtureGroup[];
  /**
   * Filenames files are sent under. A small pool, so that sends overwrite each other
   * (DOWNLOAD-5) and a long campaign does not grow every my_file reply without bound; the tag
   * keeps them apart from files of other campaigns on the same server.
   */
  readonly fileNames: readonly string[];
  /** A filename this campaign never sends, for File Tidak Ditemukan. */
  readonly missingFileName: string;
  /** Unique per seed: `fz` and the seed in base 36. */
  readonly tag: string;
  readonly userNames: ReadonlySet<string>;
  readonly groupIds: ReadonlySet<string>;
}

export function createWorld(
  fixture: Fixture,
  seed: number,
  maxUsers = MAX_FUZZ_USERS,
  asciiOnly = false,
): FuzzWorld {
  const tag = `fz${(seed >>> 0).toString(36)}`;
  return Object.freeze({
    users: fixture.users.slice(0, maxUsers),
    groups: fixture.groups.slice(0, MAX_FUZZ_GROUPS),
    // One non-ASCII name: filenames travel as params too (FRAME-10).
    fileNames: [`${tag}-a.txt`, `${tag}-b.bin`, `${tag}-${asciiOnly ? 'c' : 'ç'}.dat`, `${tag}-d`],
    missingFileName: `${tag}-missing.txt`,
    tag,
    userNames: new Set(fixture.users.map((u) => u.username)),
    groupIds: new Set(fixture.groups.map((g) => g.id)),
  });
}

/** `list[i mod length]`: indices from generated steps always land somewhere. */
export function pick<T>(list: readonly T[], index: number): T {
  const item = list[index % list.length];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

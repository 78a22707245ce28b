/**
 * A profile: a kind of server met in the wild, reproduced as a named set of defects from the
 * catalogue, each with the reason it belongs to that server. Profiles are data; the server
 * builds them exactly as it builds `--defect` selections.
 */

export interface ProfileDefect {
  /** `NAME` or `NAME=VALUE`, as `--defect` takes it. */
  readonly spec: string;
  /** One line: why this server has it (what its code does). */
  readonly why: string;
}

export interface Profile {
  /** Lower-case and hyphenated, as given to `--profile`. */
  readonly name: string;
  /** One line: which server this is. */
  readonly description: string;
  /** In the order they are applied; the parser replacement comes before the hooks that bend it. */
  readonly defects: readonly ProfileDefect[];
  /** What the profile does not reproduce of the real server, and why (one line each). */
  readonly differences: readonly string[];
}

export function profile(spec: Profile): Profile {
  return Object.freeze({
    ...spec,
    defects: Object.freeze(spec.defects.map((d) => Object.freeze({ ...d }))),
    differences: Object.freeze([...spec.differences]),
  });
}

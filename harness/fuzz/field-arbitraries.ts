/**
 * The values a step's fields take: texts, names, session, user and group references and
 * payloads. Within each choice the simplest alternative comes first, because fast-check
 * shrinks towards it.
 */
import fc from 'fast-check';
import { PAYLOAD_KINDS, type PayloadSpec } from './payload.js';
import { MANGLES, type GroupRef, type SessionRef, type UserRef } from './steps.js';
import type { FuzzWorld } from './world.js';

/** fc.oneof over the alternatives whose weight is not zero, in the order given. */
export function weighted<T>(options: Array<fc.WeightedArbitrary<T>>): fc.Arbitrary<T> {
  const kept = options.filter((o) => o.weight > 0);
  if (kept.length === 1) return kept[0]!.arbitrary;
  return fc.oneof(CROSS_SHRINK, ...kept);
}

/**
 * Shrinking may jump to an earlier, simpler alternative (a 3,000-character text to a short
 * word, a forged token to a real session), not only shrink within the one that was drawn.
 */
export const CROSS_SHRINK = { withCrossShrink: true } as const;

export const ASCII_WORD = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Letters beyond ASCII (2-, 3- and 4-byte UTF-8) and characters JSON must escape. */
export const SPICE = [
  'é',
  'ü',
  'ß',
  'ñ',
  'ç',
  'Ω',
  '中',
  '文',
  '😀',
  '🇮🇩',
  '"',
  '\\',
  '{',
  '}',
  ':',
  ',',
  '/',
  "'",
];

export interface TextArbitraries {
  readonly word: fc.Arbitrary<string>;
  readonly text: fc.Arbitrary<string>;
}

export function textArbitraries(asciiOnly: boolean): TextArbitraries {
  const spice = asciiOnly ? SPICE.filter((ch) => ch.charCodeAt(0) < 0x80) : SPICE;
  const wordChar = fc.oneof(
    CROSS_SHRINK,
    { weight: 8, arbitrary: fc.constantFrom(...ASCII_WORD) },
    { weight: 1, arbitrary: fc.constantFrom(...spice) },
  );
  const word = fc.string({ unit: wordChar, minLength: 1, maxLength: 10 });
  /** Free text: words joined by a space, sometimes by runs of spaces or a tab (kept inside). */
  const text: fc.Arbitrary<string> = fc.oneof(
    CROSS_SHRINK,
    {
      weight: 10,
      arbitrary: fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' ')),
    },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.tuple(word, fc.constantFrom('  ', '\t', '   ')), {
          minLength: 2,
          maxLength: 5,
        })
        .map(
          (parts) =>
            parts
              .map(([w, sep]) => w + sep)
              .join('')
              .trimEnd() + 'x',
        ),
    },
    { weight: 1, arbitrary: fc.string({ unit: wordChar, minLength: 200, maxLength: 3000 }) },
  );
  return { word, text };
}

/**
 * Texts with non-ASCII characters, and ASCII-only ones for a server that dies on a
 * character its reads cut in two (FRAME-10, noted once by the engine).
 */
export const TEXTS: Readonly<Record<'mixed' | 'ascii', TextArbitraries>> = {
  mixed: textArbitraries(false),
  ascii: textArbitraries(true),
};

/** Names that are no user and no group of the fixture; some are near misses on purpose. */
export function unknownName(world: FuzzWorld): fc.Arbitrary<string> {
  const near = [
    ...world.users.slice(0, 2).flatMap((u) => [u.username.toUpperCase(), `${u.username}_`]),
    ...world.groups.slice(0, 1).map((g) => `${g.id}x`),
  ];
  return fc
    .oneof(
      fc.constantFrom('nobody', 'root', 'null', ...near),
      fc.string({ unit: fc.constantFrom(...ASCII_WORD), minLength: 1, maxLength: 12 }),
    )
    .filter((name) => !world.userNames.has(name) && !world.groupIds.has(name));
}

export const forgedToken: fc.Arbitrary<string> = fc.oneof(
  fc.uuid({ version: 4 }),
  fc.constantFrom('null', 'undefined', '0', 'None', 'true', '-1', '{}', 'token'),
);

export function sessionRef(world: FuzzWorld, badSession: number): fc.Arbitrary<SessionRef> {
  const users = world.users.length;
  return weighted<SessionRef>([
    {
      weight: 12,
      arbitrary: fc.nat(users - 1).map((user): SessionRef => ({ kind: 'user', user })),
    },
    { weight: 3, arbitrary: fc.nat(7).map((login): SessionRef => ({ kind: 'login', login })) },
    {
      weight: badSession,
      arbitrary: forgedToken.map((token): SessionRef => ({ kind: 'forged', token })),
    },
    {
      weight: badSession,
      arbitrary: fc
        .record({ user: fc.nat(users - 1), how: fc.constantFrom(...MANGLES) })
        .map((r): SessionRef => ({ kind: 'mangled', ...r })),
    },
  ]);
}

export function userRef(world: FuzzWorld): fc.Arbitrary<UserRef> {
  const options: Array<fc.WeightedArbitrary<UserRef>> = [
    {
      weight: 12,
      arbitrary: fc.nat(world.users.length - 1).map((user): UserRef => ({ kind: 'user', user })),
    },
    {
      weight: 1,
      arbitrary: unknownName(world).map((name): UserRef => ({ kind: 'unknown', name })),
    },
  ];
  if (world.groups.length > 0) {
    options.push({
      weight: 1,
      arbitrary: fc
        .nat(world.groups.length - 1)
        .map((group): UserRef => ({ kind: 'group', group })),
    });
  }
  return fc.oneof(CROSS_SHRINK, ...options);
}

export function groupRef(world: FuzzWorld): fc.Arbitrary<GroupRef> {
  const unknown = unknownName(world).map((name): GroupRef => ({ kind: 'unknown', name }));
  if (world.groups.length === 0) return unknown;
  return fc.oneof(
    CROSS_SHRINK,
    {
      weight: 12,
      arbitrary: fc
        .nat(world.groups.length - 1)
        .map((group): GroupRef => ({ kind: 'group', group })),
    },
    { weight: 1, arbitrary: unknown },
    {
      weight: 1,
      arbitrary: fc.nat(world.users.length - 1).map((user): GroupRef => ({ kind: 'user', user })),
    },
  );
}

export function payload(maxFileBytes: number): fc.Arbitrary<PayloadSpec> {
  const sized = (min: number, max: number): fc.Arbitrary<PayloadSpec> =>
    fc.record({
      bytes: fc.integer({ min: Math.min(min, maxFileBytes), max: Math.min(max, maxFileBytes) }),
      seed: fc.integer(),
      kind: fc.constantFrom(...PAYLOAD_KINDS),
    });
  return fc.oneof(
    CROSS_SHRINK,
    { weight: 8, arbitrary: sized(1, 64) },
    { weight: 3, arbitrary: sized(65, 4096) },
    { weight: 1, arbitrary: fc.constant<PayloadSpec>({ bytes: 0, seed: 0, kind: 'binary' }) },
    { weight: 1, arbitrary: sized(4097, maxFileBytes) },
  );
}

/**
 * fast-check arbitraries for steps. Weights follow what finds bugs: mostly well-formed
 * commands between the run's users (they build the state that later reads check), and
 * every error-provoking form often enough to meet it in a short run. Within each choice the
 * simplest alternative comes first, because fast-check shrinks towards it.
 */
import fc from 'fast-check';
import { commandByWire, type CommandName } from '../../specs/index.js';
import { PAYLOAD_KINDS, type PayloadSpec } from './payload.js';
import {
  MANGLES,
  type Form,
  type GroupRef,
  type Malformed,
  type Op,
  type SessionRef,
  type Step,
  type UserRef,
} from './steps.js';
import type { FuzzWorld } from './world.js';

/** How often each kind of step is drawn, relative to one another. */
export interface StepMix {
  readonly commands: Readonly<Record<CommandName, number>>;
  /** A forged or mangled session, against 12 for a real one. */
  readonly badSession: number;
  /** A malformed line (missing params, unknown command), against 14 well-formed ones. */
  readonly malformed: number;
  /** An odd spelling, against 12 plain ones. */
  readonly oddForm: number;
}

/** Everything, errors included: the state grows and every rule gets exercised. */
export const SEQUENTIAL_MIX: StepMix = Object.freeze({
  commands: {
    SEND: 6,
    INBOX: 5,
    AUTH: 2,
    SEND_FILE: 3,
    DOWNLOAD_FILE: 3,
    MY_FILE: 2,
    SEND_GROUP: 3,
    SEND_GROUP_FILE: 2,
  },
  badSession: 1,
  malformed: 1,
  oddForm: 1,
});

/**
 * Concurrency bugs live where steps meet on one inbox or repository: mostly sends and reads
 * by real sessions; errors and odd spellings are the sequential mode's business.
 */
export const PARALLEL_MIX: StepMix = Object.freeze({
  commands: {
    SEND: 8,
    INBOX: 8,
    AUTH: 1,
    SEND_FILE: 2,
    DOWNLOAD_FILE: 2,
    MY_FILE: 2,
    SEND_GROUP: 4,
    SEND_GROUP_FILE: 1,
  },
  badSession: 0,
  malformed: 0,
  oddForm: 0,
});

export interface StepArbitraryOptions {
  readonly connections: number;
  readonly maxFileBytes: number;
  /** The spellings to use; `plain` is always among them. */
  readonly forms: readonly Form[];
  readonly mix?: StepMix;
  /** The commands to generate (the server's own); all eight when absent. */
  readonly commands?: readonly CommandName[];
  /** Texts of ASCII characters only (the server dies on a character its reads split). */
  readonly asciiOnly?: boolean;
}

/** The mix with every command outside `commands` weighted 0 (never drawn). */
export function mixFor(mix: StepMix, commands: readonly CommandName[] | undefined): StepMix {
  if (commands === undefined) return mix;
  const weights = { ...mix.commands };
  for (const name of Object.keys(weights) as CommandName[]) {
    if (!commands.includes(name)) weights[name] = 0;
  }
  return Object.freeze({ ...mix, commands: weights });
}

/** fc.oneof over the alternatives whose weight is not zero, in the order given. */
function weighted<T>(options: Array<fc.WeightedArbitrary<T>>): fc.Arbitrary<T> {
  const kept = options.filter((o) => o.weight > 0);
  if (kept.length === 1) return kept[0]!.arbitrary;
  return fc.oneof(CROSS_SHRINK, ...kept);
}

/**
 * Shrinking may jump to an earlier, simpler alternative (a 3,000-character text to a short
 * word, a forged token to a real session), not only shrink within the one that was drawn.
 */
const CROSS_SHRINK = { withCrossShrink: true } as const;

const ASCII_WORD = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Letters beyond ASCII (2-, 3- and 4-byte UTF-8) and characters JSON must escape. */
const SPICE = [
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

interface TextArbitraries {
  readonly word: fc.Arbitrary<string>;
  readonly text: fc.Arbitrary<string>;
}

function textArbitraries(asciiOnly: boolean): TextArbitraries {
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
const TEXTS: Readonly<Record<'mixed' | 'ascii', TextArbitraries>> = {
  mixed: textArbitraries(false),
  ascii: textArbitraries(true),
};

/** Names that are no user and no group of the fixture; some are near misses on purpose. */
function unknownName(world: FuzzWorld): fc.Arbitrary<string> {
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

const forgedToken: fc.Arbitrary<string> = fc.oneof(
  fc.uuid({ version: 4 }),
  fc.constantFrom('null', 'undefined', '0', 'None', 'true', '-1', '{}', 'token'),
);

function sessionRef(world: FuzzWorld, badSession: number): fc.Arbitrary<SessionRef> {
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

function userRef(world: FuzzWorld): fc.Arbitrary<UserRef> {
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

function groupRef(world: FuzzWorld): fc.Arbitrary<GroupRef> {
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

function payload(maxFileBytes: number): fc.Arbitrary<PayloadSpec> {
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

export function opArbitrary(
  world: FuzzWorld,
  maxFileBytes: number,
  mix: StepMix = SEQUENTIAL_MIX,
  asciiOnly = false,
): fc.Arbitrary<Op> {
  const { text } = TEXTS[asciiOnly ? 'ascii' : 'mixed'];
  const w = mix.commands;
  const session = sessionRef(world, mix.badSession);
  const user = userRef(world);
  const group = groupRef(world);
  const files = fc.nat(world.fileNames.length - 1);
  const content = payload(maxFileBytes);
  const auth = fc.record({
    cmd: fc.constant('AUTH' as const),
    who: fc.oneof(
      CROSS_SHRINK,
      {
        weight: 6,
        arbitrary: fc.nat(world.users.length - 1).map((u): UserRef => ({ kind: 'user', user: u })),
      },
      { weight: 1, arbitrary: user },
    ),
    password: fc.oneof(
      CROSS_SHRINK,
      { weight: 6, arbitrary: fc.constant('right' as const) },
      { weight: 1, arbitrary: fc.constantFrom('wrong' as const, 'other-user' as const) },
    ),
  });
  const choices: Array<fc.WeightedArbitrary<Op>> = [
    {
      weight: w.SEND,
      arbitrary: fc.record({ cmd: fc.constant('SEND' as const), session, to: user, text }),
    },
    { weight: w.INBOX, arbitrary: fc.record({ cmd: fc.constant('INBOX' as const), session }) },
    { weight: w.AUTH, arbitrary: auth },
    {
      weight: w.SEND_FILE,
      arbitrary: fc.record({
        cmd: fc.constant('SEND_FILE' as const),
        session,
        to: user,
        file: files,
        content,
      }),
    },
    {
      weight: w.DOWNLOAD_FILE,
      arbitrary: fc.record({
        cmd: fc.constant('DOWNLOAD_FILE' as const),
        session,
        peer: user,
        file: fc.oneof(
          CROSS_SHRINK,
          { weight: 8, arbitrary: files },
          { weight: 1, arbitrary: fc.constant('missing' as const) },
        ),
      }),
    },
    { weight: w.MY_FILE, arbitrary: fc.record({ cmd: fc.constant('MY_FILE' as const), session }) },
    {
      weight: w.SEND_GROUP,
      arbitrary: fc.record({ cmd: fc.constant('SEND_GROUP' as const), session, group, text }),
    },
    {
      weight: w.SEND_GROUP_FILE,
      arbitrary: fc.record({
        cmd: fc.constant('SEND_GROUP_FILE' as const),
        session,
        group,
        file: files,
        content,
      }),
    },
  ];
  return weighted(choices);
}

const verbChars = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#*-',
);

/** Command words that no server knows, near misses included (`sendgroup`, `login`). */
const unknownVerb: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(
      '',
      'login',
      'logout',
      'sendgroup',
      'send-file',
      'inboxx',
      'help',
      'AUTHX',
      'myfile',
      'quit',
    ),
    fc.string({ unit: verbChars, minLength: 1, maxLength: 16 }),
  )
  .filter((verb) => commandByWire(verb) === undefined);

function malformedArbitrary(
  world: FuzzWorld,
  maxFileBytes: number,
  mix: StepMix,
  asciiOnly: boolean,
): fc.Arbitrary<Malformed> {
  const { word } = TEXTS[asciiOnly ? 'ascii' : 'mixed'];
  return fc.oneof(
    fc.record({
      cmd: fc.constant('MISSING_PARAMS' as const),
      of: opArbitrary(world, Math.min(maxFileBytes, 64), mix, asciiOnly),
      keep: fc.nat(3),
    }),
    fc.record({
      cmd: fc.constant('UNKNOWN' as const),
      verb: unknownVerb,
      rest: fc.oneof(
        fc.constant(''),
        fc.array(word, { maxLength: 3 }).map((ws) => ws.join(' ')),
      ),
    }),
  );
}

export function stepArbitrary(world: FuzzWorld, options: StepArbitraryOptions): fc.Arbitrary<Step> {
  const mix = mixFor(options.mix ?? SEQUENTIAL_MIX, options.commands);
  const odd = options.forms.filter((f) => f !== 'plain');
  const form: fc.Arbitrary<Form> =
    odd.length === 0
      ? fc.constant('plain')
      : weighted<Form>([
          { weight: 12, arbitrary: fc.constant('plain' as const) },
          { weight: mix.oddForm, arbitrary: fc.constantFrom(...odd) },
        ]);
  return weighted<Step>([
    {
      weight: 14,
      arbitrary: fc.record({
        conn: fc.nat(options.connections - 1),
        op: opArbitrary(world, options.maxFileBytes, mix, options.asciiOnly === true),
        form,
      }),
    },
    {
      weight: mix.malformed,
      arbitrary: fc.record({
        conn: fc.nat(options.connections - 1),
        op: malformedArbitrary(world, options.maxFileBytes, mix, options.asciiOnly === true),
        form: fc.constant('plain' as const),
      }),
    },
  ]);
}

/**
 * fast-check arbitraries for steps. Weights follow what finds bugs: mostly well-formed
 * commands between the run's users (they build the state that later reads check), and
 * every error-provoking form often enough to meet it in a short run. Within each choice the
 * simplest alternative comes first, because fast-check shrinks towards it.
 */
import fc from 'fast-check';
import { commandByWire, type CommandName } from '../../specs/index.js';
import type { Form, Malformed, Op, Step, UserRef } from './steps.js';
import type { FuzzWorld } from './world.js';
import { SEQUENTIAL_MIX, mixFor, type StepMix } from './step-mix.js';
import {
  CROSS_SHRINK,
  TEXTS,
  groupRef,
  payload,
  sessionRef,
  userRef,
  weighted,
} from './field-arbitraries.js';

export { PARALLEL_MIX, SEQUENTIAL_MIX, mixFor, type StepMix } from './step-mix.js';

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

/**
 * Random and mutated inputs for chatspec's own parsers, and the one rule every parser must
 * keep: it returns a value, or throws its own error class whose first line names the file,
 * the place (a line, a field path, a position) and the problem — never another exception,
 * never a stack trace, never a hang.
 */
import fc from 'fast-check';
import { expect } from 'vitest';

/** Tokens that break YAML and JSON in interesting ways. */
const NASTY = [
  '{',
  '}',
  '[',
  ']',
  ':',
  ': ',
  '\n',
  '\n  ',
  '- ',
  '"',
  "'",
  '\\',
  '\0',
  '\t',
  '#',
  '&a ',
  '*a',
  '!!binary ',
  '!!js/function ',
  '~',
  'null',
  'true',
  '1e999',
  '-1',
  '0x10',
  '9007199254740993',
  '<<: *a',
  '%YAML 1.2\n',
  '---\n',
  '...\n',
  '\uFEFF',
  '\u2028',
  '"\\u0000"',
  '__proto__',
  'constructor',
  '💥',
  '\r\n',
  ' '.repeat(200),
];

export const nastyText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** One edit of a text: cut it short, insert, delete or replace a stretch. */
function edit(text: string): fc.Arbitrary<string> {
  const at = fc.nat({ max: Math.max(0, text.length) });
  return fc.oneof(
    at.map((k) => text.slice(0, k)),
    fc.tuple(at, nastyText).map(([k, s]) => text.slice(0, k) + s + text.slice(k)),
    fc.tuple(at, fc.nat({ max: 40 })).map(([k, n]) => text.slice(0, k) + text.slice(k + n)),
    fc
      .tuple(at, fc.nat({ max: 10 }), nastyText)
      .map(([k, n, s]) => text.slice(0, k) + s + text.slice(k + n)),
  );
}

/** A valid document with one to three edits. */
export function mutatedText(valid: string): fc.Arbitrary<string> {
  return fc.integer({ min: 1, max: 3 }).chain((n) => {
    let arb = fc.constant(valid);
    for (let i = 0; i < n; i++) arb = arb.chain(edit);
    return arb;
  });
}

type Json = unknown;

function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  }
  return out;
}

function replaceAt(value: Json, path: readonly (string | number)[], next: Json | undefined): Json {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && next === undefined) copy.splice(head as number, 1);
    else copy[head as number] = replaceAt(copy[head as number], rest, next);
    return copy;
  }
  const copy = { ...(value as Record<string, Json>) };
  if (rest.length === 0 && next === undefined) delete copy[head as string];
  else copy[head as string] = replaceAt(copy[head as string], rest, next);
  return copy;
}

/** A valid JSON document with one value replaced by a random one, or removed. */
export function mutatedJson(valid: Json): fc.Arbitrary<string> {
  const all = paths(valid);
  return fc
    .tuple(
      fc.nat({ max: all.length - 1 }),
      fc.option(
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('', -1, 1e308, 'x'.repeat(300))),
        {
          nil: undefined,
        },
      ),
    )
    .map(([i, next]) => JSON.stringify(replaceAt(valid, all[i]!, next)) ?? 'null');
}

/** Random bytes read as UTF-8, random JSON, random strings. */
export const randomText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('utf8')),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
);

/** What a clean error's first line looks like: the file, then a place, then the problem. */
const PLACE =
  /^(:\d+: .+|: (.+?: .+|weight of \S+ .+|not valid .+|.*\b(line|position|column) \d+.*|cannot read .+|every weight is 0.+|unknown op .+|".*" (is not|appears).+))$/s;

/**
 * Runs `parse`; if it throws, the error must be `errorClass`, its message's first line must
 * start with `source` and name a place, no line may look like a stack trace, and it must
 * have taken under a second.
 */
export function expectCleanOutcome(
  parse: () => unknown,
  errorClass: abstract new (...args: never[]) => Error,
  source: string,
): void {
  const started = performance.now();
  try {
    parse();
  } catch (error) {
    expect(error, String((error as Error)?.stack)).toBeInstanceOf(errorClass);
    const message = (error as Error).message;
    const first = message.split('\n')[0]!;
    expect(first.startsWith(source), first).toBe(true);
    expect(first.slice(source.length), first).toMatch(PLACE);
    expect(message).not.toMatch(/\n\s+at .+:\d+:\d+\)?$/m);
    expect(message).not.toMatch(/\[object Object\]|undefined: /);
    expect(first.length, first).toBeLessThan(600);
  }
  expect(performance.now() - started).toBeLessThan(1000);
}

/** The same rule for a parser that reads a file. */
export async function expectCleanOutcomeAsync(
  parse: () => Promise<unknown>,
  errorClass: abstract new (...args: never[]) => Error,
  source: string,
): Promise<void> {
  const started = performance.now();
  let caught: unknown;
  try {
    await parse();
  } catch (error) {
    caught = error;
  }
  expectCleanOutcome(
    () => {
      if (caught !== undefined) throw caught;
    },
    errorClass,
    source,
  );
  expect(performance.now() - started).toBeLessThan(1000);
}

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepFreeze, jsonValue, readInputText, yamlValue } from '../../specs/index.js';

class InputError extends Error {
  override readonly name = 'InputError';
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('input files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatspec-input-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file as text', async () => {
    const path = join(dir, 'a.txt');
    await writeFile(path, 'héllo\n');
    expect(await readInputText(path, 'thing', InputError)).toBe('héllo\n');
  });

  it("a missing file is one line in the caller's class, naming the source and what it is", async () => {
    const path = join(dir, 'missing.yaml');
    const error = await rejection(readInputText(path, 'scenario file', InputError, 'shown.yaml'));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^shown\.yaml: cannot read scenario file: .*ENOENT/);
    expect(error.message).not.toContain('\n');
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
    const plain = await rejection(readInputText(path, '', InputError));
    expect(plain.message.startsWith(`${path}: cannot read: `)).toBe(true);
  });

  it('JSON text becomes data; bad JSON names the file and the problem', () => {
    expect(jsonValue('{"a":[1]}', 'x.json', InputError)).toEqual({ a: [1] });
    const error = thrown(() => jsonValue('{', 'x.json', InputError, 'fixture is not valid JSON'));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^x\.json: fixture is not valid JSON: /);
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect(thrown(() => jsonValue('nope', 'y.json', InputError)).message).toMatch(
      /^y\.json: not JSON: /,
    );
  });

  it("a YAML alias bomb is refused as the file's fault", () => {
    expect(yamlValue(parseDocument('a: &x [1]\nb: *x\n'), 'ok.yaml', InputError)).toEqual({
      a: [1],
      b: [1],
    });
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((k, i) => {
        const prev = 'abcdefgh'[i]!;
        return `${k}: &${k} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`;
      }),
    ].join('\n');
    const error = thrown(() => yamlValue(parseDocument(bomb), 'bomb.yaml', InputError));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^bomb\.yaml: not valid YAML: /);
  });

  it('deepFreeze freezes every level and returns the value', () => {
    const value = { a: { b: [1, { c: 2 }] } };
    expect(deepFreeze(value)).toBe(value);
    expect(Object.isFrozen(value.a.b[1])).toBe(true);
    expect(() => {
      (value.a as { b: unknown }).b = [];
    }).toThrow(TypeError);
  });
});

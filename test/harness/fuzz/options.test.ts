import { tcpDialer } from '../../../net/index.js';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_COMMANDS,
  FUZZ_DEFAULTS,
  FuzzOptionError,
  resolveFuzzOptions,
} from '../../../harness/fuzz/options.js';
import { SEED_FIXTURE } from '../../../specs/index.js';

const target = { dialer: tcpDialer('127.0.0.1', 8889) };

describe('resolveFuzzOptions', () => {
  it('fills the documented defaults and freezes the result', () => {
    const options = resolveFuzzOptions({ target, seed: 5 });
    expect(options.mode).toBe('sequential');
    expect(options.runs).toBe(FUZZ_DEFAULTS.runs);
    expect(options.maxCommands).toBe(DEFAULT_MAX_COMMANDS.sequential);
    expect(options.timeoutMs).toBe(FUZZ_DEFAULTS.timeoutMs);
    expect(options.fixture).toBe(SEED_FIXTURE);
    expect(options.target.embedded).toBe(false);
    expect(Object.isFrozen(options)).toBe(true);
    expect(Object.isFrozen(options.target)).toBe(true);
  });

  it('takes the size of a case from the mode unless given', () => {
    expect(resolveFuzzOptions({ target, mode: 'parallel' }).maxCommands).toBe(
      DEFAULT_MAX_COMMANDS.parallel,
    );
    expect(resolveFuzzOptions({ target, mode: 'framing' }).maxCommands).toBe(
      DEFAULT_MAX_COMMANDS.framing,
    );
    expect(resolveFuzzOptions({ target, mode: 'framing', maxCommands: 3 }).maxCommands).toBe(3);
  });

  it('draws a seed when none is given, a 32-bit integer', () => {
    const { seed } = resolveFuzzOptions({ target });
    expect(Number.isInteger(seed)).toBe(true);
    expect(Math.abs(seed)).toBeLessThan(2 ** 32);
  });

  it.each([
    [{ runs: 0 }, /runs must be an integer from 1/],
    [{ maxCommands: 1.5 }, /maxCommands/],
    [{ timeoutMs: -1 }, /timeoutMs/],
    [{ connections: 0 }, /connections/],
    [{ branches: 4 }, /branches must be an integer from 2 to 3/],
    [{ seed: 2 ** 40 }, /seed must be a 32-bit integer/],
    [{ path: '1:x' }, /path must look like 12:0:3/],
    [{ mode: 'chaos' as never }, /mode must be one of sequential, parallel, framing/],
  ])('refuses %o', (bad, message) => {
    expect(() => resolveFuzzOptions({ target, ...bad })).toThrow(FuzzOptionError);
    expect(() => resolveFuzzOptions({ target, ...bad })).toThrow(message);
  });

  it('refuses a target without a dialer', () => {
    expect(() => resolveFuzzOptions({ target: {} as never })).toThrow(
      /target.dialer must be given/,
    );
  });
});

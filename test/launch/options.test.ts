/** Launch options: defaults, and one line for each value that cannot work. */
import { describe, expect, it } from 'vitest';
import { LAUNCH_DEFAULTS, LaunchOptionError, resolveLaunchOptions } from '../../launch/index.js';
import { FIXTURES } from './support.js';

describe('launch options', () => {
  it('fills in the defaults and freezes the result', () => {
    const options = resolveLaunchOptions({ command: ' python3 s.py ', cwd: FIXTURES });
    expect(options).toMatchObject({
      command: 'python3 s.py',
      isolation: 'auto',
      startTimeoutMs: LAUNCH_DEFAULTS.startTimeoutMs,
      memoryLimitBytes: 512 * 1024 * 1024,
      env: {},
    });
    expect(Object.isFrozen(options)).toBe(true);
  });

  it.each([
    [{ command: '' }, 'command must be a non-empty command'],
    [{ command: 'a\nb' }, 'command must be one line without NUL characters'],
    [{ cwd: '/no/such/folder' }, 'cwd: no such folder: /no/such/folder'],
    [{ port: 0 }, 'port must be a whole number 1–65535, not 0'],
    [{ isolation: 'docker' }, 'isolation must be one of auto, namespace, none, not "docker"'],
    [{ startTimeoutMs: 1.5 }, 'startTimeoutMs must be a whole number at least 1, not 1.5'],
    [
      { memoryLimitBytes: 1000 },
      'memoryLimitBytes must be a whole number at least 1048576, not 1000',
    ],
    [{ env: { 'A-B': 'x' } }, 'env: "A-B" is not a variable name'],
  ])('refuses %j', (bad, message) => {
    const attempt = (): unknown =>
      resolveLaunchOptions({ command: 'python3 s.py', cwd: FIXTURES, ...(bad as object) });
    expect(attempt).toThrow(LaunchOptionError);
    expect(attempt).toThrow(message);
  });
});

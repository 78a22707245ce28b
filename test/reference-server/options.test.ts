import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, SEED_FIXTURE } from '../../specs/index.js';
import {
  DEFAULT_PORT,
  DEFAULT_SERVER_OPTIONS,
  ServerOptionError,
  resolveServerOptions,
} from '../../reference-server/index.js';

describe('server options', () => {
  it('default to loopback on 8889 with the seed fixture and documented limits', () => {
    const options = resolveServerOptions();
    expect(DEFAULT_PORT).toBe(8889);
    expect(options).toMatchObject({
      host: '127.0.0.1',
      port: 8889,
      fixture: SEED_FIXTURE,
      maxLineBytes: 16 * 1024 * 1024,
      idleTimeoutMs: 0,
      limits: DEFAULT_LIMITS,
    });
    expect(options).toEqual(expect.objectContaining(DEFAULT_SERVER_OPTIONS));
    expect(Object.isFrozen(options)).toBe(true);
  });

  it('keep given values, ignore undefined ones, and merge partial limits', () => {
    const options = resolveServerOptions({
      port: 0,
      host: undefined,
      limits: { maxSessions: 5 } as never,
    });
    expect(options.port).toBe(0);
    expect(options.host).toBe('127.0.0.1');
    expect(options.limits).toEqual({ ...DEFAULT_LIMITS, maxSessions: 5 });
  });

  it.each([
    [{ port: 70_000 }, /^port must be an integer from 0 to 65535, got 70000$/],
    [{ port: -1 }, /^port /],
    [{ maxLineBytes: 10 }, /^maxLineBytes /],
    [{ idleTimeoutMs: 1.5 }, /^idleTimeoutMs /],
    [{ maxConnections: 0 }, /^maxConnections /],
    [{ maxQueuedReplyBytes: 1 }, /^maxQueuedReplyBytes /],
    [{ limits: { ...DEFAULT_LIMITS, maxSessions: 0 } }, /^limits\.maxSessions /],
    [{ limits: { ...DEFAULT_LIMITS, maxInboxMessages: Number.NaN } }, /^limits\.maxInboxMessages /],
    [{ limits: { ...DEFAULT_LIMITS, maxStoredFileBytes: -1 } }, /^limits\.maxStoredFileBytes /],
  ])('refuse %j, naming the option', (partial, message) => {
    expect(() => resolveServerOptions(partial)).toThrow(ServerOptionError);
    expect(() => resolveServerOptions(partial)).toThrow(message);
  });
});

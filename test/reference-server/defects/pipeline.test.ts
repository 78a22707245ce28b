import { describe, expect, it } from 'vitest';
import {
  LineDecoder,
  SEED_FIXTURE,
  createState,
  encodeReply,
  parseRequestLine,
  type Reply,
} from '../../../specs/index.js';
import {
  composeDefects,
  type Defect,
  type SelectedDefect,
} from '../../../reference-server/defects/index.js';

function fake(name: string, hooks: ReturnType<Defect['hooks']>): SelectedDefect {
  return {
    defect: {
      name,
      family: 'liveness',
      description: name,
      breaks: ['FRAME-1'],
      hooks: () => hooks,
    },
    value: Number.NaN,
  };
}

const ctx = { state: createState(SEED_FIXTURE) };
const parsed = parseRequestLine('inbox x');
const OK: Reply = { status: 'OK', messages: {} };

function compose(selected: SelectedDefect[]) {
  const result = composeDefects(selected);
  if (!result.ok) throw new Error(result.reason);
  return result.pipeline;
}

describe('the defect pipeline', () => {
  it('is the identity with no defects: the LineDecoder, the model, JSON + CRLF CRLF', () => {
    const p = compose([]);
    expect(p.names).toEqual([]);
    expect(p.createSplitter(100)).toBeInstanceOf(LineDecoder);
    expect(p.parse(parsed, 'inbox x', ctx)).toBe(parsed);
    expect(p.apply({ command: 'INBOX', session: 'x' }, () => OK, ctx)).toBe(OK);
    expect(p.reply(OK, parsed, ctx)).toBe(OK);
    expect(p.dispose(OK, parsed)).toBe('reply');
    expect(Buffer.from(p.encode(OK))).toEqual(encodeReply(OK));
    expect(p.replyDelayMs).toBe(0);
    expect(p.crashAfterRequests).toBeUndefined();
    const random = () => 'r';
    expect(p.newToken(random)).toBe(random);
  });

  it('applies reply and parse hooks in the order given, and wraps the model outermost-first', () => {
    const calls: string[] = [];
    const p = compose([
      fake('a', {
        reply: (r) => ({ ...r, trail: `${String(r.trail ?? '')}a` }),
        apply: (req, next) => {
          calls.push('a in');
          const r = next(req);
          calls.push('a out');
          return r;
        },
      }),
      fake('b', {
        reply: (r) => ({ ...r, trail: `${String(r.trail ?? '')}b` }),
        apply: (req, next) => {
          calls.push('b in');
          const r = next(req);
          calls.push('b out');
          return r;
        },
      }),
    ]);
    expect(p.names).toEqual(['a', 'b']);
    expect(p.reply(OK, parsed, ctx)).toMatchObject({ trail: 'ab' });
    p.apply({ command: 'INBOX', session: 'x' }, () => (calls.push('model'), OK), ctx);
    expect(calls).toEqual(['a in', 'b in', 'model', 'b out', 'a out']);
  });

  it('lets the worse disposition win, the longest delay and the earliest crash', () => {
    const p = compose([
      fake('a', { dispose: () => 'reply-and-close', replyDelayMs: 5, crashAfterRequests: 9 }),
      fake('b', { dispose: () => 'hang', replyDelayMs: 50, crashAfterRequests: 3 }),
      fake('c', { dispose: () => 'close' }),
    ]);
    expect(p.dispose(OK, parsed)).toBe('hang');
    expect(p.replyDelayMs).toBe(50);
    expect(p.crashAfterRequests).toBe(3);
  });

  it('refuses two defects that replace the same stage', () => {
    const encode = () => '';
    expect(composeDefects([fake('x', { encode }), fake('y', { encode })])).toEqual({
      ok: false,
      reason: 'defects x and y both replace the reply encoder; choose one',
    });
  });

  it('gives each server fresh hooks, so counters do not leak between servers', () => {
    let made = 0;
    const counting: SelectedDefect = {
      defect: {
        name: 'counting',
        family: 'messages',
        description: 'counting',
        breaks: ['SEND-2'],
        hooks: () => {
          made++;
          return {};
        },
      },
      value: Number.NaN,
    };
    compose([counting]);
    compose([counting]);
    expect(made).toBe(2);
  });
});

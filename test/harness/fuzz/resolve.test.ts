import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stepArbitrary } from '../../../harness/fuzz/arbitraries.js';
import { FORMS, MANGLES, type Step } from '../../../harness/fuzz/steps.js';
import { mangleToken, resolveStep } from '../../../harness/fuzz/resolve.js';
import { canonicalDialect, parseRequestLine } from '../../../specs/index.js';
import { U, loggedInModel, world } from './support/model.js';

const model = loggedInModel();
const resolve = (step: Step) => resolveStep(step, model, world, canonicalDialect);
const send = (form: Step['form']): Step => ({
  conn: 0,
  form,
  op: {
    cmd: 'SEND',
    session: { kind: 'user', user: U.messi },
    to: { kind: 'user', user: U.henderson },
    text: 'hi  there',
  },
});

describe('resolveStep', () => {
  it('talks like the course client and shows sessions by name', () => {
    const r = resolve(send('plain'));
    expect(r.wire).toBe('send tok-messi henderson hi  there \r\n');
    expect(r.display).toBe('send $messi henderson hi  there');
    expect(r.expect).toEqual({
      kind: 'request',
      request: { command: 'SEND', session: 'tok-messi', to: 'henderson', text: 'hi  there' },
    });
    expect(r.formTolerance).toBeUndefined();
  });

  it('changes only separators, case or line end in the odd forms, never the free text', () => {
    expect(resolve(send('spaces')).wire).toBe('send  tok-messi  henderson  hi  there \r\n');
    expect(resolve(send('tabs')).wire).toBe('send\ttok-messi\thenderson\thi  there \r\n');
    expect(resolve(send('upper')).wire).toBe('SEND tok-messi henderson hi  there \r\n');
    expect(resolve(send('no-trailing-space')).wire).toBe('send tok-messi henderson hi  there\r\n');
    expect(resolve(send('bare-lf')).wire).toBe('send tok-messi henderson hi  there \n');
    expect(resolve(send('bare-lf')).formTolerance?.requirement).toBe('FRAME-6');
    expect(resolve(send('upper')).formTolerance?.verdict).toBe('INFORMATIONAL');
  });

  it('sends an empty file without a data param', () => {
    const r = resolve({
      conn: 0,
      form: 'plain',
      op: {
        cmd: 'SEND_FILE',
        session: { kind: 'user', user: U.messi },
        to: { kind: 'user', user: U.aul },
        file: 0,
        content: { bytes: 0, seed: 0, kind: 'binary' },
      },
    });
    expect(r.wire).toBe(`send_file tok-messi aul ${world.fileNames[0]} \r\n`);
  });

  it('cuts a well-formed line for missing params and expects MISSING_PARAMS', () => {
    const r = resolve({
      conn: 0,
      form: 'plain',
      op: { cmd: 'MISSING_PARAMS', of: send('plain').op as never, keep: 2 },
    });
    expect(r.wire).toBe('send tok-messi henderson \r\n');
    // Only the text is missing: a server that answers OK has sent an empty message.
    expect(r.expect).toEqual({
      kind: 'error',
      code: 'MISSING_PARAMS',
      missing: 'text',
      acceptedAs: { command: 'SEND', session: 'tok-messi', to: 'henderson', text: '' },
    });
    const cut = resolve({
      conn: 0,
      form: 'plain',
      op: { cmd: 'MISSING_PARAMS', of: send('plain').op as never, keep: 1 },
    });
    expect(cut.wire).toBe('send tok-messi \r\n');
    expect(cut.expect).toEqual({ kind: 'error', code: 'MISSING_PARAMS', missing: 'param' });
  });

  it('falls back to the user session for a login reference when nobody logged in yet', () => {
    const r = resolve({
      conn: 0,
      form: 'plain',
      op: { cmd: 'INBOX', session: { kind: 'login', login: U.lineker } },
    });
    expect(r.wire).toBe('inbox tok-lineker \r\n');
  });

  it('mangles a token into one that differs, whatever the token', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'A', '0', '9', 'f', '-'), minLength: 1 }),
        fc.constantFrom(...MANGLES),
        (token, how) => {
          const mangled = mangleToken(token, how);
          return mangled !== token && mangled.length > 0 && !/\s/.test(mangled);
        },
      ),
    );
  });

  it('expects exactly what the specification parser makes of the line it builds', () => {
    const steps = stepArbitrary(world, { connections: 3, maxFileBytes: 256, forms: FORMS });
    fc.assert(
      fc.property(steps, (step) => {
        const r = resolve(step);
        const parsed = parseRequestLine(r.wire.replace(/\r?\n$/, ''));
        if (r.expect.kind === 'error') return !parsed.ok && parsed.error === r.expect.code;
        return parsed.ok && JSON.stringify(parsed.request) === JSON.stringify(r.expect.request);
      }),
      { numRuns: 2000 },
    );
  });
});

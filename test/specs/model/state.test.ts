import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIMITS,
  SEED_FIXTURE,
  applyLine,
  cloneState,
  createState,
} from '../../../specs/index.js';

describe('model state', () => {
  it('starts with the fixture users and groups and nothing else', () => {
    const state = createState(SEED_FIXTURE);
    expect([...state.users.keys()]).toEqual([
      'messi',
      'henderson',
      'lineker',
      'aul',
      'kinas',
      'rimas',
    ]);
    expect([...state.groups.keys()]).toEqual(['group1', 'group2']);
    expect(state.limits).toBe(DEFAULT_LIMITS);
    expect(state.sessions.size + state.inboxes.size + state.repositories.size).toBe(0);
    expect(state.storedFileBytes).toBe(0);
  });

  it('clones deeply enough that changing the copy leaves the original as it was', () => {
    const state = createState(SEED_FIXTURE);
    const ctx = { newToken: () => 't1' };
    applyLine(state, 'auth messi surabaya', ctx);
    applyLine(state, 'send t1 messi one', ctx);
    applyLine(state, 'send_file t1 henderson f QUJD', ctx);
    const copy = cloneState(state);
    applyLine(copy, 'send t1 messi two', { newToken: () => 't2' });
    applyLine(copy, 'send_file t1 henderson f WFla', ctx);
    applyLine(copy, 'send_file t1 henderson g WFla', ctx);
    applyLine(copy, 'auth aul sby', { newToken: () => 't2' });
    expect(
      state.inboxes
        .get('messi')!
        .get('messi')!
        .map((e) => e.msg),
    ).toEqual(['one']);
    expect(state.inboxCounts.get('messi')).toBe(1);
    expect([...state.repositories.get('henderson')!.get('messi')!]).toEqual([['f', 'QUJD']]);
    expect(state.storedFileBytes).toBe(8);
    expect([...state.sessions.keys()]).toEqual(['t1']);
    expect(copy.users).toBe(state.users);
  });
});

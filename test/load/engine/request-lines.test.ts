/**
 * Request lines are built through the dialect; the reuse of a formatted shape must give the
 * very line the dialect would have formatted, and a dialect that transforms the text must
 * not be short-cut.
 */
import { describe, expect, it } from 'vitest';
import {
  SEED_FIXTURE,
  canonicalDialect,
  type Dialect,
  type Request,
} from '../../../specs/index.js';
import { RequestLines } from '../../../load/engine/request-lines.js';
import { ReplyMemo } from '../../../load/engine/reply-memo.js';

const messi = SEED_FIXTURE.users[0]!;
const targets = { personalTargets: ['henderson', 'aul'], groupTargets: ['group1', 'group2'] };

describe('RequestLines', () => {
  it('gives exactly what the dialect formats, for every command', () => {
    const lines = new RequestLines(canonicalDialect, targets);
    const f = (r: Request) => canonicalDialect.formatRequest(r);
    for (const text of ['hello', '#cs:ab:0.1.2:p:7 xxxx', 'second text']) {
      // Each target index keeps its own shape: alternating them must not mix them up.
      for (const [i, to] of targets.personalTargets.entries()) {
        expect(lines.send('s1', i, text)).toBe(f({ command: 'SEND', session: 's1', to, text }));
      }
      for (const [i, group] of targets.groupTargets.entries()) {
        expect(lines.sendGroup('s1', i, text)).toBe(
          f({ command: 'SEND_GROUP', session: 's1', group, text }),
        );
      }
    }
    expect(lines.sendFile('s1', 'aul', 'a.bin', 'QUJD')).toBe(
      f({ command: 'SEND_FILE', session: 's1', to: 'aul', filename: 'a.bin', data: 'QUJD' }),
    );
    expect(lines.sendGroupFile('s1', 'group2', 'a.bin', 'QUJD')).toBe(
      f({
        command: 'SEND_GROUP_FILE',
        session: 's1',
        group: 'group2',
        filename: 'a.bin',
        data: 'QUJD',
      }),
    );
    expect(lines.downloadFile('s1', 'aul', 'a.bin')).toBe(
      f({ command: 'DOWNLOAD_FILE', session: 's1', peer: 'aul', filename: 'a.bin' }),
    );
    expect(lines.inbox('s1')).toBe('inbox s1 \r\n');
    expect(lines.myFile('s1')).toBe('my_file s1 \r\n');
    expect(lines.auth(messi)).toBe('auth messi surabaya \r\n');
  });

  it('forgets lines of an old session', () => {
    const lines = new RequestLines(canonicalDialect, targets);
    expect(lines.inbox('old')).toBe('inbox old \r\n');
    expect(lines.send('old', 1, 'x')).toBe('send old aul x \r\n');
    expect(lines.sendGroup('old', 0, 'x')).toBe('send_group old group1 x \r\n');
    expect(lines.inbox('new')).toBe('inbox new \r\n');
    expect(lines.send('new', 1, 'x')).toBe('send new aul x \r\n');
    expect(lines.sendGroup('new', 0, 'x')).toBe('send_group new group1 x \r\n');
  });

  it('formats every line in full for a dialect that changes the text', () => {
    const quoting: Dialect = {
      ...canonicalDialect,
      formatRequest(request: Request) {
        const r = request as Request & { text?: string };
        return r.text === undefined
          ? canonicalDialect.formatRequest(request)
          : canonicalDialect.formatRequest({ ...r, text: JSON.stringify(r.text) } as Request);
      },
    };
    const lines = new RequestLines(quoting, targets);
    expect(lines.send('s', 1, 'say "hi"')).toBe('send s aul "say \\"hi\\"" \r\n');
    expect(lines.send('s', 1, 'a\\b')).toBe('send s aul "a\\\\b" \r\n');
    expect(lines.sendGroup('s', 1, 'say "hi"')).toBe('send_group s group2 "say \\"hi\\"" \r\n');
  });
});

describe('ReplyMemo', () => {
  it('reads a reply once and reuses the reading while the text repeats', () => {
    let parses = 0;
    const counting: Dialect = {
      ...canonicalDialect,
      readStatus(reply) {
        parses++;
        return canonicalDialect.readStatus(reply);
      },
    };
    const memo = new ReplyMemo(counting, 2);
    const sent = '{"status":"OK","message":"Message Sent"}';
    const first = memo.read(0, sent);
    expect(first).toMatchObject({ ok: true, status: 'OK' });
    expect(memo.read(0, sent)).toBe(first);
    expect(parses).toBe(1);
    expect(memo.read(0, '{"status":"ERROR","message":"x"}')).toMatchObject({ status: 'ERROR' });
    expect(parses).toBe(2);
    // Per command: another command's reply does not disturb it.
    expect(memo.read(1, 'nope')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not JSON/),
    });
    expect(memo.read(1, '{"status":"MAYBE"}')).toMatchObject({ ok: false });
  });
});

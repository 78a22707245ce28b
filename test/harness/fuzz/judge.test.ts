import { describe, expect, it } from 'vitest';
import { judge } from '../../../harness/fuzz/judge.js';
import { UNKNOWN_DATA } from '../../../harness/fuzz/model.js';
import { resolveStep } from '../../../harness/fuzz/resolve.js';
import type { Op, Step } from '../../../harness/fuzz/steps.js';
import { canonicalDialect } from '../../../specs/index.js';
import { TIMEOUT, U, loggedInModel, reply, world } from './support/model.js';

const ctx = { dialect: canonicalDialect, timeoutMs: 2000, usernames: world.userNames };
const step = (op: Op, form: Step['form'] = 'plain'): Step => ({ conn: 0, form, op });
const as = (user: number) => ({ kind: 'user' as const, user });
const sendTo = (from: number, to: number, text: string): Op => ({
  cmd: 'SEND',
  session: as(from),
  to: as(to),
  text,
});

function run(
  model: ReturnType<typeof loggedInModel>,
  s: Step,
  outcome: Parameters<typeof judge>[2],
) {
  return judge(model, resolveStep(s, model, world, canonicalDialect), outcome, ctx);
}

describe('judge', () => {
  it('adopts the server token of a successful auth and names the session', () => {
    const model = loggedInModel();
    const j = run(
      model,
      step({ cmd: 'AUTH', who: as(U.aul), password: 'right' }),
      reply({ status: 'OK', tokenid: '6f1c0c5e-2f6b-4f5e-9a51-0c2d8f1e7a33' }),
    );
    expect(j.verdict).toBe('PASS');
    expect(j.login).toBe('login1');
    expect(model.state.sessions.get('6f1c0c5e-2f6b-4f5e-9a51-0c2d8f1e7a33')).toBe('aul');
    expect(model.logins).toEqual(['6f1c0c5e-2f6b-4f5e-9a51-0c2d8f1e7a33']);
  });

  it('fails a token that is already a live session (AUTH-4) and notes one that is no UUIDv4', () => {
    const model = loggedInModel();
    const again = run(
      model,
      step({ cmd: 'AUTH', who: as(U.aul), password: 'right' }),
      reply({ status: 'OK', tokenid: 'tok-messi' }),
    );
    expect(again.verdict).toBe('FAIL');
    expect(again.requirement).toBe('AUTH-4');
    const plain = run(
      loggedInModel(),
      step({ cmd: 'AUTH', who: as(U.aul), password: 'right' }),
      reply({ status: 'OK', tokenid: 'abc' }),
    );
    expect(plain.verdict).toBe('NON-STRICT');
    expect(plain.requirement).toBe('AUTH-5');
  });

  it('gives another error text with the right status NON-STRICT, naming the requirement', () => {
    const j = run(
      loggedInModel(),
      step({ cmd: 'INBOX', session: { kind: 'forged', token: 'null' } }),
      reply({ status: 'ERROR', message: 'Informasi tidak ditemukan' }),
    );
    expect(j.verdict).toBe('NON-STRICT');
    expect(j.requirement).toBe('SESSION-1');
    expect(j.reason).toMatch(/common alternative/);
  });

  it('ignores capitals in documented texts', () => {
    const j = run(
      loggedInModel(),
      step(sendTo(U.messi, U.henderson, 'x')),
      reply({ status: 'OK', message: 'message sent' }),
    );
    expect(j.verdict).toBe('PASS');
  });

  it('fails OK where the model refuses, and ERROR where the model acts', () => {
    const forged = run(
      loggedInModel(),
      step({ cmd: 'MY_FILE', session: { kind: 'mangled', user: U.messi, how: 'flip' } }),
      reply({ status: 'OK', messages: {} }),
    );
    expect(forged.verdict).toBe('FAIL');
    expect(forged.requirement).toBe('SESSION-1');
    const refused = run(
      loggedInModel(),
      step(sendTo(U.messi, U.henderson, 'x')),
      reply({ status: 'ERROR', message: 'nope' }),
    );
    expect(refused.verdict).toBe('FAIL');
    expect(refused.requirement).toBe('SEND-1');
  });

  it('leaves the model unchanged when the server refuses what the rules let it refuse', () => {
    const model = loggedInModel();
    const upper = run(
      model,
      step(sendTo(U.messi, U.henderson, 'x'), 'upper'),
      reply({ status: 'ERROR', message: '**Protocol Tidak Benar' }),
    );
    expect(upper.verdict).toBe('INFORMATIONAL');
    expect(upper.requirement).toBe('PROTO-4');
    const empty = run(
      model,
      step({
        cmd: 'SEND_FILE',
        session: as(U.messi),
        to: as(U.aul),
        file: 0,
        content: { bytes: 0, seed: 0, kind: 'binary' },
      }),
      reply({ status: 'ERROR', message: '--Protocol Tidak Benar' }),
    );
    expect(empty.verdict).toBe('NON-STRICT');
    expect(empty.requirement).toBe('SENDFILE-5');
    const nonMember = run(
      model,
      step({
        cmd: 'SEND_GROUP',
        session: as(U.aul),
        group: { kind: 'group', group: 0 },
        text: 'x',
      }),
      reply({ status: 'ERROR', message: 'not a member' }),
    );
    expect(nonMember.verdict).toBe('INFORMATIONAL');
    expect(nonMember.requirement).toBe('GROUP-5');
    expect(model.state.inboxes.size).toBe(0);
    expect(model.state.repositories.size).toBe(0);
  });

  it('calls a command answered as unknown UNIMPLEMENTED, and the model does not act', () => {
    const model = loggedInModel();
    const j = run(
      model,
      step(sendTo(U.messi, U.henderson, 'x')),
      reply({ status: 'ERROR', message: '**protocol tidak benar' }),
    );
    expect(j.verdict).toBe('UNIMPLEMENTED');
    expect(model.state.inboxes.size).toBe(0);
  });

  it('gives no reply ERROR', () => {
    const j = run(loggedInModel(), step(sendTo(U.messi, U.henderson, 'x')), TIMEOUT);
    expect(j.verdict).toBe('ERROR');
    expect(j.actual).toMatch(/no reply within 2000 ms/);
  });

  it('reads inbox entries as strings or objects, and names order, loss and duplicates', () => {
    const model = loggedInModel();
    run(
      model,
      step(sendTo(U.messi, U.henderson, 'one')),
      reply({ status: 'OK', message: 'Message Sent' }),
    );
    run(
      model,
      step(sendTo(U.messi, U.henderson, 'two')),
      reply({ status: 'OK', message: 'Message Sent' }),
    );
    const read = (messages: object) =>
      run(
        model.clone(),
        step({ cmd: 'INBOX', session: as(U.henderson) }),
        reply({ status: 'OK', messages }),
      );
    const strings = read({ messi: [' one \r\n', 'two'] });
    expect(strings.verdict).toBe('INFORMATIONAL');
    expect(strings.requirement).toBe('INBOX-4');
    expect(read({ messi: ['two', 'one'] }).requirement).toBe('SEND-4');
    expect(read({ messi: ['one'] }).requirement).toBe('SEND-2');
    expect(read({ messi: ['one', 'two', 'two'] }).requirement).toBe('INBOX-2');
    expect(read({ messi: ['one', 'two'], lineker: ['three'] }).verdict).toBe('FAIL');
    expect(read({ messi: [{ msg: 'one' }, 'two'], aul: [] }).verdict).not.toBe('FAIL');
  });

  it('compares file lists as sets and learns the content of files known only by name', () => {
    const model = loggedInModel();
    model.learnFile('messi', 'aul', 'old.txt');
    const list = run(
      model.clone(),
      step({ cmd: 'MY_FILE', session: as(U.messi) }),
      reply({ status: 'OK', messages: { aul: ['old.txt'] } }),
    );
    expect(list.verdict).toBe('PASS');
    const missing = run(
      model.clone(),
      step({ cmd: 'MY_FILE', session: as(U.messi) }),
      reply({ status: 'OK', messages: {} }),
    );
    expect(missing.verdict).toBe('FAIL');
    expect(model.state.repositories.get('messi')?.get('aul')?.get('old.txt')).toBe(UNKNOWN_DATA);
  });

  it('checks downloaded data byte for byte once it is known', () => {
    const model = loggedInModel();
    const content = { bytes: 8, seed: 1, kind: 'binary' as const };
    const sent = resolveStep(
      step({ cmd: 'SEND_FILE', session: as(U.messi), to: as(U.aul), file: 1, content }),
      model,
      world,
      canonicalDialect,
    );
    judge(model, sent, reply({ status: 'OK', message: 'File Sent' }), ctx);
    const data =
      sent.expect.kind === 'request' && sent.expect.request.command === 'SEND_FILE'
        ? sent.expect.request.data
        : '';
    const download = step({ cmd: 'DOWNLOAD_FILE', session: as(U.aul), peer: as(U.messi), file: 1 });
    const filename = world.fileNames[1]!;
    const good = run(
      model.clone(),
      download,
      reply({ status: 'OK', messages: `Downloaded ${filename}`, filename, data: ` ${data}` }),
    );
    expect(good.verdict).toBe('PASS');
    const bad = run(
      model.clone(),
      download,
      reply({ status: 'OK', messages: `Downloaded ${filename}`, filename, data: 'AAAA' }),
    );
    expect(bad.verdict).toBe('FAIL');
    expect(bad.requirement).toBe('DOWNLOAD-1');
    // The sender's own copy, under the recipient's name: a SHOULD (SENDFILE-4), as in the
    // suite; the model then forgets it, so a second refusal is no new finding.
    const keeps = model.clone();
    const ownDownload = step({
      cmd: 'DOWNLOAD_FILE',
      session: as(U.messi),
      peer: as(U.aul),
      file: 1,
    });
    const own = run(
      keeps,
      ownDownload,
      reply({ status: 'ERROR', message: 'File Tidak Ditemukan' }),
    );
    expect([own.verdict, own.requirement]).toEqual(['NON-STRICT', 'SENDFILE-4']);
    const again = run(
      keeps,
      ownDownload,
      reply({ status: 'ERROR', message: 'File Tidak Ditemukan' }),
    );
    expect(again.verdict).toBe('PASS');
    // The recipient's copy is the MUST: its refusal fails.
    const theirs = run(
      model.clone(),
      download,
      reply({ status: 'ERROR', message: 'File Tidak Ditemukan' }),
    );
    expect([theirs.verdict, theirs.requirement]).toEqual(['FAIL', 'DOWNLOAD-1']);
  });

  it('takes the file received earlier under the name, where the own copy was due, for SENDFILE-4 once, not a lost download', () => {
    // aul sends messi a file; messi sends aul one of the same name. A server that keeps no
    // sender's copy still holds the one messi received, and gives it to messi's download.
    const model = loggedInModel();
    const filename = world.fileNames[1]!;
    const sendFile = (from: number, to: number, seed: number): string => {
      const content = { bytes: 6, seed, kind: 'binary' as const };
      const sent = resolveStep(
        step({ cmd: 'SEND_FILE', session: as(from), to: as(to), file: 1, content }),
        model,
        world,
        canonicalDialect,
      );
      judge(model, sent, reply({ status: 'OK', message: 'File Sent' }), ctx);
      return sent.expect.kind === 'request' && sent.expect.request.command === 'SEND_FILE'
        ? sent.expect.request.data
        : '';
    };
    const received = sendFile(U.aul, U.messi, 3);
    const own = sendFile(U.messi, U.aul, 4);
    expect(own).not.toBe(received);
    const download = step({ cmd: 'DOWNLOAD_FILE', session: as(U.messi), peer: as(U.aul), file: 1 });
    const gave = (data: string) =>
      reply({ status: 'OK', messages: `Downloaded ${filename}`, filename, data });
    const keeps = run(model.clone(), download, gave(own));
    expect(keeps.verdict).toBe('PASS');
    const noOwnCopy = model.clone();
    const first = run(noOwnCopy, download, gave(received));
    expect([first.verdict, first.requirement]).toEqual(['NON-STRICT', 'SENDFILE-4']);
    // The model now holds what such a server holds: the same answer again is no new finding.
    expect(run(noOwnCopy, download, gave(received)).verdict).toBe('PASS');
    // Data that is neither file is still a lost file, a MUST.
    const lost = run(model.clone(), download, gave('AAAA'));
    expect([lost.verdict, lost.requirement]).toEqual(['FAIL', 'DOWNLOAD-1']);
  });

  it("takes a my_file without the sender's own copy for SENDFILE-4, a missing received one for SENDFILE-3", () => {
    const model = loggedInModel();
    const content = { bytes: 4, seed: 2, kind: 'text' as const };
    run(
      model,
      step({ cmd: 'SEND_FILE', session: as(U.messi), to: as(U.aul), file: 0, content }),
      reply({ status: 'OK', message: 'File Sent' }),
    );
    const mine = run(
      model.clone(),
      step({ cmd: 'MY_FILE', session: as(U.messi) }),
      reply({ status: 'OK', messages: {} }),
    );
    expect([mine.verdict, mine.requirement]).toEqual(['NON-STRICT', 'SENDFILE-4']);
    const theirs = run(
      model.clone(),
      step({ cmd: 'MY_FILE', session: as(U.aul) }),
      reply({ status: 'OK', messages: {} }),
    );
    expect([theirs.verdict, theirs.requirement]).toEqual(['FAIL', 'SENDFILE-3']);
  });

  it("takes a group message missing only from its sender's inbox for GROUP-7, from another's for GROUP-2", () => {
    const model = loggedInModel();
    run(
      model,
      step({
        cmd: 'SEND_GROUP',
        session: as(U.kinas),
        group: { kind: 'group', group: 1 },
        text: 'hi all',
      }),
      reply({ status: 'OK', message: 'Message Sent' }),
    );
    const own = run(
      model,
      step({ cmd: 'INBOX', session: as(U.kinas) }),
      reply({ status: 'OK', messages: {} }),
    );
    expect([own.verdict, own.requirement]).toEqual(['NON-STRICT', 'GROUP-7']);
    const other = run(
      model,
      step({ cmd: 'INBOX', session: as(U.aul) }),
      reply({ status: 'OK', messages: {} }),
    );
    expect([other.verdict, other.requirement]).toEqual(['FAIL', 'GROUP-2']);
  });

  it('takes a file command whose filename is the empty word before the line end, answered OK, for PROTO-5', () => {
    const model = loggedInModel();
    const content = { bytes: 4, seed: 3, kind: 'text' as const };
    // `keep` is taken modulo the words a line may lack: 2 keeps three words, 1 keeps two.
    const of: Op = { cmd: 'SEND_FILE', session: as(U.messi), to: as(U.aul), file: 0, content };
    const nameless = resolveStep(
      { conn: 0, form: 'plain', op: { cmd: 'MISSING_PARAMS', of, keep: 2 } },
      model,
      world,
      canonicalDialect,
    );
    expect(nameless.wire).toBe('send_file tok-messi aul \r\n');
    const j = judge(model, nameless, reply({ status: 'OK', message: 'File Sent' }), ctx);
    expect([j.verdict, j.requirement]).toEqual(['NON-STRICT', 'PROTO-5']);
    // The model stored what the server did: a file named "", listed as the server lists it.
    const listed = run(
      model,
      step({ cmd: 'MY_FILE', session: as(U.aul) }),
      reply({ status: 'OK', messages: { messi: [''] } }),
    );
    expect(listed.verdict).toBe('PASS');
    // A fixed param missing outright is PROTO-2, a MUST.
    const short = resolveStep(
      { conn: 0, form: 'plain', op: { cmd: 'MISSING_PARAMS', of, keep: 1 } },
      model,
      world,
      canonicalDialect,
    );
    const k = judge(model, short, reply({ status: 'OK', message: 'File Sent' }), ctx);
    expect([k.verdict, k.requirement]).toEqual(['FAIL', 'PROTO-2']);
  });
});

describe('judge, learning what the server may decide', () => {
  it('takes a refused earlier session of a user who logged in again for AUTH-6, and forgets it', () => {
    const model = loggedInModel();
    run(
      model,
      step({ cmd: 'AUTH', who: as(U.messi), password: 'right' }),
      reply({ status: 'OK', tokenid: '1b4e28ba-2fa1-41d2-883f-0016d3cca427' }),
    );
    const refused = run(
      model,
      step({ cmd: 'INBOX', session: as(U.messi) }),
      reply({ status: 'ERROR', message: 'Session Tidak Ditemukan' }),
    );
    expect(refused.verdict).toBe('NON-STRICT');
    expect(refused.requirement).toBe('AUTH-6');
    expect(model.state.sessions.has('tok-messi')).toBe(false);
    // From now on the model, too, refuses that session.
    const again = run(
      model,
      step({ cmd: 'INBOX', session: as(U.messi) }),
      reply({ status: 'ERROR', message: 'Session Tidak Ditemukan' }),
    );
    expect(again.verdict).toBe('PASS');
  });

  it('does not excuse a refused session of a user who never logged in again', () => {
    const refused = run(
      loggedInModel(),
      step({ cmd: 'INBOX', session: as(U.messi) }),
      reply({ status: 'ERROR', message: 'Session Tidak Ditemukan' }),
    );
    expect(refused.verdict).toBe('FAIL');
  });
});

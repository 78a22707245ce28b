import { describe, expect, it } from 'vitest';
import { pythonRepr } from '../../../reference-server/defects/reply-framing.js';
import { defective } from './support.js';

const WRONG_PASSWORD = '{"status":"ERROR","message":"Password Salah"}';

describe('reply-crlf-only', () => {
  it('ends a reply with one CRLF', async () => {
    const s = await defective(['reply-crlf-only']);
    const c = await s.open();
    await c.send('auth messi x \r\n');
    await c.waitForBytes(WRONG_PASSWORD.length + 2);
    expect(await c.staysSilent(100)).toBe(true);
    expect(c.received().toString()).toBe(`${WRONG_PASSWORD}\r\n`);
  });
});

describe('reply-no-terminator', () => {
  it('sends the JSON and nothing after it', async () => {
    const s = await defective(['reply-no-terminator']);
    const c = await s.open();
    await c.send('auth messi x \r\n');
    await c.waitForBytes(WRONG_PASSWORD.length);
    expect(await c.staysSilent(100)).toBe(true);
    expect(c.received().toString()).toBe(WRONG_PASSWORD);
  });
});

describe('reply-text-before-json', () => {
  it('puts its log text before the JSON', async () => {
    const s = await defective(['reply-text-before-json']);
    const c = await s.open();
    await c.send('auth messi x \r\n');
    expect(await c.rawReply()).toBe(`balas ke client: ${WRONG_PASSWORD}`);
  });
});

describe('reply-not-json', () => {
  it("sends Python's repr of the reply, which JSON cannot parse", async () => {
    const s = await defective(['reply-not-json']);
    const c = await s.open();
    await c.send('auth messi x \r\n');
    const text = await c.rawReply();
    expect(text).toBe("{'status': 'ERROR', 'message': 'Password Salah'}");
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
  });

  it('renders values the way Python would', () => {
    expect(pythonRepr({ a: [true, false, null, 1.5], "it's": 'x\\y' })).toBe(
      "{'a': [True, False, None, 1.5], 'it\\'s': 'x\\\\y'}",
    );
  });
});

describe('python-json-replies', () => {
  it("writes json.dumps's bytes: a space after , and :, non-ASCII and DEL as \\u escapes", async () => {
    const s = await defective(['python-json-replies']);
    const c = await s.open();
    await c.send('auth messi x \r\n');
    expect(await c.rawReply()).toBe('{"status": "ERROR", "message": "Password Salah"}');
    const token = (await c.request('auth messi surabaya \r\n')).tokenid as string;
    await c.send(`send ${token} messi caf\u00e9 \u{1f600} "q" \\ \u007f \r\n`);
    expect(await c.rawReply()).toBe('{"status": "OK", "message": "Message Sent"}');
    await c.send(`inbox ${token} \r\n`);
    // What Python 3 prints for json.dumps of the same dict.
    expect(await c.rawReply()).toBe(
      '{"status": "OK", "messages": {"messi": [{"msg_from": "Lionel Messi", "msg_to": "Lionel Messi", "msg": "caf\\u00e9 \\ud83d\\ude00 \\"q\\" \\\\ \\u007f"}]}}',
    );
    expect(c.received().toString('latin1')).toMatch(/^[\x20-\x7e\r\n]*$/);
  });
});

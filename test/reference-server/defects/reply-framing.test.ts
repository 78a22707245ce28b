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

describe('utf8-replies', () => {
  it('writes compact JSON with raw UTF-8, where the clean server writes json.dumps bytes', async () => {
    const text = 'caf\u00e9 \u{1f600} \u2615';
    const read = async (defects: string[]) => {
      const s = await defective(defects);
      const c = await s.as('messi');
      await c.client.send(`send ${c.token} messi ${text} \r\n`);
      await c.client.rawReply();
      await c.client.send(`inbox ${c.token} \r\n`);
      return c.client.rawReply();
    };
    const raw = await read(['utf8-replies']);
    expect(raw).toBe(
      `{"status":"OK","messages":{"messi":[{"msg_from":"Lionel Messi","msg_to":"Lionel Messi","msg":"${text}"}]}}`,
    );
    const clean = await read([]);
    expect(clean).toBe(
      '{"status": "OK", "messages": {"messi": [{"msg_from": "Lionel Messi", "msg_to": "Lionel Messi", "msg": "caf\\u00e9 \\ud83d\\ude00 \\u2615"}]}}',
    );
    expect(JSON.parse(raw)).toEqual(JSON.parse(clean));
  });
});

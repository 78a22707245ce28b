/**
 * The course's own client, unchanged: it sends `auth messi surabaya \r\n`, reads 32 bytes at
 * a time until what it has ends with "\r\n\r\n", then parses JSON (the template's
 * chat-cli.py). The reference server must work with it exactly.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../reference-server/index.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(async () => {
  await server.close();
});

/** A port of the course client's sendstring: send, then recv until the text ends with CRLF CRLF. */
class CourseClient {
  #socket!: Socket;
  #buffered: Buffer[] = [];
  #wake: (() => void) | undefined;
  #closed = false;

  async connect(port: number): Promise<void> {
    this.#socket = connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      this.#socket.once('connect', resolve);
      this.#socket.once('error', reject);
    });
    this.#socket.on('data', (chunk: Buffer) => {
      this.#buffered.push(chunk);
      this.#wake?.();
    });
    this.#socket.on('close', () => {
      this.#closed = true;
      this.#wake?.();
    });
  }

  async #recv32(): Promise<string> {
    const deadline = Date.now() + 5_000;
    while (this.#buffered.length === 0) {
      if (this.#closed) throw new Error('server closed the connection');
      if (Date.now() > deadline) throw new Error('no reply within 5 s');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const all = Buffer.concat(this.#buffered);
    this.#buffered = all.length > 32 ? [all.subarray(32)] : [];
    return all.subarray(0, 32).toString();
  }

  async sendstring(text: string): Promise<{ raw: string; json: unknown }> {
    this.#socket.write(text);
    let received = '';
    for (;;) {
      received += await this.#recv32();
      if (received.slice(-4) === '\r\n\r\n') return { raw: received, json: JSON.parse(received) };
    }
  }

  close(): void {
    this.#socket.destroy();
  }
}

describe('the course client', () => {
  it('logs in with `auth messi surabaya \\r\\n` and reads {"status": "OK", "tokenid": …}', async () => {
    const client = new CourseClient();
    await client.connect(server.port);
    const { raw, json } = await client.sendstring('auth messi surabaya \r\n');
    expect(raw.endsWith('\r\n\r\n')).toBe(true);
    expect(raw.indexOf('\r\n\r\n')).toBe(raw.length - 4); // exactly one reply, nothing after it
    expect(json).toEqual({ status: 'OK', tokenid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    client.close();
  });

  it('runs the GUI client conversation: send, inbox, files, groups, each reply read the same way', async () => {
    const messi = new CourseClient();
    const aul = new CourseClient();
    await messi.connect(server.port);
    await aul.connect(server.port);
    const m = ((await messi.sendstring('auth messi surabaya \r\n')).json as { tokenid: string })
      .tokenid;
    const a = ((await aul.sendstring('auth aul sby \r\n')).json as { tokenid: string }).tokenid;

    expect((await messi.sendstring(`send ${m} aul pogger \r\n`)).json).toEqual({
      status: 'OK',
      message: 'Message Sent',
    });
    expect((await aul.sendstring(`inbox ${a} \r\n`)).json).toEqual({
      status: 'OK',
      messages: { messi: [{ msg_from: 'Lionel Messi', msg_to: 'Aul Ronaldo', msg: 'pogger' }] },
    });
    expect((await aul.sendstring(`send_group ${a} group2 hhai \r\n`)).json).toMatchObject({
      status: 'OK',
    });
    expect((await messi.sendstring(`inbox ${m} \r\n`)).json).toMatchObject({
      messages: { group2: [{ msg: 'hhai' }] },
    });
    const data = Buffer.from('isi file\n').toString('base64');
    expect((await messi.sendstring(`send_file ${m} aul catatan.txt ${data} \r\n`)).json).toEqual({
      status: 'OK',
      message: 'File Sent',
    });
    expect((await aul.sendstring(`my_file ${a} \r\n`)).json).toEqual({
      status: 'OK',
      messages: { messi: ['catatan.txt'] },
    });
    expect((await aul.sendstring(`download_file ${a} messi catatan.txt \r\n`)).json).toEqual({
      status: 'OK',
      messages: 'Downloaded catatan.txt',
      filename: 'catatan.txt',
      data,
    });
    expect((await aul.sendstring(`inbox ${m}x \r\n`)).json).toEqual({
      status: 'ERROR',
      message: 'Session Tidak Ditemukan',
    });
    messi.close();
    aul.close();
  });
});

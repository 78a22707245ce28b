/**
 * Passwords appear in no log line and no reply, however the login is written; and file
 * names never reach a file system: nothing in the server or the model can open a file.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFixture } from '../../specs/index.js';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { WireClient } from '../reference-server/support/wire.js';

const SECRET = 'Pw0rd-unique-7f3a';
const FIXTURE = parseFixture({
  users: [
    { username: 'ana', password: SECRET, name: 'Ana' },
    { username: 'ben', password: 'other', name: 'Ben' },
  ],
  groups: [],
});

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('passwords', () => {
  it('never appear in the request log or a reply, whatever shape the login takes', async () => {
    const log: string[] = [];
    server = await startServer({
      host: '127.0.0.1',
      port: 0,
      fixture: FIXTURE,
      log: (l) => log.push(l),
    });
    const c = await WireClient.open(server.port);
    const received: string[] = [];
    const lines = [
      `auth ana ${SECRET} \r\n`,
      `AUTH\tana\t${SECRET}\r\n`,
      `auth   ana   ${SECRET}   extra words\r\n`,
      `auth ben ${SECRET}\r\n`, // someone else's password: wrong, still secret
      `auth ana ${SECRET}x\r\n`, // a near miss
      `auth nobody ${SECRET}\n`,
    ];
    for (const line of lines) received.push(JSON.stringify(await c.request(line)));
    await c.sendInPieces(`auth ana ${SECRET} \r\n`, 1, 0);
    received.push(JSON.stringify(await c.reply()));
    c.close();
    await server.close();
    expect(log.some((l) => /auth username=ana password=\*\*\*/.test(l))).toBe(true);
    expect(log.filter((l) => l.includes(SECRET.slice(0, 6)))).toEqual([]);
    expect(received.filter((r) => r.includes(SECRET.slice(0, 6)))).toEqual([]);
  });
});

describe('file names', () => {
  it('never reach a file system: the server and the model import nothing that could open one', () => {
    const root = join(import.meta.dirname, '../..');
    const files = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && e.name.endsWith('.ts'))
        .map((e) => join(e.parentPath, e.name));
    const offenders = [
      ...files('reference-server'),
      ...files('specs/model'),
      ...files('specs/codec'),
    ]
      .filter((path) =>
        /from ['"](node:)?(fs|fs\/promises|child_process|path)['"]/.test(
          readFileSync(path, 'utf8'),
        ),
      )
      .map((path) => path.slice(root.length + 1));
    expect(offenders).toEqual([]);
  });
});

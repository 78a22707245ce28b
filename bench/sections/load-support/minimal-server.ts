/**
 * The smallest real chat server one would write by hand in Node, a yardstick for the
 * load-reference benchmark beside the canned-reply server: it logs the fixture's users in
 * with a random UUID token (as the course's server does), keeps each SEND in the recipient's
 * inbox and answers INBOX with the messages by sender, emptying it. It bounds nothing,
 * validates little and speaks only auth, send and inbox: what remains between it and the
 * reference server is the cost of being the oracle (limits, checks, defects, dialects).
 * Prints `PORT <n>` when listening; exits when its standard input closes.
 */
import { randomUUID } from 'node:crypto';
import { SEED_FIXTURE } from '../../../specs/index.js';
import { runBenchServer } from './bench-server.js';

const USERS = new Map(SEED_FIXTURE.users.map((u) => [u.username, u]));
const SENT = '{"status": "OK", "message": "Message Sent"}\r\n\r\n';
const sessions = new Map<string, string>();
/** Per recipient: each message as its JSON text, with its sender's username. */
const inboxes = new Map<string, Array<{ readonly from: string; readonly json: string }>>();

const error = (message: string): string => `{"status": "ERROR", "message": "${message}"}\r\n\r\n`;

function answer(line: string): string {
  const words = line.split(' ');
  switch (words[0]) {
    case 'auth': {
      const user = USERS.get(words[1] ?? '');
      if (user === undefined || user.password !== words[2]) return error('Login Gagal');
      const token = randomUUID();
      sessions.set(token, user.username);
      return `{"status": "OK", "tokenid": "${token}"}\r\n\r\n`;
    }
    case 'send': {
      const from = sessions.get(words[1] ?? '');
      const to = USERS.get(words[2] ?? '');
      if (from === undefined || to === undefined) return error('Tidak Ditemukan');
      const text = words.slice(3).join(' ').trim();
      let box = inboxes.get(to.username);
      if (box === undefined) inboxes.set(to.username, (box = []));
      const json = `{"msg_from": "${USERS.get(from)!.name}", "msg_to": "${to.name}", "msg": ${JSON.stringify(text)}}`;
      box.push({ from, json });
      return SENT;
    }
    case 'inbox': {
      const me = sessions.get(words[1] ?? '');
      if (me === undefined) return error('Session Tidak Ditemukan');
      const box = inboxes.get(me) ?? [];
      inboxes.delete(me);
      const bySender = new Map<string, string[]>();
      for (const { from, json } of box) {
        const list = bySender.get(from);
        if (list === undefined) bySender.set(from, [json]);
        else list.push(json);
      }
      const parts = [...bySender].map(([from, list]) => `"${from}": [${list.join(', ')}]`);
      return `{"status": "OK", "messages": {${parts.join(', ')}}}\r\n\r\n`;
    }
    default:
      return error('Protocol Tidak Benar');
  }
}

runBenchServer((socket) => {
  let rest = '';
  socket.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop()!;
    let out = '';
    for (const line of lines) {
      const bare = line.endsWith('\r') ? line.slice(0, -1) : line;
      if (bare !== '') out += answer(bare);
    }
    if (out !== '') socket.write(out);
  });
});

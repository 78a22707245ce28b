/**
 * `chatspec chat --terminal` in a real pseudo-terminal (tmux): the prompt, tab completion of
 * commands, users and groups, history, `raw`, and a server that dies under it. Each wait
 * polls the screen with a deadline; the tmux server is private to this test and killed after.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../reference-server/index.js';
import { BIN, ROOT } from './support/run-cli.js';

const SOCKET = `chatspec-test-${process.pid}`;
const SESSION = 'chat';
const WAIT_MS = 10_000;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8', timeout: 5000 });
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', SESSION);
}

/**
 * Waits until the screen shows the text (a string or a pattern). capture-pane drops the
 * spaces at a line's end, so a string's own trailing spaces are not asked for.
 */
async function shows(expected: string | RegExp): Promise<string> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const text = screen();
    if (typeof expected === 'string' ? text.includes(expected.trimEnd()) : expected.test(text)) {
      return text;
    }
    if (Date.now() > deadline) throw new Error(`screen never showed ${String(expected)}:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function keys(...sequence: string[]): void {
  tmux('send-keys', '-t', SESSION, ...sequence);
}

/** The last line with the prompt on it. */
function promptLine(): string {
  return (
    screen()
      .split('\n')
      .filter((l) => /^\S+> /.test(l))
      .pop() ?? ''
  );
}

describe('chatspec chat --terminal in a pseudo-terminal', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ host: '127.0.0.1', port: 0 });
    tmux(
      'new-session',
      '-d',
      '-s',
      SESSION,
      '-x',
      '160',
      '-y',
      '50',
      `cd ${ROOT} && ${process.execPath} ${BIN} chat --terminal ${server.address}; sleep 30`,
    );
    await shows('chatspec> ');
  });

  afterAll(async () => {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
    await server?.close();
  });

  it('completes commands, users and groups with Tab', async () => {
    keys('au', 'Tab');
    await shows('chatspec> auth ');
    keys('mes', 'Tab');
    await shows('chatspec> auth messi ');
    keys('surabaya', 'Enter');
    await shows('OK logged in as messi');
    await shows('messi> ');
    keys('send hen', 'Tab');
    await shows('messi> send henderson ');
    keys('halo dari tmux', 'Enter');
    await shows('OK Message Sent');
    keys('send_g', 'Tab');
    await shows('messi> send_group');
    // Two candidates (send_group, send_group_file): Tab lists them.
    keys('Tab');
    await shows(/send_group\s+send_group_file/);
    keys('C-u');
    keys('send_group gr', 'Tab');
    await shows('messi> send_group group');
    keys('Tab');
    await shows(/group1\s+group2/);
    keys('C-u');
  });

  it('keeps history and shows raw exchanges byte for byte', async () => {
    keys('raw my_file {session}', 'Enter');
    await shows(/→ my_file [0-9a-f-]{36}\\r\\n/);
    await shows('← {"status": "OK", "messages": {}}\\r\\n\\r\\n');
    keys('Up');
    await shows('messi> raw my_file {session}');
    keys('C-u', 'help', 'Enter');
    await shows('download_file <username|group> <filename>');
    expect(promptLine()).toMatch(/^messi> /);
  });

  it('says so when the server dies, and carries on when it is back', async () => {
    const port = server.port;
    await server.close();
    keys('inbox', 'Enter');
    await shows(/FAILED .*(closed|ECONNREFUSED|cannot connect)/);
    await shows(`127.0.0.1:${port} is not reachable`);
    server = await startServer({ host: '127.0.0.1', port });
    keys('inbox', 'Enter');
    // A new connection, a new login on the restarted server, then the inbox.
    await shows('(no new messages)');
    await shows(`127.0.0.1:${port} is back`);
    keys('quit', 'Enter');
  });
});

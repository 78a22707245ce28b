/**
 * The chat page in headless Chromium against the reference server on loopback: the seed's
 * seven pages, one-to-one and group chat both ways, files byte-exact through "File Anda",
 * the protocol pane's exact lines, and a server that dies and comes back on the same port.
 */
import { tcpDialer } from '../../../net/index.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  canonicalDialect,
  dialectFromSpec,
  parseDialect,
  type Dialect,
} from '../../../specs/index.js';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { startChatBridge, type RunningBridge } from '../../../client/bridge/server.js';
import { defaultWebRoot } from '../../../client/bridge/static.js';
import { escapeWire } from '../../../client/escape-wire.js';
import { SECRET_MASK as PASSWORD_MASK } from '../../../specs/index.js';
import { launchBrowser, screenshotPath, type LaunchedBrowser } from '../../support/browser.js';

const WAIT_MS = 8000;

async function login(page: Page, username: string, password: string): Promise<void> {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

async function loggedIn(page: Page, username: string, password: string): Promise<void> {
  await login(page, username, password);
  await page.getByTestId('chat-list').waitFor({ timeout: WAIT_MS });
}

async function openRoom(page: Page, kind: 'user' | 'group', id: string): Promise<void> {
  await page.getByTestId(`room-${kind}-${id}`).click();
  await page.getByTestId(`room-view-${kind}-${id}`).waitFor({ timeout: WAIT_MS });
}

async function say(page: Page, text: string): Promise<void> {
  await page.fill('input[name=message]', text);
  await page.click('form.composer button[type=submit]');
  await seen(page, text);
}

/** Waits until a message with this text, from this sender, is in the open room. */
async function seen(page: Page, text: string, from?: string): Promise<void> {
  const message = page.getByTestId('message').filter({ hasText: text });
  if (from !== undefined)
    await message.filter({ hasText: from }).first().waitFor({ timeout: WAIT_MS });
  else await message.first().waitFor({ timeout: WAIT_MS });
}

async function downloadFromFiles(page: Page, peer: string, filename: string): Promise<Buffer> {
  await page.getByTestId('open-files').click();
  const button = page.getByTestId(`download-${peer}-${filename}`);
  await button.waitFor({ timeout: WAIT_MS });
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: WAIT_MS }),
    button.click(),
  ]);
  expect(download.suggestedFilename()).toBe(filename);
  await page.getByTestId('downloaded').waitFor({ timeout: WAIT_MS });
  return readFile(await download.path());
}

/** The bridge serving the page, polling fast so that tests wait little. */
function bridgeTo(port: number, dialect: Dialect): Promise<RunningBridge> {
  return startChatBridge({
    target: tcpDialer('127.0.0.1', port),
    dialect,
    webRoot: defaultWebRoot(),
    pollMs: 150,
    timeoutMs: 2000,
  });
}

async function closeAll(
  contexts: readonly BrowserContext[],
  launched: LaunchedBrowser | undefined,
  bridge: RunningBridge | undefined,
  server: RunningServer | undefined,
): Promise<void> {
  for (const context of contexts) await context.close();
  await launched?.close();
  await bridge?.close();
  await server?.close();
}

/** A server to chat with and the dialect the bridge speaks to it. */
interface Target {
  readonly name: string;
  readonly dialect: Dialect;
  /** The first screenshots go to docs/images; other targets add their name. */
  readonly shotPrefix: string;
  start(port: number): Promise<RunningServer>;
}

/** A server from the wild: several of the spellings seen in course servers at once. */
const WILD_DIALECT = dialectFromSpec(
  parseDialect(
    [
      'name: wild-mix',
      'description: login, token_id, renamed verbs, group-first arguments, English errors',
      'extends: english',
      'commands:',
      '  AUTH: login {username} {password}',
      '  SEND: sendprivate {session} {to} {text}',
      '  SEND_GROUP: send_group {group} {session} {text}',
      '  SEND_GROUP_FILE: send_group_file {group} {session} {filename} {data}',
      '  DOWNLOAD_FILE: file_download {session} {peer} {filename}',
      '  MY_FILE: file_check {session}',
      'replies:',
      '  token: token_id',
      '  inbox:',
      '    groupKey: sender',
      '    personal: string',
    ].join('\n'),
    'wild-mix.yaml',
  ),
);

const TARGETS: readonly Target[] = [
  {
    name: 'the reference server (canonical)',
    dialect: canonicalDialect,
    shotPrefix: 'chat',
    start: (port) => startServer({ host: '127.0.0.1', port }),
  },
  {
    name: 'the reference server speaking a dialect from the wild',
    dialect: WILD_DIALECT,
    shotPrefix: 'chat-wild-mix',
    start: (port) => startServer({ host: '127.0.0.1', port, dialect: WILD_DIALECT.spec }),
  },
];

describe.each(TARGETS)('chat page in the browser against $name', (target) => {
  const shot = (name: string): string => screenshotPath(`${target.shotPrefix}-${name}`);
  let launched: LaunchedBrowser;
  let server: RunningServer;
  let bridge: RunningBridge;
  let serverPort: number;
  const contexts: BrowserContext[] = [];
  let messi: Page;
  let henderson: Page;
  let lineker: Page;

  async function newPage(): Promise<Page> {
    const context = await launched.browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1280, height: 760 },
    });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(bridge.url);
    await page.getByTestId('login-page').waitFor({ timeout: WAIT_MS });
    return page;
  }

  beforeAll(async () => {
    launched = await launchBrowser();
    server = await target.start(0);
    serverPort = server.port;
    bridge = await bridgeTo(serverPort, target.dialect);
  });

  afterAll(() => closeAll(contexts, launched, bridge, server));

  it('shows the login page and the server’s own text for a wrong password', async () => {
    messi = await newPage();
    await messi.screenshot({ path: shot('1-login') });
    await login(messi, 'messi', 'wrong');
    const error = messi.getByTestId('login-error');
    await error.waitFor({ timeout: WAIT_MS });
    // The server's own text: `Password Salah` from the reference server.
    expect(await error.textContent()).toBe(target.dialect.errorTexts('AUTH_WRONG_PASSWORD')[0]);
    await messi.screenshot({ path: shot('2-login-error') });
    await login(messi, 'nobody', 'x');
    await messi
      .getByTestId('login-error')
      .filter({ hasText: target.dialect.errorTexts('AUTH_UNKNOWN_USER')[0] ?? '' })
      .waitFor({ timeout: WAIT_MS });
  });

  it('lists the fixture’s users and groups after login', async () => {
    await loggedIn(messi, 'messi', 'surabaya');
    for (const id of ['henderson', 'lineker', 'aul', 'kinas', 'rimas']) {
      await messi.getByTestId(`room-user-${id}`).waitFor({ timeout: WAIT_MS });
    }
    expect(await messi.getByTestId('room-user-messi').count()).toBe(0);
    await messi.getByTestId('room-group-group1').waitFor({ timeout: WAIT_MS });
    await messi.getByTestId('room-group-group2').waitFor({ timeout: WAIT_MS });
    await messi.screenshot({ path: shot('3-chat-list') });
  });

  it('chats one-to-one both ways, with sender and time', async () => {
    henderson = await newPage();
    await loggedIn(henderson, 'henderson', 'surabaya');
    await openRoom(messi, 'user', 'henderson');
    await say(messi, 'halo henderson, apa kabar?');
    // henderson sees an unread badge, then the message from Lionel Messi in messi's room.
    await henderson.getByTestId('room-user-messi').locator('.badge').waitFor({ timeout: WAIT_MS });
    await openRoom(henderson, 'user', 'messi');
    await seen(henderson, 'halo henderson, apa kabar?', 'Lionel Messi');
    expect(await henderson.getByTestId('message').first().locator('time').textContent()).toMatch(
      /^\d\d:\d\d:\d\d$/,
    );
    await say(henderson, 'baik, terima kasih');
    await seen(messi, 'baik, terima kasih', 'Jordan Henderson');
    await messi.screenshot({ path: shot('4-personal-room') });
  });

  it('shows the exact request line and reply in the protocol pane, with timing', async () => {
    const text = 'halo henderson, apa kabar?';
    const sent = messi.getByTestId('wire-sent').filter({ hasText: text });
    await sent.first().waitFor({ timeout: WAIT_MS });
    // The line the dialect builds, the token being whatever the server gave.
    const line = target.dialect.formatRequest({
      command: 'SEND',
      session: 'TOKEN',
      to: 'henderson',
      text,
    });
    const pattern = escapeWire(line)
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace('TOKEN', '\\S+');
    expect(await sent.first().textContent()).toMatch(new RegExp(`^${pattern}$`));
    const exchange = messi.getByTestId('wire-exchange').filter({ has: sent });
    const received = await exchange.getByTestId('wire-received').textContent();
    expect(received).toMatch(/\\r\\n\\r\\n$/);
    if (target.dialect === canonicalDialect) {
      expect(received).toBe('{"status": "OK", "message": "Message Sent"}\\r\\n\\r\\n');
    }
    expect(await exchange.locator('.ms').textContent()).toMatch(/^\d+(\.\d)? ms$/);
    // The login line is there with its password masked.
    const auth = messi
      .getByTestId('wire-exchange')
      .filter({ hasText: 'AUTH' })
      .last()
      .getByTestId('wire-sent');
    expect(await auth.textContent()).toBe(
      escapeWire(
        target.dialect.formatRequest({
          command: 'AUTH',
          username: 'messi',
          password: PASSWORD_MASK,
        }),
      ),
    );
    expect(await messi.getByTestId('protocol-pane').textContent()).not.toContain('surabaya');
  });

  it('chats in a group with a third user', async () => {
    lineker = await newPage();
    await loggedIn(lineker, 'lineker', 'surabaya');
    await openRoom(messi, 'group', 'group1');
    await say(messi, 'halo group1');
    await openRoom(henderson, 'group', 'group1');
    await seen(henderson, 'halo group1', 'Lionel Messi');
    await openRoom(lineker, 'group', 'group1');
    await seen(lineker, 'halo group1', 'Lionel Messi');
    await say(lineker, 'halo juga dari lineker');
    await seen(messi, 'halo juga dari lineker', 'Gary Lineker');
    await seen(henderson, 'halo juga dari lineker', 'Gary Lineker');
    // The sender's own copy from the server is not shown twice.
    expect(await messi.getByTestId('message').filter({ hasText: 'halo group1' }).count()).toBe(1);
    await messi.screenshot({ path: shot('6-group-room') });
  });

  it('sends a binary file to a user, who downloads it byte-exact from File Anda', async () => {
    const bytes = Buffer.concat([
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      randomBytes(50_000),
    ]);
    await openRoom(messi, 'user', 'henderson');
    await messi
      .getByTestId('file-input')
      .setInputFiles({ name: 'data.bin', mimeType: 'application/octet-stream', buffer: bytes });
    await messi.getByTestId('send-file').click();
    await seen(messi, 'Mengirim File data.bin ke file anda');
    await openRoom(henderson, 'user', 'messi');
    await seen(henderson, 'Mengirim File data.bin ke file anda', 'Lionel Messi');
    const downloaded = await downloadFromFiles(henderson, 'messi', 'data.bin');
    expect(downloaded.equals(bytes)).toBe(true);
    await henderson.screenshot({ path: shot('5-personal-file') });
    await henderson.keyboard.press('Escape');
    await henderson.locator('.overlay').click({ position: { x: 5, y: 5 } });
  });

  it('sends a binary file to a group, which a member downloads byte-exact', async () => {
    const bytes = randomBytes(20_000);
    await openRoom(lineker, 'group', 'group1');
    await lineker
      .getByTestId('file-input')
      .setInputFiles({ name: 'group.bin', mimeType: 'application/octet-stream', buffer: bytes });
    await lineker.getByTestId('send-file').click();
    await seen(lineker, 'Mengirim File group.bin ke file anda');
    await openRoom(messi, 'group', 'group1');
    await seen(messi, 'Mengirim File group.bin ke file anda', 'Gary Lineker');
    const downloaded = await downloadFromFiles(messi, 'group1', 'group.bin');
    expect(downloaded.equals(bytes)).toBe(true);
    await messi.screenshot({ path: shot('7-group-file') });
    await messi.locator('.overlay').click({ position: { x: 5, y: 5 } });
  });

  it('says so when the server dies, and reconnects when it returns on the same port', async () => {
    await server.close();
    const down = messi.getByTestId('target-down');
    await down.waitFor({ timeout: WAIT_MS });
    expect(await down.textContent()).toContain(`127.0.0.1:${serverPort} is not reachable`);
    await messi.screenshot({ path: shot('8-server-down') });
    // Sending while it is down shows the problem where the person acted.
    await openRoom(messi, 'user', 'henderson');
    await messi.fill('input[name=message]', 'are you there?');
    await messi.click('form.composer button[type=submit]');
    await messi.getByTestId('room-error').waitFor({ timeout: WAIT_MS });

    server = await target.start(serverPort);
    await messi.getByTestId('target-up').waitFor({ timeout: WAIT_MS });
    // The restarted server knows no sessions: both pages log in again by themselves.
    await openRoom(henderson, 'user', 'messi');
    await say(henderson, 'kembali lagi');
    await seen(messi, 'kembali lagi', 'Jordan Henderson');
  });
});

/**
 * The page at a phone's width (390 px), a small laptop's (1024) and a desktop's (1280): no
 * horizontal overflow anywhere, the list and the room as two views on the phone, the
 * protocol pane closed where there is no room for it, and "File Anda" saying which files the
 * user sent. With CHATSPEC_DOC_SCREENSHOTS=1 the screenshots go to docs/images (docs/chat.md's
 * pictures); otherwise to test-output/screenshots like the others.
 */
describe('chat page at 390, 1024 and 1280 px', () => {
  const toDocs = process.env.CHATSPEC_DOC_SCREENSHOTS === '1';
  const shot = (name: string): string =>
    toDocs
      ? join(process.cwd(), 'docs', 'images', `chat-${name}.png`)
      : screenshotPath(`chat-${name}`);
  let launched: LaunchedBrowser;
  let server: RunningServer;
  let bridge: RunningBridge;
  const contexts: BrowserContext[] = [];

  async function pageAt(width: number, height: number, username: string): Promise<Page> {
    const context = await launched.browser.newContext({ viewport: { width, height } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(bridge.url);
    await page.getByTestId('login-page').waitFor({ timeout: WAIT_MS });
    expect(await overflow(page)).toBe(0);
    await loggedIn(page, username, 'surabaya');
    return page;
  }

  /** How far the document is wider than the window: 0 when nothing overflows. */
  const overflow = (page: Page): Promise<number> =>
    // A string, run in the page: the test's own types know no DOM.
    page.evaluate<number>('Math.max(0, document.documentElement.scrollWidth - window.innerWidth)');

  beforeAll(async () => {
    launched = await launchBrowser();
    server = await startServer({ host: '127.0.0.1', port: 0 });
    bridge = await bridgeTo(server.port, canonicalDialect);
  });

  afterAll(() => closeAll(contexts, launched, bridge, server));

  it('390: the list and the room are two views, the protocol pane is closed, nothing overflows', async () => {
    const page = await pageAt(390, 844, 'henderson');
    expect(await page.getByTestId('protocol-pane').count()).toBe(0);
    expect(await overflow(page)).toBe(0);
    await page.screenshot({ path: shot('390-list') });
    await openRoom(page, 'user', 'messi');
    expect(await page.getByTestId('chat-list').isVisible()).toBe(false);
    await say(page, 'halo dari layar kecil, sebuah pesan yang cukup panjang untuk dibungkus');
    expect(await overflow(page)).toBe(0);
    await page.screenshot({ path: shot('390-room') });
    await page.getByTestId('back-to-list').click();
    await page.getByTestId('chat-list').waitFor({ state: 'visible', timeout: WAIT_MS });
    expect(await page.getByTestId('room-view-user-messi').isVisible()).toBe(false);
    // Opened by hand, the pane takes the chat's place instead of covering it.
    await page.getByRole('button', { name: 'Protocol' }).click();
    await page.getByTestId('protocol-pane').waitFor({ timeout: WAIT_MS });
    expect(await page.getByTestId('chat-list').isVisible()).toBe(false);
    expect(await overflow(page)).toBe(0);
    await page.getByRole('button', { name: 'Hide protocol' }).click();
    await page.getByTestId('chat-list').waitFor({ state: 'visible', timeout: WAIT_MS });
  });

  it('1024: "Send file" stays on one line; 1280: all three side by side; nothing overflows', async () => {
    for (const width of [1024, 1280]) {
      const page = await pageAt(width, 760, 'lineker');
      await page.getByTestId('protocol-pane').waitFor({ timeout: WAIT_MS });
      await openRoom(page, 'group', 'group1');
      await page.getByTestId('chat-list').waitFor({ state: 'visible', timeout: WAIT_MS });
      // One line: as tall as the one-word "Send" button of the same style.
      const sendFile = await page.getByTestId('send-file').boundingBox();
      const send = await page.locator('form.composer button[type=submit]').boundingBox();
      expect(sendFile?.height).toBe(send?.height);
      expect(await overflow(page)).toBe(0);
      await page.screenshot({ path: shot(`${width}-room`) });
    }
  });

  it('labels a file the user sent "you → peer", and one they got "with peer"', async () => {
    const sender = await pageAt(1280, 760, 'messi');
    await openRoom(sender, 'user', 'henderson');
    await sender.getByTestId('file-input').setInputFiles({
      name: 'catatan.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('isi catatan'),
    });
    await sender.getByTestId('send-file').click();
    await seen(sender, 'Mengirim File catatan.txt ke file anda');
    await sender.getByTestId('open-files').click();
    const sent = sender.getByTestId('file-row').filter({ hasText: 'catatan.txt' });
    await sent.first().waitFor({ timeout: WAIT_MS });
    expect(await sent.getByTestId('file-direction').textContent()).toBe('you → Jordan Henderson');
    await sender.screenshot({ path: shot('1280-files-sent') });

    const receiver = await pageAt(390, 844, 'henderson');
    await receiver.getByTestId('open-files').click();
    const got = receiver.getByTestId('file-row').filter({ hasText: 'catatan.txt' });
    await got.first().waitFor({ timeout: WAIT_MS });
    expect(await got.getByTestId('file-direction').textContent()).toBe('with Lionel Messi');
    expect(await overflow(receiver)).toBe(0);
    await receiver.screenshot({ path: shot('390-files') });
  });
});

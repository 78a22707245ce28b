/** The chat page: login, the chat list, rooms, "File Anda", and the protocol pane. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { safeDownloadName } from '../download-name.js';
import type { FileEntry, HelloMessage, PageRequest, WireRecord } from '../bridge/protocol.js';
import { base64ToBytes, bytesToBase64 } from './base64.js';
import { BridgeSocket, type Push } from './bridge-socket.js';
import { ChatList } from './chat-list.js';
import { FilesDialog, fileKey, rememberSent } from './files-dialog.js';
import { Login } from './login.js';
import { ProtocolPane } from './protocol-pane.js';
import { Room } from './room.js';
import {
  addIncoming,
  addOwn,
  displayName,
  initialRooms,
  markRead,
  type RoomView,
} from './rooms-state.js';

/** Records the protocol pane keeps; older ones scroll away. */
const MAX_WIRE_RECORDS = 1000;

/**
 * Wide enough for the chat list, a room and the protocol pane side by side: narrower, the
 * pane starts closed, and when opened it takes the place of the chat instead of covering it.
 */
const ROOM_FOR_PROTOCOL = '(min-width: 1000px)';

interface Me {
  readonly username: string;
  readonly name: string;
}

/** The text the seed's GUI sends after a file, so the other side sees it arrive. */
export function fileNotice(filename: string): string {
  return `Mengirim File ${filename} ke file anda`;
}

export function App() {
  const socket = useRef<BridgeSocket | undefined>(undefined);
  const [hello, setHello] = useState<HelloMessage | undefined>(undefined);
  const [bridgeClosed, setBridgeClosed] = useState<string | undefined>(undefined);
  const [target, setTarget] = useState<{ up: boolean; reason?: string; recovered: boolean }>({
    up: true,
    recovered: false,
  });
  const [me, setMe] = useState<Me | undefined>(undefined);
  const [loginError, setLoginError] = useState<string | undefined>(undefined);
  const [loginBusy, setLoginBusy] = useState(false);
  const [rooms, setRooms] = useState<RoomView[]>([]);
  const [current, setCurrent] = useState<string | undefined>(undefined);
  const [wire, setWire] = useState<WireRecord[]>([]);
  const [showProtocol, setShowProtocol] = useState(
    () => window.matchMedia(ROOM_FOR_PROTOCOL).matches,
  );
  // Files this page sent, as fileKey(peer, name): my_file lists both directions under the
  // peer's name, so only the session's own sends tell "you sent it" from "you got it".
  const [sentFiles, setSentFiles] = useState<readonly string[]>([]);
  const [files, setFiles] = useState<{
    open: boolean;
    list?: FileEntry[];
    error?: string;
    downloadError?: { key: string; text: string };
    downloaded?: { key: string; bytes: number };
  }>({ open: false });
  const helloRef = useRef<HelloMessage | undefined>(undefined);
  const currentRef = useRef<string | undefined>(undefined);
  currentRef.current = current;

  useEffect(() => {
    const onPush = (message: Push) => {
      switch (message.type) {
        case 'hello':
          helloRef.current = message;
          setHello(message);
          setTarget({
            up: message.up,
            recovered: false,
            ...(message.up ? {} : { reason: 'cannot connect' }),
          });
          break;
        case 'target':
          setTarget((was) => ({
            up: message.up,
            recovered: message.up && !was.up,
            ...(message.reason === undefined ? {} : { reason: message.reason }),
          }));
          break;
        case 'wire':
          setWire((w) => [...w, message.record].slice(-MAX_WIRE_RECORDS));
          break;
        case 'messages':
          if (helloRef.current !== undefined) {
            const h = helloRef.current;
            setRooms((r) => addIncoming(r, message.messages, h, currentRef.current));
          }
          break;
        case 'loggedOut':
          setMe(undefined);
          setLoginError(message.reason);
          break;
        case 'refused':
          setWire((w) => [
            ...w,
            {
              kind: 'event' as const,
              seq: -Date.now(),
              atMs: Date.now(),
              text: `bridge refused a message: ${message.reason}`,
            },
          ]);
          break;
      }
    };
    socket.current = new BridgeSocket(onPush, (reason) => setBridgeClosed(reason));
  }, []);

  const ask = (request: PageRequest) =>
    socket.current?.request(request) ??
    Promise.resolve({ ok: false as const, error: 'not connected', fromServer: false });

  async function login(username: string, password: string) {
    setLoginBusy(true);
    const answer = await ask({ op: 'login', username, password });
    setLoginBusy(false);
    if (!answer.ok) {
      setLoginError(answer.error);
      return;
    }
    if (answer.value.op !== 'login' || hello === undefined) return;
    setLoginError(undefined);
    setMe({ username: answer.value.username, name: answer.value.name });
    setRooms(initialRooms(hello, answer.value.username));
    setCurrent(undefined);
  }

  function logout() {
    void ask({ op: 'logout' });
    setMe(undefined);
    setRooms([]);
    setCurrent(undefined);
    setFiles({ open: false });
    setSentFiles([]);
  }

  function open(key: string) {
    setCurrent(key);
    setRooms((r) => markRead(r, key));
  }

  const room = rooms.find((r) => r.key === current);

  async function sendText(view: RoomView, text: string): Promise<string | undefined> {
    const answer = await ask(
      view.ref.kind === 'group'
        ? { op: 'sendGroup', group: view.ref.id, text }
        : { op: 'send', to: view.ref.id, text },
    );
    if (!answer.ok) return answer.error;
    setRooms((r) =>
      addOwn(r, view.key, { from: me?.name ?? '', text, atMs: Date.now(), mine: true }),
    );
    return undefined;
  }

  async function sendFile(view: RoomView, file: File): Promise<string | undefined> {
    // A param travels as one word: a space in a file name would split it.
    const filename = file.name.replace(/\s+/g, '_');
    const data = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
    const answer = await ask(
      view.ref.kind === 'group'
        ? { op: 'sendGroupFile', group: view.ref.id, filename, data }
        : { op: 'sendFile', to: view.ref.id, filename, data },
    );
    if (!answer.ok) return answer.error;
    setSentFiles((sent) => rememberSent(sent, fileKey({ peer: view.ref.id, filename })));
    const noticeProblem = await sendText(view, fileNotice(filename));
    return noticeProblem === undefined
      ? undefined
      : `${filename} was sent, but the message about it was not: ${noticeProblem}`;
  }

  async function loadFiles() {
    setFiles({ open: true });
    const answer = await ask({ op: 'myFiles' });
    if (!answer.ok) setFiles({ open: true, error: answer.error });
    else if (answer.value.op === 'files') setFiles({ open: true, list: [...answer.value.files] });
  }

  async function download(entry: FileEntry) {
    const answer = await ask({ op: 'download', peer: entry.peer, filename: entry.filename });
    const fail = (text: string) =>
      setFiles((f) => ({ ...f, downloadError: { key: fileKey(entry), text } }));
    if (!answer.ok) return fail(answer.error);
    if (answer.value.op !== 'download') return;
    const bytes = base64ToBytes(answer.value.data);
    if (bytes === undefined) return fail('the server sent data that is not base64');
    const name = safeDownloadName(entry.filename);
    if (!name.ok) return fail(name.reason);
    setFiles((f) => ({
      ...f,
      downloadError: undefined,
      downloaded: { key: fileKey(entry), bytes: bytes.length },
    }));
    const url = URL.createObjectURL(
      new Blob([bytes as BlobPart], { type: 'application/octet-stream' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = name.name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  if (hello === undefined) {
    return (
      <main class="login">
        {bridgeClosed === undefined ? (
          <p class="muted">Connecting…</p>
        ) : (
          <p class="error">{bridgeClosed}</p>
        )}
      </main>
    );
  }

  return (
    <div class={showProtocol ? 'layout with-protocol' : 'layout'}>
      <header class="topbar">
        <strong>chatspec chat</strong>
        <span class="muted target-info">
          <code data-testid="target">{hello.target}</code> · dialect {hello.dialect}
        </span>
        <span class="spacer" />
        {me !== undefined && (
          <>
            <span data-testid="whoami">
              {me.name} ({me.username})
            </span>
            <button type="button" data-testid="open-files" onClick={() => void loadFiles()}>
              File Anda
            </button>
            <button type="button" class="secondary" onClick={logout}>
              Logout
            </button>
          </>
        )}
        <button type="button" class="secondary" onClick={() => setShowProtocol(!showProtocol)}>
          {showProtocol ? 'Hide protocol' : 'Protocol'}
        </button>
      </header>
      {bridgeClosed !== undefined && (
        <p class="banner down" role="alert" data-testid="bridge-closed">
          Lost the connection to chatspec: {bridgeClosed}. Reload the page once it runs again.
        </p>
      )}
      {!target.up && (
        <p class="banner down" role="alert" data-testid="target-down">
          The server {hello.target} is not reachable: {target.reason ?? 'connection lost'}.
          Reconnecting…
        </p>
      )}
      {target.up && target.recovered && (
        <p class="banner up" data-testid="target-up">
          Reconnected to {hello.target}.
        </p>
      )}
      <div class="workspace">
        {me === undefined ? (
          <Login
            target={hello.target}
            error={loginError}
            busy={loginBusy}
            onLogin={(u, p) => void login(u, p)}
          />
        ) : (
          <main class={room === undefined ? 'chat' : 'chat in-room'}>
            <ChatList rooms={rooms} current={current} onOpen={open} />
            {room === undefined ? (
              <section class="room placeholder muted">
                Choose a person or a group to chat with.
              </section>
            ) : (
              <Room
                room={room}
                maxFileBytes={hello.maxFileBytes}
                onSend={(text) => sendText(room, text)}
                onSendFile={(file) => sendFile(room, file)}
                onBack={() => setCurrent(undefined)}
              />
            )}
          </main>
        )}
        {showProtocol && <ProtocolPane records={wire} />}
      </div>
      {files.open && (
        <FilesDialog
          files={files.list}
          error={files.error}
          downloadError={files.downloadError}
          downloaded={files.downloaded}
          nameOf={(peer) =>
            hello.groups.find((g) => g.id === peer)?.name ?? displayName(hello, peer)
          }
          sent={sentFiles}
          onDownload={(entry) => void download(entry)}
          onRefresh={() => void loadFiles()}
          onClose={() => setFiles({ open: false })}
        />
      )}
    </div>
  );
}

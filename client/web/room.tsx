/**
 * Seed pages C.4 and C.6: a personal or group chat room. Sending a file (C.5, C.7) sends
 * it, then, as the seed's GUI does, a message saying so. Errors from the server appear here,
 * under the box where the person acted.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { bytes, clock } from './format.js';
import type { RoomView } from './rooms-state.js';

interface Props {
  room: RoomView;
  maxFileBytes: number;
  onSend(text: string): Promise<string | undefined>;
  onSendFile(file: File): Promise<string | undefined>;
  /** Back to the chat list, where the list and the room are two views (a narrow screen). */
  onBack(): void;
}

export function Room({ room, maxFileBytes, onSend, onSendFile, onBack }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<File | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    setError(undefined);
    setText('');
    setFile(undefined);
  }, [room.key]);
  useEffect(() => {
    if (list.current !== null) list.current.scrollTop = list.current.scrollHeight;
  }, [room.messages.length, room.key]);

  async function send(e: Event) {
    e.preventDefault();
    if (text.trim() === '' || busy) return;
    setBusy(true);
    const problem = await onSend(text.trim());
    setBusy(false);
    setError(problem);
    // The seed's GUI empties the message box once the server accepted the message.
    if (problem === undefined) setText('');
  }

  async function sendFile() {
    if (file === undefined || busy) return;
    if (file.size > maxFileBytes) {
      setError(
        `${file.name} is ${bytes(file.size)}; the bridge accepts files up to ${bytes(maxFileBytes)}`,
      );
      return;
    }
    setBusy(true);
    const problem = await onSendFile(file);
    setBusy(false);
    setError(problem);
    if (problem === undefined) {
      setFile(undefined);
      if (fileInput.current !== null) fileInput.current.value = '';
    }
  }

  return (
    <section class="room" data-testid={`room-view-${room.ref.kind}-${room.ref.id}`}>
      <header class="room-header">
        <button
          type="button"
          class="secondary back"
          data-testid="back-to-list"
          aria-label="Back to the chat list"
          onClick={onBack}
        >
          ←
        </button>
        <h2>{room.title}</h2>
        <span class="muted">{room.subtitle}</span>
      </header>
      <ol class="messages" ref={list} data-testid="messages">
        {room.messages.length === 0 && <li class="empty muted">No messages yet.</li>}
        {room.messages.map((m, i) => (
          <li key={i} class={m.mine ? 'message mine' : 'message'} data-testid="message">
            <span class="meta">
              <span class="sender">{m.mine ? 'You' : m.from}</span> <time>{clock(m.atMs)}</time>
            </span>
            <span class="text">{m.text}</span>
          </li>
        ))}
      </ol>
      <form class="composer" onSubmit={send}>
        <input
          name="message"
          placeholder={
            room.ref.kind === 'group' ? `Message ${room.title}` : `Message ${room.title}`
          }
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          autocomplete="off"
          maxLength={60000}
        />
        <button type="submit" disabled={busy || text.trim() === ''}>
          Send
        </button>
      </form>
      <div class="attach">
        <input
          ref={fileInput}
          type="file"
          name="file"
          data-testid="file-input"
          onChange={(e) => setFile(e.currentTarget.files?.[0])}
        />
        <button
          type="button"
          data-testid="send-file"
          disabled={busy || file === undefined}
          onClick={() => void sendFile()}
        >
          Send file
        </button>
      </div>
      {error !== undefined && (
        <p class="error" role="alert" data-testid="room-error">
          {error}
        </p>
      )}
    </section>
  );
}

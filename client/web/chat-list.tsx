/** Seed page C.3: the chat list (the fixture's users and groups, and whoever wrote). */
import type { RoomView } from './rooms-state.js';

interface Props {
  rooms: readonly RoomView[];
  current: string | undefined;
  onOpen(key: string): void;
}

export function ChatList({ rooms, current, onOpen }: Props) {
  const people = rooms.filter((r) => r.ref.kind === 'user');
  const groups = rooms.filter((r) => r.ref.kind === 'group');
  const section = (title: string, list: readonly RoomView[]) => (
    <section>
      <h2>{title}</h2>
      <ul>
        {list.map((room) => {
          const last = room.messages[room.messages.length - 1];
          return (
            <li key={room.key}>
              <button
                class={room.key === current ? 'room-link current' : 'room-link'}
                data-testid={`room-${room.ref.kind}-${room.ref.id}`}
                onClick={() => onOpen(room.key)}
              >
                <span class="room-title">
                  {room.title}
                  {room.unread > 0 && <span class="badge">{room.unread}</span>}
                </span>
                <span class="room-sub">
                  {last === undefined
                    ? room.subtitle
                    : `${last.mine ? 'You' : last.from}: ${last.text}`}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
  return (
    <nav class="chat-list" data-testid="chat-list">
      {section('Chats', people)}
      {section('Groups', groups)}
    </nav>
  );
}

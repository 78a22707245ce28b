/**
 * The page's end of the WebSocket: requests carry an id and resolve with their answer;
 * everything else the bridge sends (hello, messages, wire records, target state) goes to
 * `onPush`. The socket goes only to the server that served the page.
 */
import type { BridgeMessage, OpValue, PageRequest } from '../bridge/protocol.js';

export type Answer =
  { ok: true; value: OpValue } | { ok: false; error: string; fromServer: boolean };

export type Push = Exclude<BridgeMessage, { type: 'answer' }>;

export class BridgeSocket {
  readonly #ws: WebSocket;
  readonly #waiting = new Map<number, (answer: Answer) => void>();
  #nextId = 1;

  constructor(onPush: (message: Push) => void, onClose: (reason: string) => void) {
    this.#ws = new WebSocket(`ws://${location.host}/ws`);
    this.#ws.onmessage = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as BridgeMessage;
      if (message.type === 'answer') {
        const resolve = this.#waiting.get(message.id);
        this.#waiting.delete(message.id);
        resolve?.(
          message.ok
            ? { ok: true, value: message.value }
            : { ok: false, error: message.error, fromServer: message.fromServer },
        );
        return;
      }
      if (message.type === 'refused' && message.id !== undefined) {
        const resolve = this.#waiting.get(message.id);
        this.#waiting.delete(message.id);
        resolve?.({ ok: false, error: message.reason, fromServer: false });
        return;
      }
      onPush(message);
    };
    this.#ws.onclose = (event: CloseEvent) => {
      const reason =
        event.code === 1009
          ? 'the last message was larger than the bridge accepts'
          : event.reason || `the chatspec bridge closed the connection (code ${event.code})`;
      for (const resolve of this.#waiting.values())
        resolve({ ok: false, error: reason, fromServer: false });
      this.#waiting.clear();
      onClose(reason);
    };
  }

  request(request: PageRequest): Promise<Answer> {
    if (this.#ws.readyState !== WebSocket.OPEN) {
      return Promise.resolve({
        ok: false,
        error: 'not connected to the chatspec bridge',
        fromServer: false,
      });
    }
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      this.#ws.send(JSON.stringify({ ...request, id }));
    });
  }
}

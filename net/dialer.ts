/**
 * How chatspec reaches a server. Every engine (conformance, fuzz, probe, load, chat) opens its
 * connections through a Dialer, never with `net.connect` of its own, so that one notion of a
 * target serves a server at an address, the embedded reference server, and a launched server
 * living in a network namespace of its own (whose sockets are made inside the namespace and
 * handed back).
 */
import { connect, type Socket } from 'node:net';
import { formatHostPort, type HostPort } from './host-port.js';

export interface Dialer {
  /** Where connections go, as a person reads it: `127.0.0.1:8889`. */
  readonly address: string;
  /**
   * Opens one connection. Resolves once it is connected; rejects with an Error whose message
   * is one line (`cannot connect to 127.0.0.1:8889: ECONNREFUSED`, `connect to … timed out
   * after 5000 ms`) when it cannot, within `timeoutMs`.
   */
  dial(timeoutMs: number): Promise<Socket>;
  /**
   * Set only when `dial` is a plain TCP connect to this host and port, reachable from this
   * process. An engine may then connect by itself where a promise per connection costs too
   * much (the load generator's hot path), or hand host and port to a worker thread, which
   * cannot receive a Dialer. Every other engine ignores it: a dialer without it (a server in
   * a network namespace of its own) must still work everywhere, only more slowly.
   */
  readonly tcp?: HostPort;
}

/** A plain TCP dialer to `host:port`. */
export function tcpDialer(host: string, port: number): Dialer {
  const address = formatHostPort(host, port);
  return {
    address,
    dial: (timeoutMs) => dialTcp(host, port, timeoutMs, address),
    tcp: Object.freeze({ host, port }),
  };
}

function dialTcp(host: string, port: number, timeoutMs: number, address: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connect to ${address} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot connect to ${address}: ${error.message}`, { cause: error }));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}

/**
 * A dialer that always dials whatever `current()` names now: one address for an engine while
 * the server behind it is replaced (a launched server restarted in a fresh namespace, a fresh
 * server for each fuzz case).
 */
export function currentDialer(current: () => Dialer): Dialer {
  return {
    get address() {
      return current().address;
    },
    dial: (timeoutMs) => current().dial(timeoutMs),
  };
}

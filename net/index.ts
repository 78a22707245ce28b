/**
 * net/: how chatspec reaches a server (dialers, addresses, a reply-reading connection).
 * Imports nothing of chatspec's: the reply framing is handed in.
 */
export { currentDialer, tcpDialer, type Dialer } from './dialer.js';
export { formatHostPort, parseHostPort, type HostPort } from './host-port.js';
export { Wakeup } from './wakeup.js';
export {
  ReplyConnection,
  type RawReadOutcome,
  type ReplyConnectionHooks,
  type ReplyEnd,
  type ReplyFraming,
} from './reply-connection.js';

/** net/: how chatspec reaches a server (dialers, addresses). Imports nothing of chatspec's. */
export { tcpDialer, type Dialer } from './dialer.js';
export { formatHostPort, parseHostPort, type HostPort } from './host-port.js';
export { startForwarder, type Forwarder } from './forwarder.js';

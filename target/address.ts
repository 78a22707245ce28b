/** A server someone else started, at `host:port`: nothing to start, nothing to stop. */
import { tcpDialer, type HostPort } from '../net/index.js';
import type { Target } from './target.js';

export function addressTarget(at: HostPort): Target {
  const dialer = tcpDialer(at.host, at.port);
  return Object.freeze({
    kind: 'address',
    description: dialer.address,
    dialer,
    close: () => Promise.resolve(),
  });
}

/**
 * Is the server still there? Between scenarios the runner connects and sends one cheap
 * request (auth with the fixture's first user); any reply counts as alive. A server that is
 * gone is noticed once, so the rest of the run is reported at once instead of timing out
 * scenario by scenario.
 */
import { ChatConnection, describeOutcome } from '../../client/connection.js';
import type { Target } from './context.js';

export type ProbeResult =
  { readonly alive: true } | { readonly alive: false; readonly reason: string };

/** Only connects: the start-of-run check that tells a wrong address from a broken server. */
export async function canConnect(target: Target): Promise<ProbeResult> {
  const opened = await ChatConnection.open({ ...target, name: 'probe' });
  if (!opened.ok) return { alive: false, reason: opened.reason };
  opened.connection.close();
  return { alive: true };
}

export async function probe(target: Target): Promise<ProbeResult> {
  const opened = await ChatConnection.open({ ...target, name: 'probe' });
  if (!opened.ok) return { alive: false, reason: opened.reason };
  const connection = opened.connection;
  try {
    const user = target.fixture.users[0]!;
    const line = target.dialect.formatRequest({
      command: 'AUTH',
      username: user.username,
      password: user.password,
    });
    const outcome = await connection.request(line, target.timeoutMs);
    return outcome.kind === 'reply'
      ? { alive: true }
      : { alive: false, reason: `probe (auth): ${describeOutcome(outcome, target.timeoutMs)}` };
  } finally {
    connection.close();
  }
}

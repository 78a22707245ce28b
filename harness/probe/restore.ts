/** Puts back what the probe took where it can, and lists what it leaves changed (changes.ts). */
import { BudgetSpent } from './link.js';
import { statusOf } from './observe.js';
import { currentTemplate, line, login, type Work } from './work.js';

/**
 * Sends each taken message again from its sender, where the inbox empties on reading, the
 * sender is a fixture user and SEND was found; returns what the server is left with, one
 * line each, for every run's summary.
 */
export async function restoreAndList(w: Work): Promise<string[]> {
  const out: string[] = [];
  const send = currentTemplate(w, 'SEND');
  const sendWorks = w.findings.get('commands.SEND')?.confidence === 'confirmed';
  for (const [reader, taken] of w.traces.taken) {
    if (taken.length === 0) continue;
    if (!w.replies.inbox.destructive) continue;
    let restored = 0;
    const lost = new Map<string, number>();
    for (const message of taken) {
      const sender = w.fixture.users.find((u) => u.username === message.key);
      let ok = false;
      if (sender !== undefined && message.text !== undefined && send !== undefined && sendWorks) {
        try {
          const session = await login(w, sender);
          if (session !== undefined) {
            const answer = await w.link.ask(
              line(w, 'SEND', send, { session: session.token, to: reader, text: message.text }),
            );
            ok = answer.kind === 'json' && statusOf(answer.json) === 'OK';
          }
        } catch (error) {
          if (!(error instanceof BudgetSpent)) throw error;
        }
      }
      if (ok) restored++;
      else lost.set(message.key, (lost.get(message.key) ?? 0) + 1);
    }
    if (restored > 0) {
      out.push(
        `${restored} unread message(s) of ${reader} were read by the probe and sent again from their senders (they now arrive later, and the inbox order may differ)`,
      );
    }
    for (const [key, n] of lost) {
      out.push(
        `${n} unread message(s) of ${reader} listed under ${JSON.stringify(key)} were read by the probe and could not be put back`,
      );
    }
  }
  if (!w.replies.inbox.destructive && w.traces.taken.size > 0) {
    out.push(
      `the probe's own messages stay listed in the inbox of ${[...w.traces.taken.keys()].join(', ')} (the server never empties it)`,
    );
  }
  return [...out, ...w.traces.left];
}

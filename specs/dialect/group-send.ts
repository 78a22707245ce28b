/** Whether a dialect's group send is its personal send, spelled the same. */
import type { DialectSpec } from './spec.js';

/**
 * SEND_GROUP spelled like SEND, word for word but {group} for {to}: a send that also delivers
 * to a group when the name is a group's. The one verb is then not ambiguous.
 */
export function groupSendIsSend(spec: DialectSpec): boolean {
  const send = spec.commands.SEND;
  const group = spec.commands.SEND_GROUP;
  if (send === 'unsupported' || group === 'unsupported') return false;
  const words = (t: string): string => t.trim().split(/\s+/).join(' ').toLowerCase();
  return words(group.request) === words(send.request).replace('{to}', '{group}');
}

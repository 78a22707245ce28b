/** The audit's findings: every acknowledged message delivered exactly once, in order, or not. */
import type { AuditFindings } from '../../results/index.js';
import { count, paint, printable } from './text.js';

export function renderAudit(audit: AuditFindings, options: { readonly color: boolean }): string {
  const verdict = !audit.drained
    ? `${paint('NOT JUDGED', 'yellow', options.color)} (inboxes not drained yet: run \`chatspec load drain\` once every shard has finished, then merge its result with the shards')`
    : audit.passed
      ? paint('PASS', 'green', options.color)
      : paint('FAIL', 'red', options.color);
  const lines = [
    `Audit: ${verdict}: ${count(audit.messagesSent)} messages sent, ${count(audit.acknowledged)} acknowledged, ` +
      `${count(audit.refused)} refused, ${count(audit.unanswered)} unanswered`,
    `  ${count(audit.expectedDeliveries)} deliveries expected, ${count(audit.delivered)} delivered; ` +
      `lost ${count(audit.lost)}, duplicated ${count(audit.duplicated)}, ` +
      `out of order ${count(audit.reordered)}, misdelivered ${count(audit.unexpected)}`,
  ];
  if (audit.drainedEarly) {
    lines.push(
      '  the inboxes were drained before the load ended: messages sent after the drain count as lost',
    );
  }
  // Absent in results written before it was counted.
  if ((audit.ownCopiesMissing ?? 0) > 0) {
    lines.push(
      `  ${count(audit.ownCopiesMissing)} group messages not delivered back to their own sender (GROUP-7, a SHOULD: not failed)`,
    );
  }
  if (audit.deliveredWithoutAck > 0) {
    lines.push(
      `  ${count(audit.deliveredWithoutAck)} delivered although their reply never came (fine)`,
    );
  }
  if (audit.incompleteInboxReads > 0) {
    lines.push(
      `  ${count(audit.incompleteInboxReads)} inbox reads got no complete reply: ` +
        'messages they emptied out of an inbox count as lost',
    );
  }
  if (audit.fromOtherRuns > 0 || audit.foreignEntries > 0) {
    lines.push(
      `  ignored: ${count(audit.fromOtherRuns)} messages of other load runs, ` +
        `${count(audit.foreignEntries)} other inbox entries`,
    );
  }
  const examples: Array<[string, readonly string[]]> = [
    ['lost', audit.examples.lost],
    ['duplicated', audit.examples.duplicated],
    ['out of order', audit.examples.reordered],
    ['misdelivered', audit.examples.unexpected],
  ];
  for (const [name, list] of examples) {
    for (const example of list) lines.push(`  ${name}: ${printable(example)}`);
  }
  return lines.join('\n');
}

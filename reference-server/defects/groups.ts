/** Defects in group messages and group files. */
import { ERROR_TEXTS, REPLY_TEXTS } from '../../specs/index.js';
import { defectFamily, type Defect } from './defect.js';
import { afterOk, inboxEntries, undeliverLast } from './state-edits.js';

export const GROUP_DEFECTS: readonly Defect[] = defectFamily('groups', [
  {
    name: 'group-misses-last-member',
    description:
      'does not deliver a group message to the last member of the group (an off-by-one loop)',
    breaks: ['GROUP-2'],
    hooks: () => ({
      apply: afterOk('SEND_GROUP', (request, state) => {
        const members = state.groups.get(request.group)?.members ?? [];
        const last = members[members.length - 1];
        if (last !== undefined) undeliverLast(state, last, request.group);
      }),
    }),
  },
  {
    name: 'group-skips-sender',
    description: 'does not deliver a group message to its sender',
    // The sender's own copy is a SHOULD (PROTOCOL.md §11.11): servers differ on it.
    breaks: ['GROUP-7'],
    hooks: () => ({
      apply: afterOk('SEND_GROUP', (request, state, sender) => {
        if (sender !== undefined && state.groups.get(request.group)?.members.includes(sender)) {
          undeliverLast(state, sender, request.group);
        }
      }),
    }),
  },
  {
    name: 'group-message-nests-previous',
    description:
      "gives each group member after the first the previous member's message object as its msg (message = {..., 'msg': message} in the loop)",
    breaks: ['GROUP-2', 'INBOX-3'],
    hooks: () => ({
      apply: afterOk('SEND_GROUP', (request, state) => {
        let previous: object | undefined;
        for (const member of state.groups.get(request.group)?.members ?? []) {
          const entries = inboxEntries(state, member, request.group);
          const last = entries?.[entries.length - 1];
          if (entries === undefined || last === undefined) continue;
          // The loop rebinds `message` to the new entry, so the next member's msg is this one.
          const entry = previous === undefined ? last : { ...last, msg: previous };
          entries[entries.length - 1] = entry as typeof last;
          previous = entry;
        }
      }),
    }),
  },
  {
    name: 'group-file-not-listed',
    description: 'leaves group files out of my_file (they can still be downloaded)',
    breaks: ['GROUPFILE-2'],
    hooks: () => ({
      reply(reply, parsed, { state }) {
        if (!parsed.ok || parsed.request.command !== 'MY_FILE' || reply.status !== 'OK')
          return reply;
        const listed = reply.messages as Readonly<Record<string, readonly string[]>>;
        return {
          ...reply,
          messages: Object.fromEntries(
            Object.entries(listed).filter(([peer]) => !state.groups.has(peer)),
          ),
        };
      },
    }),
  },
  {
    name: 'group-unknown-accepted',
    description: 'answers OK to a message or file for an unknown group, and drops it',
    breaks: ['GROUP-3', 'GROUPFILE-3'],
    hooks: () => ({
      apply(request, next) {
        const reply = next(request);
        if (reply.status !== 'ERROR' || reply.message !== ERROR_TEXTS.UNKNOWN_GROUP) return reply;
        const message =
          request.command === 'SEND_GROUP_FILE' ? REPLY_TEXTS.FILE_SENT : REPLY_TEXTS.MESSAGE_SENT;
        return { status: 'OK', message };
      },
    }),
  },
]);

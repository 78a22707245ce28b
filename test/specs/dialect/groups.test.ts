/**
 * The dialect settings for groups as real servers do them: made before use (and joined),
 * named by a send that doubles as a group send, read from a separate group inbox; and file
 * notices listed in the inbox beside the messages.
 */
import { describe, expect, it } from 'vitest';
import { canonicalDialect, dialectFromSpec, parseDialect } from '../../../specs/index.js';

const created = parseDialect(
  [
    'name: made-groups',
    'commands:',
    '  SEND: send {session} {to} {text}',
    '  SEND_GROUP: send {session} {group} {text}',
    'replies:',
    '  inbox: { fileNotices: true }',
    'groups:',
    '  create: create_group {session} {group} {password}',
    '  join: join_group {session} {group} {password}',
    '  inbox: inbox_group {group} {session}',
    '  inboxKey: message',
  ].join('\n'),
  'made-groups.yaml',
);
const dialect = dialectFromSpec(created);

describe('group settings in a dialect file', () => {
  it('spell and read back making, joining and reading a group', () => {
    expect(dialect.groupSource).toBe('created');
    const values = { session: 'S1', group: 'g7', password: 'pw' };
    expect(dialect.formatGroupRequest('create', values)).toBe('create_group S1 g7 pw \r\n');
    expect(dialect.formatGroupRequest('join', values)).toBe('join_group S1 g7 pw \r\n');
    expect(dialect.formatGroupRequest('inbox', values)).toBe('inbox_group g7 S1 \r\n');
    expect(dialect.parseGroupRequest('join_group S1 g7 pw \r\n')).toEqual({
      action: 'join',
      values,
    });
    expect(dialect.parseGroupRequest('send S1 g7 hi \r\n')).toBeUndefined();
    expect(canonicalDialect.formatGroupRequest('create', values)).toBeUndefined();
    expect(canonicalDialect.groupSource).toBe('fixture');
  });

  it('let a send double as a group send: one verb, read as SEND that may name a group', () => {
    const line = dialect.formatRequest({
      command: 'SEND_GROUP',
      session: 'S1',
      group: 'g7',
      text: 'hi all',
    });
    expect(line).toBe('send S1 g7 hi all \r\n');
    const read = dialect.parseRequest(line);
    expect(read.ok && read.request.command).toBe('SEND');
    expect(read.ok && read.toMayBeGroup).toBe(true);
    expect(canonicalDialect.parseRequest('send S1 bob hi \r\n')).not.toHaveProperty('toMayBeGroup');
  });

  it('still refuse one verb for two commands laid out differently', () => {
    expect(() =>
      parseDialect(
        'name: clash\ncommands:\n  SEND_GROUP: send {group} {session} {text}\n',
        'clash.yaml',
      ),
    ).toThrow(/clash.yaml:3: commands.SEND_GROUP: the verb "send" is already SEND's/);
  });

  it('name a bad group template, and a join without a way to make the group, by line', () => {
    expect(() =>
      parseDialect('name: bad\ngroups:\n  create: create_group {group}\n', 'bad.yaml'),
    ).toThrow('bad.yaml:3: groups.create: create needs {session}');
    expect(() =>
      parseDialect('name: bad\ngroups:\n  inbox: inbox_group {group} {session} {text}\n', 'b.yaml'),
    ).toThrow('b.yaml:3: groups.inbox: inbox has no {text}');
    expect(() =>
      parseDialect('name: bad\ngroups:\n  join: join {session} {group}\n', 'c.yaml'),
    ).toThrow('c.yaml:3: groups.join: a group is joined only once created');
  });

  it('read a separate group inbox, and say why a reply is not one', () => {
    const read = dialect.readGroupInbox({
      status: 'OK',
      message: [{ msg_from: 'Alice', msg: ' hi \r\n' }, 'plain'],
    });
    expect(read).toEqual({
      ok: true,
      value: [
        { text: ' hi \r\n', shape: 'object', from: 'Alice' },
        { text: 'plain', shape: 'string' },
      ],
      rule: 'groups.inbox',
    });
    expect(dialect.readGroupInbox({ status: 'OK', messages: {} })).toEqual({
      ok: false,
      reason: '"message" is missing, not an array',
    });
  });

  it('read past file notices in the inbox only where the dialect says the server sends them', () => {
    const notice = {
      msg_from: 'A',
      msg_to: 'B',
      fileid: 'f1',
      filename: 'a.txt',
      filecontent: 'eA==',
    };
    const reply = {
      status: 'OK',
      messages: { alice: [{ msg_from: 'A', msg_to: 'B', msg: 'hello' }, notice] },
    };
    const read = dialect.readInbox(reply);
    expect(read.ok && [...read.value.entries()]).toEqual([
      ['alice', [{ text: 'hello', shape: 'object', from: 'A', to: 'B' }]],
    ]);
    expect(read.ok && read.rule).toContain('replies.inbox.fileNotices');
    expect(canonicalDialect.readInbox(reply).ok).toBe(false);
  });

  it('list a message sent to a member list, which the server lists under its sender, under the group', () => {
    const members = dialectFromSpec(
      parseDialect(
        'name: m\ncommands:\n  SEND_GROUP: sendgroup {session} {members} {text}\nreplies:\n  inbox: { groupKey: sender }\n',
        'm.yaml',
      ),
      { fixture: { users: [], groups: [{ id: 'g1', name: 'G', members: ['a', 'b'] }] } },
    );
    expect(members.groupSource).toBe('members');
    expect(
      members.formatRequest({ command: 'SEND_GROUP', session: 'S', group: 'g1', text: 'hi all' }),
    ).toBe('sendgroup S a,b hi all \r\n');
    const read = members.readInbox({ status: 'OK', messages: { a: [' hi all \r\n', 'just you'] } });
    expect(read.ok && [...read.value.entries()].map(([k, v]) => [k, v.map((i) => i.text)])).toEqual(
      [
        ['g1', [' hi all \r\n']],
        ['a', ['just you']],
      ],
    );
  });
});

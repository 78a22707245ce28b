import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DialectError,
  loadDialectFile,
  parseDialect,
  resolveDialectSpec,
} from '../../../specs/index.js';

function problem(text: string): string {
  try {
    parseDialect(text, 'my.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(DialectError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('parsed without an error');
}

describe('dialect files', () => {
  it('need only their differences: the rest is canonical', () => {
    const spec = parseDialect(
      'name: mine\ncommands:\n  AUTH: login {username} {password}\n',
      'my.yaml',
    );
    expect(spec.name).toBe('mine');
    expect(spec.source).toBe('my.yaml');
    expect(spec.commands.AUTH).toEqual({ request: 'login {username} {password}' });
    expect(spec.commands.SEND).toEqual({ request: 'send {session} {to} {text}' });
    expect(spec.lines?.['commands.AUTH']).toBe(3);
    expect(spec.errors.UNKNOWN_COMMAND).toEqual(['**Protocol Tidak Benar']);
  });

  it('may extend another built-in dialect and take a single text for an error', () => {
    const spec = parseDialect(
      'name: mine\nextends: english\nerrors:\n  UNKNOWN_GROUP: Group tidak ada\n',
      'my.yaml',
    );
    expect(spec.errors.UNKNOWN_GROUP).toEqual(['Group tidak ada']);
    expect(spec.errors.UNKNOWN_COMMAND?.[0]).toBe('**Incorrect Protocol');
  });

  it.each([
    [
      'name: x\ncommands:\n  SEND: send {session} {txt}\n',
      'my.yaml:3: commands.SEND: unknown placeholder {txt}',
    ],
    [
      'name: x\ncommands:\n  SEND: send {session} {text} {to}\n',
      'my.yaml:3: commands.SEND: {text} takes the rest of the line, so it must come last',
    ],
    ['name: x\ncommands:\n  INBOX: inbox\n', 'my.yaml:3: commands.INBOX: INBOX needs {session}'],
    [
      'name: x\ncommands:\n  MY_FILE: inbox {session}\n',
      'my.yaml:3: commands.MY_FILE: the verb "inbox" is already INBOX\'s',
    ],
    [
      'name: x\ncommands:\n  AUTH: unsupported\n',
      'my.yaml:3: commands.AUTH: AUTH cannot be unsupported',
    ],
    [
      'name: x\ncommands:\n  SENDX: send {session} {to} {text}\n',
      'my.yaml:3: commands.SENDX: unknown setting',
    ],
    ['name: x\nreplies:\n  inbox:\n    order: random\n', 'my.yaml:4: replies.inbox.order: '],
    [
      'name: x\nreplies:\n  inbox:\n    personal: blob\n',
      'my.yaml:4: replies.inbox.personal: must be one of object-full-names',
    ],
    ['name: x\nreplies:\n  token: 5\n', 'my.yaml:3: replies.token: '],
    [
      'name: x\nextends: nothing-like-it\n',
      'my.yaml:2: extends: no built-in dialect "nothing-like-it" (known: canonical,',
    ],
    [
      'name: x\nextends: none\n',
      'my.yaml:2: with "extends: none" the file must give commands.AUTH',
    ],
    ['description: no name\n', 'my.yaml:1: name: is required'],
    ['name: Not Valid\n', 'my.yaml:1: name: must be lower-case'],
    ['name: x\ncommands: [\n', 'my.yaml:'],
    ['name: x\nname: y\n', 'my.yaml:2: not valid YAML: Map keys must be unique'],
    ['- a list\n', 'my.yaml:1: a dialect file is a YAML mapping'],
  ])('a broken file gives one line naming file, line and problem: %j', (text, start) => {
    expect(problem(text).startsWith(start)).toBe(true);
  });

  it('loads from a path or by built-in name, and names an unreadable file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dialect-'));
    const path = join(dir, 'mine.yaml');
    writeFileSync(path, 'name: mine\nreplies:\n  token: token_id\n');
    expect(loadDialectFile(path).spec.replies.token).toBe('token_id');
    expect(resolveDialectSpec(path).name).toBe('mine');
    expect(resolveDialectSpec('login').source).toBe('builtin:login');
    expect(() => resolveDialectSpec('no-such-dialect')).toThrow(
      /^no built-in dialect "no-such-dialect" \(known: canonical, /,
    );
    expect(() => loadDialectFile(join(dir, 'missing.yaml'))).toThrow(
      /missing\.yaml: cannot read the dialect file: ENOENT/,
    );
  });
});

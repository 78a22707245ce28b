import { describe, expect, it } from 'vitest';
import {
  COMMANDS,
  COMMAND_NAMES,
  ERROR_TEXTS,
  KNOWN_ALTERNATIVE_TEXTS,
  REPLY_TEXTS,
  commandByWire,
  isCommandName,
  isDocumentedErrorText,
} from '../../specs/index.js';

describe('command table', () => {
  it('spells every command in lower case on the wire, each once', () => {
    const wires = COMMAND_NAMES.map((n) => COMMANDS[n].wire);
    expect(wires).toEqual([
      'auth',
      'send',
      'inbox',
      'send_file',
      'download_file',
      'my_file',
      'send_group',
      'send_group_file',
    ]);
    expect(new Set(wires).size).toBe(wires.length);
  });

  it('has a tail param exactly when a tail follows, and a session first exactly when it takes one', () => {
    for (const name of COMMAND_NAMES) {
      const spec = COMMANDS[name];
      expect(spec.name).toBe(name);
      expect(spec.tailParam !== undefined, name).toBe(spec.tail !== 'none');
      expect(spec.takesSession, name).toBe(spec.params[0] === 'session');
      expect(Object.isFrozen(spec.params)).toBe(true);
    }
    expect(COMMANDS.AUTH.takesSession).toBe(false);
  });

  it('looks commands up by their wire word, in any case, and nothing else', () => {
    expect(commandByWire('send_group')?.name).toBe('SEND_GROUP');
    expect(commandByWire('SEND_GROUP')?.name).toBe('SEND_GROUP');
    expect(commandByWire('constructor')).toBeUndefined();
    expect(commandByWire('')).toBeUndefined();
    expect(isCommandName('INBOX')).toBe(true);
    expect(isCommandName('inbox')).toBe(false);
  });

  it('writes success texts once', () => {
    expect(REPLY_TEXTS.MESSAGE_SENT).toBe('Message Sent');
    expect(REPLY_TEXTS.FILE_SENT).toBe('File Sent');
    expect(REPLY_TEXTS.downloaded('a.txt')).toBe('Downloaded a.txt');
  });
});

describe('error texts', () => {
  it('are spelled as the original servers spell them', () => {
    expect(ERROR_TEXTS).toMatchObject({
      UNKNOWN_COMMAND: '**Protocol Tidak Benar',
      MISSING_PARAMS: '--Protocol Tidak Benar',
      AUTH_UNKNOWN_USER: 'User Tidak Ada',
      AUTH_WRONG_PASSWORD: 'Password Salah',
      UNKNOWN_SESSION: 'Session Tidak Ditemukan',
      UNKNOWN_USER: 'User Tidak Ditemukan',
      UNKNOWN_GROUP: 'Group Tidak Ditemukan',
      FILE_NOT_FOUND: 'File Tidak Ditemukan',
    });
    expect(new Set(Object.values(ERROR_TEXTS)).size).toBe(Object.keys(ERROR_TEXTS).length);
  });

  it('compare ignoring capitals and surrounding whitespace, but not other words', () => {
    expect(isDocumentedErrorText('AUTH_UNKNOWN_USER', 'User tidak ada')).toBe(true);
    expect(isDocumentedErrorText('AUTH_UNKNOWN_USER', ' User Tidak Ada\r\n')).toBe(true);
    expect(isDocumentedErrorText('UNKNOWN_SESSION', 'Informasi tidak ditemukan')).toBe(false);
    expect(isDocumentedErrorText('UNKNOWN_COMMAND', '--Protocol Tidak Benar')).toBe(false);
    expect(KNOWN_ALTERNATIVE_TEXTS.UNKNOWN_SESSION).toContain('Informasi tidak ditemukan');
  });
});

/** A command the server lacks: one root cause, so its evidence is printed once. */
import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../reports/console.js';
import { run, scenario } from './factory.js';

const lacking = (id: string, command: 'SEND_FILE' | 'MY_FILE') =>
  scenario(id, 'UNIMPLEMENTED', {
    group: command,
    command,
    reason: `step 2 (${id}): the server answers ${command.toLowerCase()} as an unknown command`,
  });

describe('UNIMPLEMENTED in the console', () => {
  it('shows the evidence under the first scenario of the command and points the others to it', () => {
    const text = renderConsole(
      run([
        lacking('send_file/ok', 'SEND_FILE'),
        lacking('send_file/unknown-user', 'SEND_FILE'),
        lacking('send_file/empty-file', 'SEND_FILE'),
        lacking('my_file/shape', 'MY_FILE'),
        lacking('my_file/two-peers', 'MY_FILE'),
      ]),
      { color: false },
    );
    expect(text.match(/the server answers send_file as an unknown command/g)).toHaveLength(1);
    expect(text.match(/the server answers my_file as an unknown command/g)).toHaveLength(1);
    expect(text.match(/the same as send_file\/ok$/gm)).toHaveLength(2);
    expect(text.match(/the same as my_file\/shape$/gm)).toHaveLength(1);
    // Every scenario keeps its own line: what was not tested stays visible.
    for (const id of ['send_file/unknown-user', 'send_file/empty-file', 'my_file/two-peers']) {
      expect(text).toMatch(new RegExp(`UNIMPLEMENTED\\s+${id.replace('/', '\\/')}\\s`));
    }
  });

  it('never folds an UNIMPLEMENTED of another command, nor other verdicts, into the first', () => {
    const text = renderConsole(
      run([
        lacking('send_file/ok', 'SEND_FILE'),
        scenario('send_file/unknown-session', 'NON-STRICT', {
          group: 'SEND_FILE',
          command: 'SEND_FILE',
        }),
        lacking('my_file/shape', 'MY_FILE'),
      ]),
      { color: false },
    );
    expect(text).not.toMatch(/the same as/);
    expect(text).toMatch(/reason for send_file\/unknown-session/);
  });
});

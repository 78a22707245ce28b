import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ScenarioFileError,
  loadScenarioFile,
  loadScenarioFiles,
  parseScenarioText,
} from '../../../../harness/conformance/scenario/load.js';

const VALID = `
group: SEND
scenarios:
  - id: send/example
    title: an example
    requirements: [SEND-2]
    roles: { a: user, b: user }
    steps:
      - login: a
      - login: b
      - drain: b
      - request: { command: SEND, to: '\${b}', text: 'hi \${tag}' }
        as: a
        expect: { okText: MESSAGE_SENT }
      - request: { command: INBOX }
        as: b
        expect: { inbox: { from: '\${a}', texts: ['hi \${tag}'] } }
`;

function errorOf(text: string, source = 'x.yaml'): string {
  try {
    parseScenarioText(text, source);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioFileError);
    return (error as Error).message;
  }
  throw new Error('expected a ScenarioFileError');
}

describe('scenario files', () => {
  it('expands login, drain and as into plain requests with defaults', () => {
    const [s] = parseScenarioText(VALID, 'valid.yaml');
    expect(s?.id).toBe('send/example');
    expect(s?.level).toBe('MUST');
    expect(s?.group).toBe('SEND');
    expect(s?.source).toBe('valid.yaml');
    const [login, , drain, send] = s!.steps;
    expect(login).toMatchObject({
      kind: 'request',
      conn: 'a',
      setup: true,
      requests: [{ command: 'AUTH', params: { username: '${a}', password: '${a.password}' } }],
      expect: [{ status: 'OK', token: { save: 'a.token' } }],
    });
    expect(drain).toMatchObject({ conn: 'b', setup: true, requests: [{ command: 'INBOX' }] });
    expect(send).toMatchObject({
      conn: 'a',
      setup: false,
      requests: [{ command: 'SEND', params: { session: '${a.token}', to: '${b}' } }],
      style: { trailingSpace: true, eol: '\r\n' },
      expect: [{ status: 'OK', okText: 'MESSAGE_SENT', onTimeout: 'error', onClosed: 'error' }],
    });
  });

  it('names the file, the scenario and the field of a bad value', () => {
    const message = errorOf(VALID.replace('okText: MESSAGE_SENT', 'status: MAYBE'), 'send.yaml');
    expect(message).toMatch(/^send\.yaml: invalid scenario file/);
    expect(message).toContain('scenarios[0] (send/example).steps[3].expect.status');
  });

  it('refuses an unknown requirement id, an unknown step and a step doing two things', () => {
    expect(errorOf(VALID.replace('SEND-2', 'SEND-99'))).toContain(
      'requirements[0]: unknown requirement id "SEND-99"',
    );
    expect(errorOf(VALID.replace('- drain: b', '- drian: b'))).toContain(
      'steps[2]: must have one of: login, drain, request',
    );
    expect(errorOf(VALID.replace('- drain: b', '- { drain: b, login: a }'))).toContain(
      'steps[2]: has login and drain',
    );
  });

  it('refuses a param the command does not have and a missing one', () => {
    expect(errorOf(VALID.replace("to: '${b}'", "peer: '${b}'"))).toMatch(
      /steps\[3\]\.request\.peer: is not a param of SEND[^]*steps\[3\]\.request\.to: is missing/,
    );
  });

  it('refuses a template name that means nothing', () => {
    expect(errorOf(VALID.replace("to: '${b}'", "to: '${c}'"))).toContain(
      'steps[3].request.to: ${c} is not a role',
    );
    expect(errorOf(VALID.replace("to: '${b}'", "to: '${b.token}x${b.pasword}'"))).toContain(
      '${b.pasword}',
    );
  });

  it('insists on ${tag} in compared inbox texts unless exact', () => {
    expect(errorOf(VALID.replace("texts: ['hi ${tag}']", "texts: ['hi']"))).toContain(
      'inbox.texts[0]: must contain ${tag}',
    );
  });

  it('reports YAML syntax errors with the file name', () => {
    expect(errorOf('scenarios: [', 'broken.yaml')).toMatch(/^broken\.yaml: not valid YAML or JSON/);
  });

  it('reads JSON too, and refuses duplicate ids across files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chatspec-scn-'));
    const json = join(dir, 'one.json');
    await writeFile(
      json,
      JSON.stringify({
        group: 'GENERAL',
        scenarios: [
          {
            id: 'x/one',
            title: 'one',
            requirements: ['PROTO-1'],
            steps: [{ raw: 'nope \r\n', expect: { error: 'UNKNOWN_COMMAND' } }],
          },
        ],
      }),
    );
    const [s] = await loadScenarioFile(json);
    expect(s?.steps[0]).toMatchObject({ kind: 'raw', text: 'nope \r\n' });
    await expect(loadScenarioFiles([json, json])).rejects.toThrow(/id "x\/one" is also used/);
    await expect(loadScenarioFile(join(dir, 'missing.yaml'))).rejects.toThrow(
      /missing\.yaml: cannot read scenario file/,
    );
  });
});

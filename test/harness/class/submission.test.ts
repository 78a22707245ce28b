import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSubmission, readSubmissions } from '../../../harness/class/submission.js';
import { TargetsFileError } from '../../../harness/class/targets.js';

async function folder(name: string, file?: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'chatspec-sub-'));
  const dir = join(root, name);
  await mkdir(dir);
  if (file !== undefined) await writeFile(join(dir, 'chatspec.yaml'), file);
  return dir;
}

describe('submissions', () => {
  it("take the class's defaults, named by their folder", async () => {
    const dir = await folder('alice');
    const target = await readSubmission(dir, { run: 'python3 server.py', probe: true });
    expect(target).toMatchObject({
      name: 'alice',
      probe: true,
      launch: { command: 'python3 server.py', cwd: dir },
    });
  });

  it('let their own file override the command, users and dialect, paths beside it', async () => {
    const dir = await folder(
      'bob',
      'run: python3 chat_server.py\nfixture: users.json\ndialect: ./bob-dialect.yaml\nport: 9000\n',
    );
    const target = await readSubmission(dir, { run: 'python3 server.py', probe: true });
    expect(target.launch).toEqual({ command: 'python3 chat_server.py', cwd: dir, port: 9000 });
    expect(target.fixturePath).toBe(join(dir, 'users.json'));
    expect(target.dialect).toBe(join(dir, 'bob-dialect.yaml'));
    expect(target.probe).toBe(false);
  });

  it.each([
    ['runn: x\n', /chatspec\.yaml: \(top level\): .*runn/],
    ['run: ""\n', /chatspec\.yaml: field run: must be a command/],
    ['port: nine\n', /chatspec\.yaml: field port: /],
    ['probe: true\ndialect: x\n', /chatspec\.yaml: field probe: give a dialect or probe/],
    ['run: [unclosed\n', /chatspec\.yaml: not valid YAML/],
  ])('refuse a bad file %j in one line naming it', async (file, message) => {
    const dir = await folder('carol', file);
    const error = await readSubmission(dir, { run: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetsFileError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('refuse a folder without a command, a missing folder and two of the same name', async () => {
    const dir = await folder('dave');
    await expect(readSubmission(dir, {})).rejects.toThrow(/no command to start the server/);
    await expect(readSubmission(join(dir, 'nope'), { run: 'x' })).rejects.toThrow(/no such folder/);
    const again = await folder('DAVE');
    await expect(readSubmissions([dir, again], { run: 'x' })).rejects.toThrow(/the same name as/);
  });
});

/** `--workload`: presets, mixes by weight and files, each problem a clear WorkloadError. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PRESET_NAMES,
  WorkloadError,
  parseMix,
  resolveWorkload,
  workloadFromDocument,
} from '../../../load/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatspec-workload-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('workloads', () => {
  it('has the presets the issue names, chat first', () => {
    expect(PRESET_NAMES).toEqual(['chat', 'auth', 'send', 'inbox', 'group', 'file', 'connect']);
  });

  it('resolves a preset by name', async () => {
    const chat = await resolveWorkload('chat');
    expect(chat.name).toBe('chat');
    expect(chat.mix.map((e) => e.op).sort()).toEqual(['inbox', 'send']);
    expect(Object.isFrozen(chat)).toBe(true);
  });

  it('parses a mix by weights, dropping zero weights', async () => {
    const w = await resolveWorkload('send:70, inbox:20,send_group:10,my_file:0');
    expect(w.name).toBe('custom');
    expect(w.mix).toEqual([
      { op: 'send', weight: 70 },
      { op: 'inbox', weight: 20 },
      { op: 'send_group', weight: 10 },
    ]);
  });

  it.each([
    ['send:70,shout:30', /unknown op "shout"/],
    ['send:-1', /weight of send/],
    ['send:x', /weight of send/],
    ['send:1,send:2', /appears twice/],
    ['send:0,inbox:0', /every weight is 0/],
  ])('refuses the mix %s', (mix, message) => {
    expect(() => parseMix(mix)).toThrow(WorkloadError);
    expect(() => parseMix(mix)).toThrow(message);
  });

  it('names the presets when a name is unknown', async () => {
    await expect(resolveWorkload('chatty')).rejects.toThrow(
      /unknown workload "chatty"; use one of chat, auth/,
    );
  });

  it('reads a YAML file with a mix record and sizes', async () => {
    const path = join(dir, 'mix.yaml');
    await writeFile(
      path,
      'name: files\nmix:\n  send_file: 3\n  download_file: 1\nfileSizeBytes: 4096\n',
    );
    const w = await resolveWorkload(path);
    expect(w).toMatchObject({ name: 'files', fileSizeBytes: 4096, messageBytes: 0 });
    expect(w.mix).toEqual([
      { op: 'send_file', weight: 3 },
      { op: 'download_file', weight: 1 },
    ]);
  });

  it('reads a JSON file with a mix string', async () => {
    const path = join(dir, 'mix.json');
    await writeFile(path, JSON.stringify({ mix: 'connect:1,send:4', messageBytes: 200 }));
    const w = await resolveWorkload(path);
    expect(w.name).toBe(path);
    expect(w.messageBytes).toBe(200);
    expect(w.mix.map((e) => e.op)).toEqual(['connect', 'send']);
  });

  it('says which file and which field is wrong', async () => {
    const path = join(dir, 'bad.yaml');
    await writeFile(path, 'mix:\n  send: 1\nfileSizeBytes: -5\nextra: true\n');
    const error = await resolveWorkload(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkloadError);
    expect((error as Error).message).toMatch(/bad\.yaml: invalid workload file/);
    expect((error as Error).message).toMatch(/fileSizeBytes/);
  });

  it('says when a file is missing or not YAML', async () => {
    await expect(resolveWorkload(join(dir, 'none.yaml'))).rejects.toThrow(
      /cannot read workload file/,
    );
    const path = join(dir, 'broken.yaml');
    await writeFile(path, 'mix: [unclosed\n');
    await expect(resolveWorkload(path)).rejects.toThrow(/not valid YAML or JSON/);
  });

  it('validates documents without a file', () => {
    expect(() => workloadFromDocument({ mix: { teleport: 1 } }, 'doc')).toThrow(/doc: invalid/);
    expect(() => workloadFromDocument({ mix: {} }, 'doc')).toThrow(/every weight is 0/);
  });
});

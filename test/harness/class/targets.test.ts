import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TargetsFileError, loadTargetsFile, parseTargets } from '../../../harness/class/targets.js';

describe('targets files', () => {
  it('reads YAML and JSON, as a list or under targets:, paths relative to the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chatspec-targets-'));
    const yaml = join(dir, 'class.yaml');
    await writeFile(
      yaml,
      'targets:\n  - name: alice\n    address: 127.0.0.1:9001\n    fixture: fx/alice.json\n  - name: bob\n    address: "[::1]:9002"\n    dialect: ./bob.yaml\n  - name: carol\n    address: 127.0.0.1:9003\n    probe: true\n',
    );
    const targets = await loadTargetsFile(yaml);
    expect(targets.map((t) => [t.name, t.host, t.port])).toEqual([
      ['alice', '127.0.0.1', 9001],
      ['bob', '::1', 9002],
      ['carol', '127.0.0.1', 9003],
    ]);
    expect(targets[0]!.fixturePath).toBe(join(dir, 'fx/alice.json'));
    expect(targets[1]!.dialect).toBe(join(dir, 'bob.yaml'));
    expect(targets[2]!.probe).toBe(true);
    const json = parseTargets(
      '[{"name":"a","address":"127.0.0.1:1","dialect":"canonical"}]',
      'c.json',
    );
    expect(json[0]!.dialect).toBe('canonical');
  });

  it.each([
    [
      'c.yaml',
      '- name: a\n  address: nowhere\n',
      /^c\.yaml: entry 1 \(a\), field address: expected HOST:PORT/,
    ],
    [
      'c.yaml',
      '- name: a\n  address: 127.0.0.1:1\n- name: A\n  address: 127.0.0.1:2\n',
      /entry 2 \(A\), field name: also the name of entry 1/,
    ],
    ['c.yaml', '- name: a\n  address: 127.0.0.1:1\n  adress: x\n', /entry 1 \(a\).*adress/],
    [
      'c.yaml',
      '- name: a\n  address: 127.0.0.1:1\n  probe: true\n  dialect: x\n',
      /entry 1 \(a\), field probe: give a dialect or probe: true, not both/,
    ],
    ['c.yaml', '- address: 127.0.0.1:1\n', /entry 1, field name/],
    ['c.json', '{not json', /^c\.json: not valid JSON/],
    ['c.yaml', 'hello', /^c\.yaml: .*expected a list of targets/],
    ['c.yaml', '[]', /^c\.yaml: /],
  ])('refuses %s %j with one line naming the entry and field', (source, text, message) => {
    expect(() => parseTargets(text, source)).toThrow(TargetsFileError);
    expect(() => parseTargets(text, source)).toThrow(message);
  });
});

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
    expect(
      targets.map((t) => [t.name, t.launch ? undefined : t.host, t.launch ? undefined : t.port]),
    ).toEqual([
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

  it('reads a server to launch: its command, its folder beside the file, setup and port', () => {
    const [alice, bob] = parseTargets(
      '- name: alice\n  run: python3 server.py\n  cwd: subs/alice\n  setup: make\n  port: 8889\n- name: bob\n  run: ./serve\n',
      '/class/c.yaml',
    );
    expect(alice!.launch).toEqual({
      command: 'python3 server.py',
      cwd: '/class/subs/alice',
      setup: 'make',
      port: 8889,
    });
    expect(alice!.address).toBe('subs/alice');
    expect(bob!.launch).toEqual({ command: './serve', cwd: '/class' });
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
    [
      'c.yaml',
      '- name: a\n  address: 127.0.0.1:1\n  run: python3 s.py\n',
      /entry 1 \(a\), field address: give an address \(HOST:PORT\) or a run command, exactly one/,
    ],
    ['c.yaml', '- name: a\n', /entry 1 \(a\), field address: give an address/],
    [
      'c.yaml',
      '- name: a\n  address: 127.0.0.1:1\n  cwd: s\n',
      /entry 1 \(a\), field run: cwd, setup and port go with run/,
    ],
    ['c.yaml', '- name: a\n  run: "  "\n', /entry 1 \(a\), field run: must be a command/],
    ['c.yaml', '- name: a\n  run: x\n  port: 70000\n', /entry 1 \(a\), field port: /],
  ])('refuses %s %j with one line naming the entry and field', (source, text, message) => {
    expect(() => parseTargets(text, source)).toThrow(TargetsFileError);
    expect(() => parseTargets(text, source)).toThrow(message);
  });
});

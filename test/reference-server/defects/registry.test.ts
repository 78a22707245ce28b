import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isRequirementId } from '../../../specs/index.js';
import {
  DEFECTS,
  ServerOptionError,
  defectByName,
  formatDefectList,
  parseDefectSpec,
  resolveServerOptions,
} from '../../../reference-server/index.js';

/** The issue's minimum list, each mapped to the defect that models it. */
const ISSUE_LIST: Readonly<Record<string, string>> = {
  'wrong error text': 'wrong-error-text',
  '`Informasi tidak ditemukan` for an unknown session': 'unknown-session-informasi',
  'reply ends with \\r\\n only': 'reply-crlf-only',
  'no terminator at all': 'reply-no-terminator',
  'text before the JSON': 'reply-text-before-json',
  'not JSON': 'reply-not-json',
  'needs the request to end exactly with \\r\\n': 'requires-crlf',
  'handles only the first of two requests in one packet': 'first-request-only',
  'fails when a request arrives in pieces': 'no-reassembly',
  'inbox not emptied after reading': 'inbox-not-emptied',
  'inbox returns a message twice': 'inbox-repeats-messages',
  'every Nth message dropped': 'drops-every-nth-message',
  'messages of one sender reordered': 'newest-message-first',
  'any token accepted': 'any-token-accepted',
  'wrong password accepted': 'wrong-password-accepted',
  'tokens predictable': 'predictable-tokens',
  'tokens reused': 'reused-token',
  'group message misses one member': 'group-misses-last-member',
  'group message not delivered to the sender': 'group-skips-sender',
  'group file not listed in my_file': 'group-file-not-listed',
  'file data corrupted: base64 padding lost': 'file-padding-lost',
  'file data corrupted: decoded and re-encoded as text': 'file-decoded-as-text',
  "download returns another user's file": 'download-any-owner',
  'closes the connection on an unknown session': 'unknown-session-closes',
  'hangs (never replies) on an unknown command': 'hangs-on-unknown-command',
  'replies slower than the timeout': 'slow-replies',
  'crashes (stops listening) after N requests': 'crashes-after-requests',
  'a command missing (answers **Protocol Tidak Benar)': 'missing-send-group-file',
};

describe('the defect catalogue', () => {
  it('holds at least 25 defects, covering every one the issue lists', () => {
    expect(DEFECTS.length).toBeGreaterThanOrEqual(25);
    for (const [what, name] of Object.entries(ISSUE_LIST)) {
      expect(defectByName(name), what).toBeDefined();
    }
  });

  it('names each once, lower-case and hyphenated, with a one-line description', () => {
    const names = DEFECTS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const d of DEFECTS) {
      expect(d.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(d.description.length, d.name).toBeGreaterThan(10);
      expect(d.description, d.name).not.toMatch(/[\r\n]/);
      expect(Object.isFrozen(d)).toBe(true);
    }
  });

  it('says which known requirements each defect breaks (none for an allowed variation)', () => {
    for (const d of DEFECTS) {
      if (d.allowed === true) expect(d.breaks, d.name).toEqual([]);
      else expect(d.breaks.length, d.name).toBeGreaterThan(0);
      for (const id of d.breaks) expect(isRequirementId(id), `${d.name}: ${id}`).toBe(true);
    }
  });

  it('has a test over TCP for every defect (a describe block named after it)', () => {
    const dir = new URL('./', import.meta.url);
    const sources = readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts') && f !== 'registry.test.ts' && f !== 'pipeline.test.ts')
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n');
    for (const d of DEFECTS) expect(sources, d.name).toContain(`describe('${d.name}'`);
  });

  it('gives a sensible default to every param', () => {
    for (const d of DEFECTS.filter((x) => x.param)) {
      const p = d.param!;
      expect(p.default, d.name).toBeGreaterThanOrEqual(p.min);
      expect(p.default, d.name).toBeLessThanOrEqual(p.max);
    }
  });
});

describe('selecting defects', () => {
  it('reads NAME and NAME=VALUE', () => {
    expect(parseDefectSpec('reply-crlf-only')).toMatchObject({
      ok: true,
      selected: { defect: { name: 'reply-crlf-only' } },
    });
    expect(parseDefectSpec('slow-replies')).toMatchObject({
      ok: true,
      selected: { value: 10_000 },
    });
    expect(parseDefectSpec('slow-replies=250')).toMatchObject({
      ok: true,
      selected: { value: 250 },
    });
  });

  it.each([
    ['nope', /^unknown defect "nope"; `chatspec serve --list-defects` lists them$/],
    ['crlf-only', /did you mean reply-crlf-only/],
    ['Reply-CRLF-Only', /unknown defect/],
    ['reply-crlf-only=1', /^defect reply-crlf-only takes no value/],
    ['slow-replies=0', /^defect slow-replies=MS needs a whole number from 1 to 600000, got "0"$/],
    ['slow-replies=fast', /needs a whole number/],
    ['slow-replies=1e3', /needs a whole number/],
    ['slow-replies=', /needs a whole number/],
  ])('refuses %j, saying why', (spec, reason) => {
    const result = parseDefectSpec(spec);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('are validated with the server options: unknown, repeated and conflicting defects are ServerOptionErrors', () => {
    expect(
      resolveServerOptions({ defects: ['inbox-not-emptied', 'slow-replies=5'] }).defects,
    ).toEqual(['inbox-not-emptied', 'slow-replies=5']);
    expect(() => resolveServerOptions({ defects: ['nope'] })).toThrow(ServerOptionError);
    expect(() => resolveServerOptions({ defects: ['slow-replies', 'slow-replies=5'] })).toThrow(
      'defect slow-replies is given twice',
    );
    expect(() => resolveServerOptions({ defects: ['requires-crlf', 'no-reassembly'] })).toThrow(
      'defects requires-crlf and no-reassembly both replace the line decoder; choose one',
    );
    expect(() => resolveServerOptions({ defects: ['reply-crlf-only', 'reply-not-json'] })).toThrow(
      /reply encoder/,
    );
    expect(resolveServerOptions().defects).toEqual([]);
  });
});

describe('the defect list', () => {
  it('prints one line per defect: the name, two spaces at least, then the description', () => {
    const lines = formatDefectList();
    expect(lines).toHaveLength(DEFECTS.length);
    for (const [i, line] of lines.entries()) {
      const match = /^([a-z0-9-]+) {2,}(\S.*)$/.exec(line);
      expect(match, line).not.toBeNull();
      expect(match![1]).toBe(DEFECTS[i]!.name);
      expect(match![2]!.startsWith(DEFECTS[i]!.description)).toBe(true);
    }
    expect(lines.find((l) => l.startsWith('slow-replies'))).toMatch(/\[=MS, default 10000\]$/);
  });
});

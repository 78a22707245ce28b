/**
 * The fuzzer against servers from the wild (reference-server profiles): it uses only the
 * commands a server has, reports the missing ones once, and judges what the template does
 * as the conformance suite does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { renderSummary } from '../../../harness/fuzz/render.js';
import type { FuzzResult } from '../../../results/fuzz.js';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { canonicalDialect, dialectFromSpec, resolveDialect } from '../../../specs/index.js';
import { fuzz } from './support/fuzz.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(options: {
  profile?: string;
  defects?: string[];
  dialect?: string;
}): Promise<number> {
  const server = await startServer({ port: 0, ...options });
  servers.push(server);
  return server.port;
}

const TEMPLATE_LACKS = ['SEND_FILE', 'DOWNLOAD_FILE', 'MY_FILE', 'SEND_GROUP', 'SEND_GROUP_FILE'];

function noteAbout(result: FuzzResult, requirement: string): string[] {
  return result.notes.filter((n) => n.requirement === requirement).map((n) => n.reason);
}

describe('fuzzing the course template', () => {
  it('never fails it for a command it lacks, and lists the missing ones once', async () => {
    const port = await serve({ profile: 'course-template' });
    for (const seed of [11, 12]) {
      const result = await fuzz(port, { runs: 60, seed });
      expect(result.failure?.reason, `seed ${seed}`).toBeUndefined();
      expect(result.passed).toBe(true);
      expect(result.commands).toMatchObject({
        present: ['AUTH', 'SEND', 'INBOX'],
        missing: TEMPLATE_LACKS,
      });
      expect(result.notes.filter((n) => n.verdict === 'UNIMPLEMENTED')).toEqual([]);
      const lines = renderSummary(result);
      const listing = lines.filter((l) => l.includes('send_file'));
      expect(listing).toEqual([
        '  commands the server lacks (answered like an unknown command; not fuzzed): send_file, download_file, my_file, send_group, send_group_file',
      ]);
    }
  }, 60_000);

  it('notes its framing once (bare LF, a character split across reads), as SHOULDs', async () => {
    const port = await serve({ profile: 'course-template' });
    const result = await fuzz(port, { runs: 20, seed: 3 });
    expect(result.passed).toBe(true);
    expect(noteAbout(result, 'FRAME-6')).toHaveLength(1);
    expect(noteAbout(result, 'FRAME-10')).toEqual([
      expect.stringMatching(/^a multi-byte character cut by the server's read got no reply/),
    ]);
    expect(result.notes.find((n) => n.requirement === 'FRAME-10')?.verdict).toBe('NON-STRICT');
  }, 30_000);

  it('takes an empty message as NON-STRICT and checks that it arrives empty', async () => {
    const port = await serve({ profile: 'course-template' });
    // Enough cases for several sends without text; the model must agree on what arrives.
    const result = await fuzz(port, { runs: 150, seed: 4 });
    expect(result.passed).toBe(true);
    expect(noteAbout(result, 'SEND-6')).toContain(
      'accepted a message without text (an empty message) where "--Protocol Tidak Benar" was due',
    );
  }, 60_000);

  it('passes in parallel mode on its three commands', async () => {
    const port = await serve({ profile: 'course-template' });
    const result = await fuzz(port, { mode: 'parallel', runs: 25, seed: 5 });
    expect(result.failure?.reason).toBeUndefined();
    expect(result.commands?.missing).toEqual(TEMPLATE_LACKS);
  }, 60_000);

  it('still fails a real bug on the commands it has', async () => {
    const port = await serve({
      profile: 'course-template',
      defects: ['drops-every-nth-message=2'],
    });
    const result = await fuzz(port, { runs: 100, seed: 6 });
    expect(result.passed).toBe(false);
    expect(result.failure!.requirement).toBe('SEND-2');
  }, 90_000);
});

describe('fuzzing a server with one command missing', () => {
  it('leaves that command out and fuzzes the rest', async () => {
    const port = await serve({ defects: ['missing-send-group-file'] });
    const result = await fuzz(port, { runs: 40, seed: 7 });
    expect(result.failure?.reason).toBeUndefined();
    expect(result.commands).toMatchObject({ missing: ['SEND_GROUP_FILE'] });
    expect(result.commands?.present).toContain('SEND_FILE');
  }, 60_000);

  it('leaves out a command the dialect marks unsupported', async () => {
    const port = await serve({});
    const spec = canonicalDialect.spec;
    const dialect = dialectFromSpec({
      ...spec,
      name: 'no-group-messages',
      commands: { ...spec.commands, SEND_GROUP: 'unsupported' },
    });
    const result = await fuzz(port, { runs: 30, seed: 9, dialect });
    expect(result.failure?.reason).toBeUndefined();
    expect(result.commands).toMatchObject({ missing: ['SEND_GROUP'] });
  }, 60_000);

  it('reads a never-emptied, newest-first inbox (keep-inbox) as the dialect says, and still catches a lost word', async () => {
    const dialect = resolveDialect('keep-inbox');
    const port = await serve({ dialect: 'keep-inbox' });
    for (const seed of [5, 6, 7]) {
      const result = await fuzz(port, { runs: 60, seed, dialect });
      expect(result.failure?.reason, `seed ${seed}`).toBeUndefined();
    }
    const broken = await serve({ dialect: 'keep-inbox', defects: ['message-first-word-only'] });
    const caught = await fuzz(broken, { runs: 100, seed: 5, dialect });
    expect(caught.passed).toBe(false);
    expect(caught.failure?.requirement).toMatch(/^(SEND|GROUP|INBOX)-/);
  }, 90_000);

  it('passes a server that lists group messages under their senders (group-under-sender)', async () => {
    const dialect = resolveDialect('group-under-sender');
    const port = await serve({ dialect: 'group-under-sender' });
    for (const seed of [5, 6]) {
      const result = await fuzz(port, { runs: 80, seed, dialect });
      expect(result.failure?.reason, `seed ${seed}`).toBeUndefined();
    }
  }, 60_000);

  it('passes a server with one flat file store per user (flat-files), and still catches corrupted downloads', async () => {
    const dialect = resolveDialect('flat-files');
    const port = await serve({ dialect: 'flat-files' });
    for (const seed of [5, 6, 8]) {
      const result = await fuzz(port, { runs: 100, seed, dialect });
      expect(result.failure?.reason, `seed ${seed}`).toBeUndefined();
    }
    const broken = await serve({ dialect: 'flat-files', defects: ['file-padding-lost'] });
    const caught = await fuzz(broken, { runs: 100, seed: 5, dialect });
    expect(caught.passed).toBe(false);
    expect(caught.failure?.reason).toMatch(/^step \d+: data is /);
  }, 90_000);

  it('lists nothing as missing on the reference server', async () => {
    const port = await serve({});
    const result = await fuzz(port, { runs: 5, seed: 8 });
    expect(result.commands).toMatchObject({ missing: [] });
    expect(renderSummary(result).some((l) => l.includes('lacks'))).toBe(false);
  });
});

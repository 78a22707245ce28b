import { describe, expect, it } from 'vitest';
import {
  PROFILES,
  ServerOptionError,
  defectByName,
  defectSpecsOf,
  formatProfileList,
  profileByName,
  resolveServerOptions,
  startServer,
} from '../../../reference-server/index.js';
import { WireClient } from '../support/wire.js';

describe('the profiles', () => {
  it('include course-template and seed-group, each built from known defects with a reason', () => {
    expect(PROFILES.map((p) => p.name)).toEqual(
      expect.arrayContaining(['course-template', 'seed-group']),
    );
    for (const p of PROFILES) {
      expect(p.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.description, p.name).not.toMatch(/[\r\n]/);
      expect(p.defects.length, p.name).toBeGreaterThan(0);
      for (const d of p.defects) {
        expect(defectByName(d.spec.split('=')[0]!), `${p.name}: ${d.spec}`).toBeDefined();
        expect(d.why.length, `${p.name}: ${d.spec}`).toBeGreaterThan(10);
        expect(d.why, d.spec).not.toMatch(/[\r\n]/);
      }
      // Each composes into one server.
      expect(() => resolveServerOptions({ profile: p.name })).not.toThrow();
    }
  });

  it('list one line per profile, then one indented line per defect', () => {
    const lines = formatProfileList();
    const total = PROFILES.reduce((n, p) => n + 1 + p.defects.length, 0);
    expect(lines).toHaveLength(total);
    expect(lines[0]).toMatch(/^course-template {2,}\S/);
    expect(lines[1]).toMatch(/^ {2}template-read-loop {2,}\S/);
    expect(lines.find((l) => l.includes('inbox-keeps-drained-keys'))).toMatch(/\(allowed\)$/);
  });
});

describe('the profile option', () => {
  it("puts the profile's defects first and --defect ones after", () => {
    const specs = defectSpecsOf({ profile: 'course-template', defects: ['slow-replies=5'] });
    expect(specs).toEqual([
      ...profileByName('course-template')!.defects.map((d) => d.spec),
      'slow-replies=5',
    ]);
    expect(defectSpecsOf({ defects: ['slow-replies'] })).toEqual(['slow-replies']);
  });

  it('refuses an unknown profile, a defect the profile has, and one that conflicts with it', () => {
    expect(() => resolveServerOptions({ profile: 'nope' })).toThrow(ServerOptionError);
    expect(() => resolveServerOptions({ profile: 'nope' })).toThrow(
      /^unknown profile "nope" \(known: course-template, seed-group.*\); `chatspec serve --list-profiles` lists them$/,
    );
    expect(() =>
      resolveServerOptions({ profile: 'seed-group', defects: ['template-read-loop'] }),
    ).toThrow('defect template-read-loop is already part of profile seed-group');
    expect(() =>
      resolveServerOptions({ profile: 'course-template', defects: ['requires-crlf'] }),
    ).toThrow('defects template-read-loop and requires-crlf both replace the line decoder');
  });

  it('starts a server that behaves as the profile, with extra defects on top', async () => {
    const server = await startServer({
      port: 0,
      profile: 'course-template',
      defects: ['wrong-password-accepted'],
    });
    const c = await WireClient.open(server.port);
    try {
      await c.send('auth messi nope \r\n');
      expect(await c.rawReply()).toMatch(/^\{"status": "OK", "tokenid": "/);
      await c.send('my_file x \r\n');
      expect(await c.rawReply()).toBe('{"status": "ERROR", "message": "**Protocol Tidak Benar"}');
    } finally {
      c.close();
      await server.close();
    }
  });
});

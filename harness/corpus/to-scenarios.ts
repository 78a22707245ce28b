/**
 * The corpus as a scenario file (specs/scenarios/README.md's format, raw steps), so that
 * `chatspec test HOST:PORT --scenario specs/scenarios/extra/bad-input.yaml` puts any server
 * through the same bytes. Each case becomes one scenario, in this order:
 *
 *   1. log in the users whose tokens the bytes name (setup);
 *   2. write the bytes on connection `bad`, as the case says (one write, pieces, a flood);
 *   3. log in on a new connection and list files: the server still serves others (FRAME-11);
 *   4. read the replies to the bad input on `bad`, graded at the case's level;
 *   5. log in again on `bad` when the case documents it stays open, or see it closed.
 *
 * Step 3 comes before 4 so a server that misses a SHOULD on the bad input (a different
 * reply, silence) is still asked whether it serves new connections: a miss ends a scenario.
 */
import { stringify } from 'yaml';
import { templateNames } from '../conformance/scenario/template.js';
import { sendBytes } from './bytes.js';
import type { CorpusCase, CorpusReply } from './schema.js';

/** Largest generated case sent as a payload in one write; longer ones are a flood. */
const MAX_PAYLOAD_TIMES = 16 * 1024 * 1024;

type Json = Record<string, unknown>;

/** Text as a scenario template: `$` doubled, except in templates the case itself wrote. */
function literal(text: string): string {
  return text.replaceAll('$', '$$$$');
}

function replyExpect(reply: CorpusReply): Json {
  const outcome = { timeout: 'miss', closed: 'miss' };
  if ('error' in reply) return { error: reply.error, ...outcome };
  const json = reply.json ? { json: reply.json } : {};
  switch (reply.ok) {
    case 'MESSAGE_SENT':
    case 'FILE_SENT':
      return { okText: reply.ok, ...json, ...outcome };
    case 'TOKEN':
      return { token: {}, ...json, ...outcome };
    case 'ANY':
      return { status: 'OK', ...json, ...outcome };
  }
}

function templatesOf(c: CorpusCase): string[] {
  const send = c.send;
  if ('text' in send) return [send.text];
  if ('generate' in send) return [send.generate.before ?? '', send.generate.after ?? ''];
  return [];
}

function pieces(c: CorpusCase): Json {
  const how = c.how;
  if (how === 'one-write') return {};
  if (how === 'byte-by-byte') return { pieces: { chunkBytes: 1 } };
  return { pieces: how };
}

function writeSteps(c: CorpusCase): { steps: Json[]; payloads: Json } {
  const send = c.send;
  const base = { conn: 'bad', replies: 0 };
  if ('text' in send) {
    const encoding = send.encoding === 'latin1' ? { encoding: 'latin1' } : {};
    return { steps: [{ raw: send.text, ...encoding, ...pieces(c), ...base }], payloads: {} };
  }
  if ('base64' in send) {
    const text = literal(sendBytes(send, () => '').toString('latin1'));
    return { steps: [{ raw: text, encoding: 'latin1', ...pieces(c), ...base }], payloads: {} };
  }
  const g = send.generate;
  if (g.times <= MAX_PAYLOAD_TIMES) {
    return {
      steps: [{ raw: `${g.before ?? ''}\${fill.text}${g.after ?? ''}`, ...base }],
      payloads: { fill: { repeat: g.repeat, times: g.times } },
    };
  }
  // Too long to hold: a flood, which stops as soon as the server answers or closes.
  const steps: Json[] = [];
  if (g.before) steps.push({ raw: g.before, ...base });
  steps.push({
    flood: { bytes: g.times * Buffer.byteLength(g.repeat), fill: g.repeat },
    conn: 'bad',
  });
  if (g.after) steps.push({ raw: g.after, ...base });
  return { steps, payloads: {} };
}

export function corpusCaseToScenario(c: CorpusCase): Json {
  const names = new Set(templatesOf(c).flatMap((t) => templateNames(t)));
  const usesGroup = names.has('g');
  const roles: Json = usesGroup
    ? { a: { memberOf: 'g' }, b: { notMemberOf: 'g' }, g: { kind: 'group' } }
    : { a: 'user', b: 'user' };
  const steps: Json[] = [];
  for (const user of ['a', 'b']) if (names.has(`${user}.token`)) steps.push({ login: user });
  const write = writeSteps(c);
  steps.push(...write.steps);
  steps.push({
    login: 'a',
    conn: 'fresh',
    save: 'fresh_token',
    note: 'a new connection is served',
  });
  steps.push({
    request: { command: 'MY_FILE', session: '${fresh_token}' },
    conn: 'fresh',
    expect: { status: 'OK' },
  });
  if (c.expect.replies.length > 0) {
    steps.push({
      raw: '',
      conn: 'bad',
      note: 'the replies to the bad input',
      expect: c.expect.replies.map(replyExpect),
    });
  }
  if (c.expect.then === 'closed') {
    steps.push({
      raw: '',
      conn: 'bad',
      note: 'the connection is closed',
      expect: { status: 'any', closed: 'pass', timeout: 'miss', withinMs: 3000 },
    });
  } else {
    steps.push({
      raw: 'auth ${a} ${a.password} \r\n',
      conn: 'bad',
      note: 'the same connection still serves a login',
      expect: { token: {}, timeout: 'miss', closed: 'miss' },
    });
  }
  return {
    id: `bad-input/${c.name}`,
    title: c.title,
    requirements: c.requirements,
    level: c.level,
    roles,
    ...(Object.keys(write.payloads).length > 0 ? { payloads: write.payloads } : {}),
    steps,
  };
}

export const BAD_INPUT_SCENARIO_HEADER = `# Generated from test/corpus/bad-input/ by \`npm run corpus:scenarios\`; do not edit.
# Robustness: every case of the bad-input corpus as a scenario, graded at the case's level
# (SHOULD or MAY where the protocol is silent; PROTOCOL.md §12.1). Run it against any server:
#   chatspec test HOST:PORT --scenario specs/scenarios/extra/bad-input.yaml
`;

/** The scenario file's text: stable, so a drift from the corpus shows as a diff. */
export function renderBadInputScenarios(corpus: readonly CorpusCase[]): string {
  const file = {
    version: 1,
    group: 'GENERAL',
    scenarios: corpus.map(corpusCaseToScenario),
  };
  return BAD_INPUT_SCENARIO_HEADER + stringify(file, { lineWidth: 0 });
}

/**
 * A shrunk failing case as a scenario file in the harness's own format (specs/scenarios/),
 * so `chatspec test HOST:PORT --scenario FILE` replays it. Users are pinned to the fixture
 * users the case used; each logs in and drains its inbox first, as the fuzzer's learning
 * step did; every request then carries the expectation the model had for it. Checked with
 * the harness's loader before it is handed out.
 */
import { stringify } from 'yaml';
import {
  COMMANDS,
  type Fixture,
  type Level,
  type Reply,
  type RequirementId,
} from '../../specs/index.js';
import { parseScenarioText } from '../conformance/scenario/load.js';
import type { Verdict } from '../../results/run.js';
import type { CaseSource } from './case-failure.js';
import { errorCodeOf } from './compare.js';
import type { ExecutedStep } from './execute.js';
import { UNKNOWN_DATA } from './model.js';
import type { FuzzFailure, FuzzResult } from '../../results/fuzz.js';
import type { FuzzWorld } from './world.js';

type Yaml = Record<string, unknown>;

/** A literal inside a template: `$` is written `$$`. */
const literal = (text: string): string => text.replace(/\$/g, '$$$$');

const LEVEL_OF: Readonly<Partial<Record<Verdict, Level>>> = {
  FAIL: 'MUST',
  ERROR: 'MUST',
  'NON-STRICT': 'SHOULD',
  UNIMPLEMENTED: 'SHOULD',
  INFORMATIONAL: 'MAY',
};

const RESERVED = new Set(['run', 'tag', 'uuid']);

/** Role names for usernames: a-z, 0-9 and _, starting with a letter, distinct. */
function roleNames(usernames: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const username of usernames) {
    let base = username.toLowerCase().replace(/[^a-z0-9_]/g, '_');
    if (!/^[a-z]/.test(base) || RESERVED.has(base) || /^login\d+$/.test(base)) base = `u_${base}`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    out.set(username, name);
  }
  return out;
}

interface Builder {
  readonly roles: Map<string, string>;
  readonly payloads: Yaml;
  payload(base64: string): string;
}

function sessionTemplate(executed: ExecutedStep, builder: Builder): string | undefined {
  const use = executed.resolved.session;
  if (use === undefined) return undefined;
  if (use.label === undefined) return literal(use.token);
  const role = builder.roles.get(use.label);
  if (role === undefined) {
    // A session from an auth step, saved under its label; a mangled one cannot be rebuilt.
    return use.mangle === undefined ? `\${${use.label}}` : literal(use.token);
  }
  if (use.mangle === undefined) return `\${${role}.token}`;
  return use.mangle === 'flip' ? `\${${role}.token|flip}` : literal(use.token);
}

function expectationFor(executed: ExecutedStep, builder: Builder, last: boolean): Yaml {
  const { judgement, outcome } = executed;
  const reply: Reply = judgement.modelReply;
  // A refusal the rules allowed: the replay accepts either answer.
  if (!last && !judgement.acted && reply.status === 'OK') return { status: 'any' };
  if (reply.status === 'ERROR') {
    const code = errorCodeOf(reply);
    return code === undefined ? { status: 'ERROR' } : { error: code };
  }
  const request =
    executed.resolved.expect.kind === 'request' ? executed.resolved.expect.request : undefined;
  switch (request?.command) {
    case 'AUTH':
      return judgement.login === undefined
        ? { status: 'OK' }
        : { status: 'OK', token: { save: judgement.login } };
    case 'SEND':
    case 'SEND_GROUP':
      return { status: 'OK', okText: 'MESSAGE_SENT' };
    case 'SEND_FILE':
    case 'SEND_GROUP_FILE':
      return { status: 'OK', okText: 'FILE_SENT' };
    case 'INBOX': {
      const messages =
        'messages' in reply
          ? (reply.messages as unknown as Record<string, Array<{ msg: string }>>)
          : {};
      const keys = Object.entries(messages).filter(([, entries]) => entries.length > 0);
      if (keys.length === 0) return { status: 'OK', inbox: { empty: true } };
      return {
        status: 'OK',
        inbox: keys.map(([from, entries]) => ({
          from: literal(from),
          texts: entries.map((e) => literal(e.msg)),
          exact: true,
        })),
      };
    }
    case 'MY_FILE':
      return {
        status: 'OK',
        ...filesExpectation(reply, outcome.kind === 'reply' ? outcome.json : undefined),
      };
    case 'DOWNLOAD_FILE': {
      if (!('data' in reply) || reply.data === UNKNOWN_DATA) return { status: 'OK' };
      return {
        status: 'OK',
        download: { filename: literal(reply.filename), payload: builder.payload(reply.data) },
      };
    }
    default:
      return { status: 'OK' };
  }
}

/**
 * One `files` check per reply is all the format has: the peer where the server lacks a file
 * the model knows, else the one where it lists a file never sent, else the first peer.
 */
function filesExpectation(
  reply: Reply,
  actual: Readonly<Record<string, unknown>> | undefined,
): Yaml {
  const expected =
    'messages' in reply ? (reply.messages as unknown as Record<string, string[]>) : {};
  const got = (actual?.messages ?? {}) as Record<string, unknown>;
  const listed = (peer: string): string[] => {
    const value = got[peer];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  };
  for (const [peer, names] of Object.entries(expected)) {
    const lacking = names.filter((n) => !listed(peer).includes(n));
    if (lacking.length > 0) return { files: { peer: literal(peer), includes: names.map(literal) } };
  }
  for (const peer of Object.keys(got)) {
    const extra = listed(peer).filter((n) => !(expected[peer] ?? []).includes(n));
    if (extra.length > 0) return { files: { peer: literal(peer), lacks: extra.map(literal) } };
  }
  const first = Object.entries(expected).find(([, names]) => names.length > 0);
  return first === undefined
    ? {}
    : { files: { peer: literal(first[0]), includes: first[1].map(literal) } };
}

function requestStep(executed: ExecutedStep, builder: Builder, last: boolean): Yaml {
  const { resolved } = executed;
  const conn = executed.connection;
  const expect = expectationFor(executed, builder, last);
  const note =
    resolved.display.length <= 200 ? resolved.display : `${resolved.display.slice(0, 200)}…`;
  const step = resolved.step;
  const session = sessionTemplate(executed, builder);
  // Spellings the format has no words for travel as raw text, the session templated in.
  const rawText = (): string => {
    const wire = literal(resolved.wire);
    return session === undefined || resolved.session === undefined
      ? wire
      : wire.replace(literal(resolved.session.token), session);
  };
  const source = resolved.expect.kind === 'request' ? resolved.expect.request : undefined;
  if (
    source === undefined ||
    step.form === 'upper' ||
    step.form === 'spaces' ||
    step.form === 'tabs'
  ) {
    // An unknown command, a cut line, or a spelling the format has no words for.
    return { raw: rawText(), conn, note, expect };
  }
  const spec = COMMANDS[source.command];
  const params: Yaml = { command: source.command };
  for (const name of [...spec.params, ...(spec.tailParam ? [spec.tailParam] : [])]) {
    const value = (source as unknown as Record<string, string>)[name] ?? '';
    if (name === 'session') params.session = session;
    else if (name === 'data') {
      if (value !== '') params.data = `\${${builder.payload(value)}}`;
    } else params[name] = literal(value);
  }
  const out: Yaml = { request: params, conn, note, expect };
  if (step.form === 'no-trailing-space') out.style = { trailingSpace: false, eol: 'CRLF' };
  if (step.form === 'bare-lf') out.style = { trailingSpace: true, eol: 'LF' };
  if (spec.tailParam === 'data' && (source as { data?: string }).data === '') out.omit = ['data'];
  return out;
}

function scenarioShell(
  failure: FuzzFailure,
  mode: string,
  roles: Yaml,
  payloads: Yaml,
  steps: Yaml[],
): Yaml {
  const requirement: RequirementId = failure.requirement ?? 'FRAME-1';
  return {
    version: 1,
    group: mode === 'framing' ? 'FRAMING' : 'GENERAL',
    scenarios: [
      {
        id: `fuzz/${mode}-s${failure.seed >>> 0}`,
        title:
          `fuzz (${mode}, seed ${failure.seed}, path ${failure.path}): ${failure.reason}`.slice(
            0,
            300,
          ),
        requirements: [requirement],
        level: LEVEL_OF[failure.verdict] ?? 'MUST',
        roles,
        ...(Object.keys(payloads).length > 0 ? { payloads } : {}),
        steps,
      },
    ],
  };
}

function sequentialScenario(
  failure: FuzzFailure,
  executed: readonly ExecutedStep[],
  world: FuzzWorld,
): Yaml {
  const used = world.users
    .map((u) => u.username)
    .filter((name) => executed.some((e) => e.resolved.session?.label === name));
  const roles = roleNames(used);
  const payloads: Yaml = {};
  const byData = new Map<string, string>();
  const builder: Builder = {
    roles,
    payloads,
    payload(base64) {
      let name = byData.get(base64);
      if (name === undefined) {
        name = `p${byData.size + 1}`;
        byData.set(base64, name);
        payloads[name] = { base64 };
      }
      return name;
    },
  };
  const steps: Yaml[] = [];
  for (const role of roles.values()) {
    steps.push({ login: role }, { drain: role });
  }
  executed.forEach((e, i) => steps.push(requestStep(e, builder, i === executed.length - 1)));
  const roleSpecs: Yaml = {};
  for (const [username, role] of roles) roleSpecs[role] = { username };
  return scenarioShell(failure, 'sequential', roleSpecs, payloads, steps);
}

function framingScenario(
  failure: FuzzFailure,
  source: Extract<CaseSource, { kind: 'framing' }>,
  fixture: Fixture,
): Yaml {
  const user = fixture.users[0]!;
  const steps: Yaml[] = source.writes.map((bytes, i) => ({
    raw: literal(bytes.toString('latin1')),
    encoding: 'latin1',
    conn: 'rude',
    replies: 0,
    note: `write ${i + 1} of ${source.writes.length}`,
  }));
  steps.push(
    {
      close: 'rude',
      note:
        source.close === 'fin' ? 'the fuzzer half-closed (FIN)' : 'the fuzzer reset the connection',
    },
    {
      request: { command: 'AUTH', username: '${a}', password: '${a.password}' },
      conn: 'probe',
      note: 'a fresh connection still logs in',
      expect: { status: 'OK', token: { save: 'probe' } },
    },
    {
      request: { command: 'INBOX', session: '${uuid}' },
      conn: 'probe',
      note: 'and still refuses a forged session',
      expect: { status: 'ERROR' },
    },
  );
  return scenarioShell(failure, 'framing', { a: { username: user.username } }, {}, steps);
}

export type ScenarioExport =
  | { readonly ok: true; readonly yaml: string; readonly fileName: string }
  | { readonly ok: false; readonly reason: string };

/** The scenario file for a failure, validated by the harness's loader; none for parallel ones. */
export function exportScenario(
  result: Pick<FuzzResult, 'mode'>,
  failure: FuzzFailure,
  source: CaseSource | undefined,
  world: FuzzWorld,
  fixture: Fixture,
): ScenarioExport {
  if (source === undefined) {
    return {
      ok: false,
      reason:
        result.mode === 'parallel'
          ? 'a parallel case has no scenario file: the format has no concurrent steps; replay it with the command above'
          : 'nothing to export',
    };
  }
  const doc =
    source.kind === 'sequential'
      ? sequentialScenario(failure, source.executed, world)
      : framingScenario(failure, source, fixture);
  const yaml = `# Found by chatspec fuzz; replay: chatspec test HOST:PORT --scenario THIS_FILE\n${stringify(doc, { lineWidth: 0 })}`;
  const fileName = `fuzz-${result.mode}-${failure.seed >>> 0}.yaml`;
  try {
    parseScenarioText(yaml, fileName);
  } catch (error) {
    return {
      ok: false,
      reason: `the exported scenario does not load: ${(error as Error).message}`,
    };
  }
  return { ok: true, yaml, fileName };
}

/**
 * The scenario file format (YAML or JSON), version 1. specs/scenarios/README.md is the guide
 * with examples; this is the contract, checked field by field so that an error names the
 * file and the field (`send.yaml: scenarios[3].steps[2].expect.status: …`).
 *
 *   version: 1                      # optional
 *   group: SEND                     # report group for the file: a command name, FRAMING or GENERAL
 *   scenarios:
 *     - id: send/delivered          # stable, hierarchical, lower case; never positional
 *       title: the recipient's inbox holds the message under the sender's username
 *       requirements: [SEND-2]      # ids from specs/requirements.ts; never their text
 *       level: MUST                 # optional; default the strictest level of `requirements`
 *       roles:                      # bound to fixture users and groups at run time
 *         alice: user               # users are always distinct from each other
 *         bob: user
 *         g: { kind: group, minMembers: 2 }      # optional `id: group1` pins a group
 *         m: { memberOf: g }        # also notMemberOf; optional `username: messi` pins a user
 *       payloads:                   # file contents; `${blob}` is their base64
 *         blob: { random: 1048576, seed: 7 }     # or { text: … }, { base64: … }, { allByteValues: true },
 *                                                # { repeat: 'ab ', times: 500 }; ${blob.text} is it as text
 *       steps:                      # run in order; the first decisive miss ends the scenario
 *         - login: alice            # auth; saves `${alice.token}`; conn `alice`; optional save, conn
 *         - drain: bob              # login first; reads bob's inbox so leftovers do not count
 *         - request: { command: SEND, to: "${bob}", text: "hi ${tag}" }
 *           as: alice               # session = ${alice.token}, conn = alice
 *           expect: { status: OK, okText: MESSAGE_SENT }
 *         - request: { command: INBOX }
 *           as: bob
 *           expect: { inbox: { from: "${alice}", texts: ["hi ${tag}"] } }
 *
 * Steps: `login`, `drain`, `request` (one request, or a list sent in one write; with `as`,
 * `conn`, `style: {trailingSpace, eol: CRLF|LF|none}`, `omit: [param…]`, `pieces:
 * {chunkBytes|splitInside, delayMs}`, `expect` (one, or a list for a list of requests),
 * `setup: true`), `raw` (bytes as written; `encoding: utf8|latin1`, `replies: N`, `pieces`,
 * `expect`), `flood: {bytes, fill, chunkBytes}`, `close: CONN`, and `forEach: {member: G, as:
 * ROLE, except: ROLE}` with nested `steps`. Every step takes an optional `note`.
 *
 * Expect: `status: OK|ERROR|any`, `error: CODE` (specs/errors.ts), `okText: MESSAGE_SENT|
 * FILE_SENT`, `token: {save, differsFrom, uuid4}`, `inbox: {empty | from, texts, exact,
 * lacks, msgFrom, msgTo}` (or a list of them, one per key, on the same reply), `files: {peer, includes, lacks}`, `download: {filename, payload}`,
 * `json: {field: value}`, `noExtraBytes: true`, `asciiOnly: true` (raw non-ASCII in the reply is
 * an INFORMATIONAL note, never a miss), and what an outcome other than a reply means:
 * `timeout: error|miss|pass`, `closed: error|miss|pass` (default error), and `withinMs: N` (wait
 * at most N ms for this reply, less than the scenario's budget; for replies that may not come),
 * `endUnlessOk: true` (a reply other than OK ends the scenario there, unjudged: what follows
 * needs the OK, and another requirement grades a refusal).
 *
 * Templates: `${role}` (username or group id), `${role.password}`, `${role.name}`,
 * `${role.token}` (after login), saved names, payload names (`${p}` base64, `${p.text}` UTF-8),
 * `${run}` (this run), `${tag}`
 * (this scenario in this run; put it in every text and filename), `${uuid}` (a random UUID
 * never issued), `${name|flip}` (the value with its last character changed), `$$` for `$`.
 */
import { isRequirementId, strictestLevel, type RequirementId } from '../../../specs/index.js';
import type { ScenarioGroup } from '../../../results/run.js';
import type { PayloadSpec, RoleSpec, Scenario, Step } from './types.js';
import { IssueList, type Path, type SchemaIssue } from './schema-issues.js';
import { fileSchema, scenarioSchema } from './schema-fields.js';
import { normalizePayload, normalizeRole } from './normalize-parts.js';
import { normalizeStep } from './normalize-step.js';

export type { SchemaIssue } from './schema-issues.js';
export { SCENARIO_FORMAT_VERSION, SCENARIO_GROUPS } from './schema-fields.js';

function normalizeScenario(
  value: unknown,
  fileGroup: ScenarioGroup | undefined,
  source: string,
  path: Path,
  issues: IssueList,
): Scenario | undefined {
  const s = issues.parse(scenarioSchema, value, path);
  if (s === undefined) return undefined;
  const requirements: RequirementId[] = [];
  s.requirements.forEach((id, i) => {
    if (isRequirementId(id)) requirements.push(id);
    else
      issues.add(
        [...path, 'requirements', i],
        `unknown requirement id "${id}" (see specs/requirements.ts)`,
      );
  });
  const group = s.group ?? fileGroup;
  if (group === undefined)
    issues.add([...path, 'group'], 'is needed here or at the top of the file');
  const roles: Record<string, RoleSpec> = {};
  for (const [roleName, raw] of Object.entries(s.roles ?? {})) {
    const role = normalizeRole(raw, [...path, 'roles', roleName], issues);
    if (role !== undefined) roles[roleName] = role;
  }
  const payloads: Record<string, PayloadSpec> = {};
  for (const [payloadName, raw] of Object.entries(s.payloads ?? {})) {
    if (payloadName in roles)
      issues.add([...path, 'payloads', payloadName], 'has the name of a role');
    const payload = normalizePayload(raw, [...path, 'payloads', payloadName], issues);
    if (payload !== undefined) payloads[payloadName] = payload;
  }
  const steps = s.steps
    .map((step, i) => normalizeStep(step, [...path, 'steps', i], issues, 0))
    .filter((x): x is Step => x !== undefined);
  if (group === undefined) return undefined;
  return {
    id: s.id,
    title: s.title,
    group,
    requirements,
    level: s.level ?? strictestLevel(requirements),
    roles,
    payloads,
    steps,
    source,
  };
}

/**
 * Validates a parsed scenario file. Returns the scenarios, or every issue found (each with
 * its field path) so that a person fixes a file in one pass.
 */
export function validateScenarioFile(
  value: unknown,
  source: string,
): { ok: true; scenarios: Scenario[] } | { ok: false; issues: SchemaIssue[] } {
  const issues = new IssueList();
  const file = issues.parse(fileSchema, value, []);
  const scenarios: Scenario[] = [];
  if (file !== undefined) {
    file.scenarios.forEach((raw, i) => {
      const scenario = normalizeScenario(raw, file.group, source, ['scenarios', i], issues);
      if (scenario !== undefined) scenarios.push(scenario);
    });
  }
  return issues.issues.length > 0 ? { ok: false, issues: issues.issues } : { ok: true, scenarios };
}

/**
 * Before a case runs, the model learns the server as it is, instead of assuming a fresh one:
 * every user of the world logs in (the session later steps use as `$user`), reads its inbox
 * empty, and lists its files, which the model then knows by name. Users are spread over the
 * pool's connections and learned at the same time. A command the server lacks is not asked
 * (a server without my_file has no files to learn).
 */
import type { RequirementId } from '../../specs/index.js';
import { describeOutcome, type ReadOutcome } from '../client/connection.js';
import type { Campaign } from './campaign.js';
import { clip } from './compare.js';
import { FuzzModel } from './model.js';
import type { StepRecord } from '../../results/fuzz.js';

export type LearnOutcome =
  | { readonly kind: 'ok'; readonly model: FuzzModel; readonly records: readonly StepRecord[] }
  /** No answer at all: the server is down or stuck, which says nothing about a case. */
  | {
      readonly kind: 'unreachable';
      readonly reason: string;
      readonly records: readonly StepRecord[];
    }
  /** The server answered wrongly while being learned: a finding like any other. */
  | {
      readonly kind: 'failed';
      /** FAIL for a wrong answer; ERROR for a reply that could not be read (as judge.ts). */
      readonly verdict: 'FAIL' | 'ERROR';
      readonly reason: string;
      readonly requirement: RequirementId;
      readonly records: readonly StepRecord[];
    };

type Learned =
  | { ok: true }
  | {
      ok: false;
      unreachable: boolean;
      unreadable: boolean;
      reason: string;
      requirement: RequirementId;
    };

export async function learnStartingState(campaign: Campaign): Promise<LearnOutcome> {
  const { world, pool, dialect, options } = campaign;
  const model = FuzzModel.create(options.fixture);
  const records: Array<StepRecord & { order: number }> = [];

  const exchange = async (
    conn: number,
    order: number,
    line: string,
    display: string,
    expected: string,
  ): Promise<{
    outcome: ReadOutcome;
    record: (verdict: StepRecord['verdict'], reason: string) => void;
  }> => {
    const outcome = await pool.at(conn).request(line, options.timeoutMs);
    campaign.counters.requests++;
    if (outcome.kind !== 'reply') pool.discard(conn);
    const actual =
      outcome.kind === 'reply'
        ? clip(outcome.text, 300)
        : describeOutcome(outcome, options.timeoutMs);
    return {
      outcome,
      record: (verdict, reason) =>
        records.push({
          order,
          index: 0,
          connection: pool.nameOf(conn),
          request: display,
          expected,
          actual,
          verdict,
          reason,
        }),
    };
  };

  /** Records a step that went wrong and says why learning `username` stopped. */
  const missFor =
    (username: string) =>
    (
      record: (verdict: StepRecord['verdict'], reason: string) => void,
      outcome: ReadOutcome,
      reason: string,
      requirement: RequirementId,
    ): Learned => {
      const unreachable = outcome.kind !== 'reply';
      // A reply that is not JSON is no answer to judge, as in judge.ts and the suite: ERROR.
      const unreadable = outcome.kind === 'reply' && outcome.json === undefined;
      const why = unreachable ? describeOutcome(outcome, options.timeoutMs) : reason;
      record(unreachable || unreadable ? 'ERROR' : 'FAIL', why);
      return {
        ok: false,
        unreachable,
        unreadable,
        reason: `while learning ${username}: ${why}`,
        requirement,
      };
    };

  const learnUser = async (conn: number, userIndex: number): Promise<Learned> => {
    const user = world.users[userIndex]!;
    const base = userIndex * 3;
    const miss = missFor(user.username);

    const auth = await exchange(
      conn,
      base,
      dialect.formatRequest({ command: 'AUTH', username: user.username, password: user.password }),
      `auth ${user.username} ${user.password}`,
      'OK with a new token',
    );
    const authJson = auth.outcome.kind === 'reply' ? auth.outcome.json : undefined;
    const status = authJson && dialect.readStatus(authJson);
    if (authJson === undefined || !status?.ok || status.value !== 'OK') {
      const why =
        auth.outcome.kind === 'reply' && authJson === undefined
          ? `the login reply is not JSON: ${auth.outcome.parseError ?? ''}`
          : status !== undefined && !status.ok
            ? status.reason
            : 'the login did not answer OK';
      return miss(
        auth.record,
        auth.outcome,
        why,
        authJson === undefined || !status?.ok ? 'FRAME-2' : 'AUTH-1',
      );
    }
    const token = dialect.readToken(authJson);
    if (!token.ok) return miss(auth.record, auth.outcome, token.reason, 'AUTH-1');
    if (model.state.sessions.has(token.value)) {
      return miss(
        auth.record,
        auth.outcome,
        `the token of $${model.labelOf(token.value)} again`,
        'AUTH-4',
      );
    }
    auth.record('PASS', `session $${user.username}`);
    model.adoptUserSession(user.username, token.value);

    if (!campaign.commands.includes('INBOX')) return learnFiles(conn, base, user, token.value);
    const inbox = await exchange(
      conn,
      base + 1,
      dialect.formatRequest({ command: 'INBOX', session: token.value }),
      `inbox $${user.username}`,
      'OK (whatever was waiting is drained)',
    );
    const inboxJson = inbox.outcome.kind === 'reply' ? inbox.outcome.json : undefined;
    const inboxStatus = inboxJson && dialect.readStatus(inboxJson);
    if (inboxJson === undefined || !inboxStatus?.ok || inboxStatus.value !== 'OK') {
      return miss(inbox.record, inbox.outcome, 'inbox did not answer OK', 'INBOX-1');
    }
    // As the user's own read: a non-destructive inbox then shows later reads only what is new.
    const messages = dialect.readInbox(inboxJson, user.username);
    if (!messages.ok) return miss(inbox.record, inbox.outcome, messages.reason, 'INBOX-3');
    inbox.record('PASS', 'inbox drained');
    return learnFiles(conn, base, user, token.value);
  };

  const learnFiles = async (
    conn: number,
    base: number,
    user: (typeof world.users)[number],
    token: string,
  ): Promise<Learned> => {
    if (!campaign.commands.includes('MY_FILE')) return { ok: true };
    const miss = missFor(user.username);
    const files = await exchange(
      conn,
      base + 2,
      dialect.formatRequest({ command: 'MY_FILE', session: token }),
      `my_file $${user.username}`,
      'OK (the files listed are learned by name)',
    );
    const filesJson = files.outcome.kind === 'reply' ? files.outcome.json : undefined;
    const filesStatus = filesJson && dialect.readStatus(filesJson);
    if (filesJson === undefined || !filesStatus?.ok || filesStatus.value !== 'OK') {
      return miss(files.record, files.outcome, 'my_file did not answer OK', 'MYFILE-1');
    }
    const list = dialect.readFileList(filesJson);
    if (!list.ok) return miss(files.record, files.outcome, list.reason, 'MYFILE-1');
    let count = 0;
    for (const [peer, names] of list.value) {
      for (const name of names) {
        model.learnFile(user.username, peer, name);
        count++;
      }
    }
    files.record('PASS', `${count} file(s) learned by name`);
    return { ok: true };
  };

  const byConnection = new Map<number, number[]>();
  world.users.forEach((_, i) => {
    const conn = i % pool.size;
    byConnection.set(conn, [...(byConnection.get(conn) ?? []), i]);
  });
  const results = await Promise.all(
    [...byConnection].map(async ([conn, users]) => {
      for (const userIndex of users) {
        const learned = await learnUser(conn, userIndex);
        if (!learned.ok) return learned;
      }
      return { ok: true } as Learned;
    }),
  );
  const ordered = records
    .sort((a, b) => a.order - b.order)
    .map(({ order: _order, ...record }, i) => ({ ...record, index: i + 1 }));
  const failed = results.find((r): r is Extract<Learned, { ok: false }> => !r.ok);
  if (failed === undefined) return { kind: 'ok', model, records: ordered };
  if (failed.unreachable) return { kind: 'unreachable', reason: failed.reason, records: ordered };
  return {
    kind: 'failed',
    verdict: failed.unreadable ? 'ERROR' : 'FAIL',
    reason: failed.reason,
    requirement: failed.requirement,
    records: ordered,
  };
}

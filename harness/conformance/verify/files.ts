/** MY_FILE replies: filenames listed under the right peer (MYFILE-1, SENDFILE-3/4, GROUPFILE-2). */
import { ANY_PEER, type Dialect, type JsonObject } from '../../../specs/index.js';
import type { FilesExpect } from '../scenario/types.js';
import { miss, pass, unreadable, type Check, type Grading, type ReplyShape } from './check.js';
import { show } from './show.js';

const FILE_LIST_SHAPE: ReplyShape = {
  problem: 'the file list has the wrong shape',
  expected: '"messages": {peer: [filenames]}',
};

export function verifyFiles(
  dialect: Dialect,
  reply: JsonObject,
  expect: FilesExpect,
  grading: Grading,
  fill: (template: string) => string,
): Check[] {
  const read = dialect.readFileList(reply);
  if (!read.ok) return unreadable(grading, FILE_LIST_SHAPE, read.reason, reply);
  const lists = read.value;
  // A flat list (the dialect's files.shape) does not say who sent a file: any peer will do.
  const flat = lists.has(ANY_PEER) && lists.size === 1;
  const peer = expect.peer === undefined || flat ? undefined : fill(expect.peer);
  const names = peer === undefined ? [...lists.values()].flat() : (lists.get(peer) ?? []);
  const where = peer === undefined ? 'any peer' : show(peer);
  const whole = show(Object.fromEntries(lists));
  const checks: Check[] = [];
  for (const template of expect.includes ?? []) {
    const name = fill(template);
    if (!names.includes(name)) {
      const elsewhere = [...lists].find(([, list]) => list.includes(name))?.[0];
      const reason =
        elsewhere !== undefined
          ? `${show(name)} is listed under ${show(elsewhere)}, not under ${where}`
          : `${show(name)} is not listed under ${where}`;
      return [...checks, miss(grading, reason, `${where}: […, ${show(name)}]`, whole)];
    }
    checks.push(pass(`${show(name)} under ${where}`));
  }
  if (flat && expect.peer !== undefined && (expect.lacks ?? []).length > 0) {
    // A flat list cannot say a file is absent under one peer: not checkable, never a miss.
    checks.push(
      pass(`not checkable in a flat file list (${dialect.ruleAt('replies.files.shape')})`),
    );
    return checks;
  }
  for (const template of expect.lacks ?? []) {
    const name = fill(template);
    if (names.includes(name)) {
      return [
        ...checks,
        miss(
          grading,
          `${show(name)} is listed under ${where} but was never sent there`,
          `no ${show(name)}`,
          whole,
        ),
      ];
    }
    checks.push(pass(`no ${show(name)} under ${where}`));
  }
  if (checks.length === 0) checks.push(pass('a file list'));
  return checks;
}

/**
 * INBOX replies. The shape is read through the dialect (an entry is a string or an object
 * with "msg", INBOX-3); texts compare as free text (surrounding whitespace trimmed). Unless
 * the expectation is exact, only entries carrying this scenario's tag are compared, so
 * messages left by earlier runs or other clients never decide a verdict.
 */
import {
  sameFreeText,
  type Dialect,
  type InboxItem,
  type JsonObject,
} from '../../../specs/index.js';
import type { InboxExpect } from '../scenario/types.js';
import { miss, pass, unreadable, type Check, type Grading, type ReplyShape } from './check.js';
import { show } from './show.js';

function allTexts(inbox: ReadonlyMap<string, readonly InboxItem[]>): string[] {
  return [...inbox.values()].flatMap((items) => items.map((i) => i.text));
}

const INBOX_SHAPE: ReplyShape = {
  problem: 'the inbox reply has the wrong shape',
  expected: '"messages": {key: [entries]}',
};

function summary(inbox: ReadonlyMap<string, readonly InboxItem[]>): string {
  return show(Object.fromEntries([...inbox].map(([k, items]) => [k, items.map((i) => i.text)])));
}

export function verifyInbox(
  dialect: Dialect,
  reply: JsonObject,
  expect: InboxExpect,
  grading: Grading,
  fill: (template: string) => string,
  tag: string,
  reader?: string,
): Check[] {
  const read = dialect.readInbox(reply, reader);
  if (!read.ok) return unreadable(grading, INBOX_SHAPE, read.reason, reply);
  const inbox = read.value;
  if (expect.empty) {
    const texts = allTexts(inbox);
    return texts.length === 0
      ? [pass('an empty inbox')]
      : [
          miss(
            grading,
            `the inbox holds ${texts.length} message(s) where none were expected`,
            '{}',
            summary(inbox),
          ),
        ];
  }
  const checks: Check[] = [];
  if (expect.from !== undefined) {
    const key = fill(expect.from);
    const all = inbox.get(key) ?? [];
    const items = expect.exact ? all : all.filter((item) => item.text.includes(tag));
    if (expect.texts !== undefined) {
      const wanted = expect.texts.map(fill);
      const got = items.map((i) => i.text);
      const same = wanted.length === got.length && wanted.every((w, i) => sameFreeText(w, got[i]!));
      if (!same) {
        const reason =
          got.length === 0
            ? `no message under ${show(key)}`
            : wanted.length === got.length &&
                [...wanted].sort().join('\n') ===
                  [...got]
                    .map((g) => g.trim())
                    .sort()
                    .join('\n')
              ? `the messages under ${show(key)} arrived out of order`
              : `the messages under ${show(key)} are not the ones sent`;
        return [
          miss(
            grading,
            reason,
            `${show(key)}: ${show(wanted)}`,
            `${show(key)}: ${show(got)}; whole inbox ${summary(inbox)}`,
          ),
        ];
      }
      checks.push(pass(`${wanted.length} message(s) under ${show(key)}, in order`));
    }
    for (const [field, template] of [
      ['msg_from', expect.msgFrom],
      ['msg_to', expect.msgTo],
    ] as const) {
      if (template === undefined) continue;
      const name = fill(template);
      const wrong = items.find(
        (i) => i.shape !== 'object' || (field === 'msg_from' ? i.from : i.to)?.trim() !== name,
      );
      if (wrong !== undefined) {
        const actual =
          wrong.shape === 'object'
            ? show(field === 'msg_from' ? wrong.from : wrong.to)
            : `a plain string ${show(wrong.text)}`;
        return [
          ...checks,
          miss(
            grading,
            `an entry under ${show(key)} does not carry ${field} as the full name`,
            `{${field}: ${show(name)}, …}`,
            actual,
          ),
        ];
      }
      if (items.length > 0) checks.push(pass(`${field} is ${show(name)}`));
    }
  }
  for (const template of expect.lacks ?? []) {
    const text = fill(template);
    for (const [key, items] of inbox) {
      if (items.some((i) => sameFreeText(i.text, text))) {
        return [
          ...checks,
          miss(
            grading,
            `a message reached an inbox it was not sent to (under ${show(key)})`,
            `no ${show(text)}`,
            summary(inbox),
          ),
        ];
      }
    }
    checks.push(pass(`no ${show(text)}`));
  }
  return checks;
}

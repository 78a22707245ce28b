/**
 * `npm run bench -- reply-encoding`: the cost of writing every reply as json.dumps does
 * (ASCII only, `", "` and `": "`) against plain JSON.stringify, side by side on the same
 * replies: the reference server's everyday ones (a login, "Message Sent", an inbox with
 * non-ASCII text) and a 5 MiB download. The figure is the time per reply over
 * JSON.stringify's. Aim: within 3x on small replies and 2x on the download, so the encoder
 * never becomes what limits the server.
 */
import { randomBytes } from 'node:crypto';
import { pythonJsonDumps } from '../../specs/index.js';
import type { BenchResult, BenchSection } from '../section.js';

const SMALL_REPLIES: readonly object[] = [
  { status: 'OK', tokenid: '0b7c3f2e-1234-4abc-9def-0123456789ab' },
  { status: 'OK', message: 'Message Sent' },
  { status: 'ERROR', message: 'Session Tidak Ditemukan' },
  {
    status: 'OK',
    messages: {
      henderson: [
        { msg_from: 'Jordan Henderson', msg_to: 'Lionel Messi', msg: 'kopi \u2615 caf\u00e9' },
        { msg_from: 'Jordan Henderson', msg_to: 'Lionel Messi', msg: 'sampai jumpa besok' },
      ],
      group1: [{ msg_from: 'Gary Lineker', msg_to: 'group1', msg: 'x'.repeat(120) }],
    },
  },
];
const DOWNLOAD = {
  status: 'OK',
  messages: 'Downloaded big.bin',
  filename: 'big.bin',
  data: randomBytes(5 * 1024 * 1024).toString('base64'),
};
const SMALL_ROUNDS = 200_000;
const LARGE_ROUNDS = 20;
const TRIALS = 5;
const AIM_SMALL_RATIO = 3;
const AIM_LARGE_RATIO = 2;

/** Nanoseconds per reply, the best of TRIALS (the least disturbed by the machine). */
function nsPerReply(encode: (v: unknown) => string, replies: readonly object[], rounds: number) {
  let best = Infinity;
  let sink = 0;
  for (let trial = 0; trial < TRIALS; trial++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) sink += encode(replies[i % replies.length]).length;
    best = Math.min(best, Number(process.hrtime.bigint() - started) / rounds);
  }
  if (sink === 0) throw new Error('nothing encoded');
  return best;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export const replyEncodingSection: BenchSection = {
  name: 'reply-encoding',
  description: "json.dumps-style replies (ASCII only, ', ' and ': ') against JSON.stringify",
  async run(): Promise<BenchResult> {
    const stringify = (v: unknown) => JSON.stringify(v);
    const small = {
      plain: nsPerReply(stringify, SMALL_REPLIES, SMALL_ROUNDS),
      python: nsPerReply(pythonJsonDumps, SMALL_REPLIES, SMALL_ROUNDS),
    };
    const large = {
      plain: nsPerReply(stringify, [DOWNLOAD], LARGE_ROUNDS),
      python: nsPerReply(pythonJsonDumps, [DOWNLOAD], LARGE_ROUNDS),
    };
    const smallRatio = small.python / small.plain;
    const largeRatio = large.python / large.plain;
    return Promise.resolve({
      section: 'reply-encoding',
      figures: [
        { name: 'small reply, JSON.stringify', value: Math.round(small.plain), unit: 'ns' },
        { name: 'small reply, json.dumps style', value: Math.round(small.python), unit: 'ns' },
        { name: 'small reply ratio', value: round2(smallRatio), unit: 'x' },
        { name: '5 MiB download, JSON.stringify', value: round2(large.plain / 1e6), unit: 'ms' },
        {
          name: '5 MiB download, json.dumps style',
          value: round2(large.python / 1e6),
          unit: 'ms',
        },
        { name: '5 MiB download ratio', value: round2(largeRatio), unit: 'x' },
      ],
      summary: [
        `small replies: ${round2(smallRatio)}x JSON.stringify's time (aim ≤ ${AIM_SMALL_RATIO}x)`,
        `5 MiB download: ${round2(largeRatio)}x JSON.stringify's time (aim ≤ ${AIM_LARGE_RATIO}x)`,
      ],
      metAim: smallRatio <= AIM_SMALL_RATIO && largeRatio <= AIM_LARGE_RATIO,
    });
  },
};

/**
 * DOWNLOAD_FILE replies: the data decodes to exactly the bytes sent (DOWNLOAD-1, -6); the
 * "messages" text is a SHOULD. Base64 is decoded as the course client decodes it
 * (specs/codec/base64.ts): a lost padding is caught, a blank the client skips is not a fault.
 */
import { REPLY_TEXTS, decodeBase64, type Dialect, type JsonObject } from '../../../specs/index.js';
import {
  miss,
  pass,
  unreadable,
  textMiss,
  type Check,
  type Grading,
  type ReplyShape,
} from './check.js';
import { show } from './show.js';
import type { Payload } from '../../payload.js';

const DOWNLOAD_SHAPE: ReplyShape = {
  problem: 'the download reply has the wrong shape',
  expected: '"filename" and "data"',
};

function firstDifference(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

export function verifyDownload(
  dialect: Dialect,
  reply: JsonObject,
  filename: string,
  sent: Payload,
  grading: Grading,
): Check[] {
  const { bytes } = sent;
  const read = dialect.readDownload(reply);
  if (!read.ok) return unreadable(grading, DOWNLOAD_SHAPE, read.reason, reply);
  const { value } = read;
  if (value.filename !== filename) {
    return [miss(grading, 'the download names another file', show(filename), show(value.filename))];
  }
  // The canonical encoding of the bytes sent decodes to exactly them (decodeBase64's own
  // first case): found by comparing the texts, without decoding a mebibyte.
  const got = value.data === sent.base64 ? bytes : decodeBase64(value.data);
  if (got === undefined) {
    return [
      miss(
        grading,
        'the data is not valid base64',
        `base64 of ${bytes.length} bytes`,
        show(value.data),
      ),
    ];
  }
  if (!got.equals(bytes)) {
    const at = firstDifference(got, bytes);
    return [
      miss(
        grading,
        `the data differs from the bytes sent, first at byte ${at}`,
        `${bytes.length} bytes`,
        `${got.length} bytes${at < got.length ? `, byte ${at} is ${got[at]} where ${bytes[at] ?? 'nothing'} was sent` : ''}`,
      ),
    ];
  }
  const checks: Check[] = [pass(`${bytes.length} bytes, byte-exact`)];
  const wanted = REPLY_TEXTS.downloaded(filename);
  checks.push(
    value.text !== undefined && value.text.trim() === wanted
      ? pass('the documented download text')
      : textMiss(
          grading,
          'the file is right, but not the documented "messages" text',
          show(wanted),
          show(value.text),
        ),
  );
  return checks;
}

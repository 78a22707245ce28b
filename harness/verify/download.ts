/**
 * DOWNLOAD_FILE replies: the data decodes to exactly the bytes sent (DOWNLOAD-1, -6); the
 * "messages" text is a SHOULD. Base64 is decoded strictly, so a server that mangles it
 * (line breaks, a lost padding) is caught rather than forgiven by a lenient decoder.
 */
import { REPLY_TEXTS, type Dialect, type JsonObject } from '../../specs/index.js';
import { miss, pass, textMiss, type Check, type Grading } from './check.js';
import { show } from './show.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function firstDifference(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

export function verifyDownload(
  dialect: Dialect,
  reply: JsonObject,
  filename: string,
  bytes: Buffer,
  grading: Grading,
): Check[] {
  const read = dialect.readDownload(reply);
  if (!read.ok) {
    return [
      miss(
        grading,
        `the download reply has the wrong shape: ${read.reason}`,
        '"filename" and "data"',
        show(reply),
      ),
    ];
  }
  const { value } = read;
  if (value.filename !== filename) {
    return [miss(grading, 'the download names another file', show(filename), show(value.filename))];
  }
  if (!BASE64.test(value.data)) {
    return [
      miss(
        grading,
        'the data is not valid base64',
        `base64 of ${bytes.length} bytes`,
        show(value.data),
      ),
    ];
  }
  const got = Buffer.from(value.data, 'base64');
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

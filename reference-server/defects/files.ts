/** Defects in storing and returning files. */
import { ERROR_TEXTS, REPLY_TEXTS } from '../../specs/index.js';
import { defectFamily, type Defect, type WireReply } from './defect.js';
import { afterOk, isCommand, removeFile } from './state-edits.js';

/** Rewrites an OK download reply's data; other replies pass unchanged. */
function mapDownloadData(
  reply: WireReply,
  command: string | undefined,
  edit: (data: string) => string,
): WireReply {
  if (command !== 'DOWNLOAD_FILE' || reply.status !== 'OK' || typeof reply.data !== 'string')
    return reply;
  return { ...reply, data: edit(reply.data) };
}

export const FILE_DEFECTS: readonly Defect[] = defectFamily('files', [
  {
    name: 'file-padding-lost',
    description: 'strips the trailing "=" padding from downloaded base64 data',
    breaks: ['DOWNLOAD-1', 'DOWNLOAD-6'],
    hooks: () => ({
      reply: (reply, parsed) =>
        mapDownloadData(reply, parsed.ok ? parsed.request.command : undefined, (data) =>
          data.replace(/=+$/, ''),
        ),
    }),
  },
  {
    name: 'file-decoded-as-text',
    description: 'decodes file data to UTF-8 text and back, corrupting binary content',
    // Text files survive; the binary round trip (a MUST) breaks.
    breaks: ['DOWNLOAD-6'],
    hooks: () => ({
      reply: (reply, parsed) =>
        mapDownloadData(reply, parsed.ok ? parsed.request.command : undefined, (data) =>
          Buffer.from(Buffer.from(data, 'base64').toString('utf8'), 'utf8').toString('base64'),
        ),
    }),
  },
  {
    name: 'download-any-owner',
    description: "lets a user download a file from another user's repository",
    breaks: ['DOWNLOAD-4'],
    hooks: () => ({
      apply(request, next, { state }) {
        const reply = next(request);
        if (
          !isCommand(request, 'DOWNLOAD_FILE') ||
          reply.status !== 'ERROR' ||
          reply.message !== ERROR_TEXTS.FILE_NOT_FOUND
        ) {
          return reply;
        }
        for (const repo of state.repositories.values()) {
          const data = repo.get(request.peer)?.get(request.filename);
          if (data !== undefined) {
            return {
              status: 'OK',
              messages: REPLY_TEXTS.downloaded(request.filename),
              filename: request.filename,
              data,
            };
          }
        }
        return reply;
      },
    }),
  },
  {
    name: 'sender-keeps-no-copy',
    description: "does not keep the sender's copy of a personal file",
    breaks: ['SENDFILE-4'],
    hooks: () => ({
      apply: afterOk('SEND_FILE', (request, state, sender) => {
        if (sender !== undefined && sender !== request.to) {
          removeFile(state, sender, request.to, request.filename);
        }
      }),
    }),
  },
]);

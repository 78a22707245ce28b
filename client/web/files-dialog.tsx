/**
 * "File Anda" (seed pages C.5 and C.7): the files of the user's chats, each with a download
 * button. my_file lists a file under the peer's name whichever way it went, so the direction
 * is not on the wire: a file this page sent reads "you → peer", any other "with peer".
 */
import type { FileEntry } from '../bridge/protocol.js';
import { bytes } from './format.js';

interface Props {
  files: readonly FileEntry[] | undefined;
  error: string | undefined;
  downloadError: { key: string; text: string } | undefined;
  downloaded: { key: string; bytes: number } | undefined;
  nameOf(peer: string): string;
  /** fileKey of every file this session sent (rememberSent). */
  sent: readonly string[];
  onDownload(entry: FileEntry): void;
  onRefresh(): void;
  onClose(): void;
}

export function fileKey(entry: Pick<FileEntry, 'peer' | 'filename'>): string {
  return `${entry.peer}/${entry.filename}`;
}

/** Sends remembered for the labels; the oldest are forgotten past this many. */
const MAX_REMEMBERED_SENDS = 1000;

export function rememberSent(sent: readonly string[], key: string): string[] {
  return [...sent.filter((k) => k !== key), key].slice(-MAX_REMEMBERED_SENDS);
}

export function FilesDialog({
  files,
  error,
  downloadError,
  downloaded,
  nameOf,
  sent,
  onDownload,
  onRefresh,
  onClose,
}: Props) {
  return (
    <div class="overlay" onClick={onClose}>
      <section
        class="dialog card"
        role="dialog"
        aria-label="File Anda"
        data-testid="files-dialog"
        onClick={(e) => e.stopPropagation()}
      >
        <header class="dialog-header">
          <h2>File Anda</h2>
          <span>
            <button type="button" class="secondary" onClick={onRefresh}>
              Refresh
            </button>{' '}
            <button type="button" class="secondary" onClick={onClose} aria-label="Close">
              ✕
            </button>
          </span>
        </header>
        {error !== undefined && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {files === undefined && error === undefined && <p class="muted">Loading…</p>}
        {files !== undefined && files.length === 0 && <p class="muted">No files yet.</p>}
        {files !== undefined && files.length > 0 && (
          <table class="files">
            <thead>
              <tr>
                <th>Chat</th>
                <th>File</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {files.map((entry) => (
                <tr key={fileKey(entry)} data-testid="file-row">
                  <td data-testid="file-direction">
                    {sent.includes(fileKey(entry))
                      ? `you → ${nameOf(entry.peer)}`
                      : `with ${nameOf(entry.peer)}`}
                  </td>
                  <td>
                    <code>{entry.filename}</code>
                    {downloaded?.key === fileKey(entry) && (
                      <p class="muted" data-testid="downloaded">
                        Downloaded ({bytes(downloaded.bytes)})
                      </p>
                    )}
                    {downloadError?.key === fileKey(entry) && (
                      <p class="error" role="alert">
                        {downloadError.text}
                      </p>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      data-testid={`download-${entry.peer}-${entry.filename}`}
                      onClick={() => onDownload(entry)}
                    >
                      Download
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

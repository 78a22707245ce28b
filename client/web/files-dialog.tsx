/** "File Anda" (seed pages C.5 and C.7): the files received, each with a download button. */
import type { FileEntry } from '../bridge/protocol.js';
import { bytes } from './format.js';

interface Props {
  files: readonly FileEntry[] | undefined;
  error: string | undefined;
  downloadError: { key: string; text: string } | undefined;
  downloaded: { key: string; bytes: number } | undefined;
  nameOf(peer: string): string;
  onDownload(entry: FileEntry): void;
  onRefresh(): void;
  onClose(): void;
}

export function fileKey(entry: FileEntry): string {
  return `${entry.peer}/${entry.filename}`;
}

export function FilesDialog({
  files,
  error,
  downloadError,
  downloaded,
  nameOf,
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
                <th>From</th>
                <th>File</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {files.map((entry) => (
                <tr key={fileKey(entry)} data-testid="file-row">
                  <td>{nameOf(entry.peer)}</td>
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

/**
 * The scratch copy a server runs in: its folder copied into a fresh temporary folder, so the
 * submission itself is never written to, removed at the end. A folder above the size limit is
 * refused before anything is copied.
 */
import { chmodSync, cpSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LaunchError } from './errors.js';

/** Entries beyond which a folder is not a server's submission. */
const MAX_FOLDER_ENTRIES = 20_000;

export interface Scratch {
  /** The copy, where the server runs. */
  readonly folder: string;
  remove(): void;
}

export function makeScratch(source: string, maxFolderBytes: number): Scratch {
  measure(source, maxFolderBytes);
  const root = mkdtempSync(join(tmpdir(), 'chatspec-launch-'));
  // The server may run as a user of its own: it must reach its copy, and nothing else here.
  chmodSync(root, 0o711);
  const folder = join(root, 'server');
  try {
    cpSync(source, folder, { recursive: true, verbatimSymlinks: true });
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw new LaunchError(`cannot copy ${source}: ${(error as Error).message}`, { cause: error });
  }
  return {
    folder,
    remove: () => rmSync(root, { recursive: true, force: true, maxRetries: 3 }),
  };
}

function measure(source: string, maxFolderBytes: number): void {
  let bytes = 0;
  let entries = 0;
  const pending = [source];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      entries++;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) bytes += lstatSync(path).size;
      if (bytes > maxFolderBytes || entries > MAX_FOLDER_ENTRIES) {
        throw new LaunchError(
          `${source} holds more than ${entries > MAX_FOLDER_ENTRIES ? `${MAX_FOLDER_ENTRIES} files` : `${maxFolderBytes} bytes`}; point cwd at the server's own folder`,
        );
      }
    }
  }
}

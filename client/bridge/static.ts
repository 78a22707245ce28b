/**
 * The built page, read once at start: a fixed set of files served by name, so no request
 * path can reach anything else on disk.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../../specs/package-root.js';

export interface WebAsset {
  readonly type: string;
  readonly body: Buffer;
}

export type WebAssets = ReadonlyMap<string, WebAsset>;

const FILES: ReadonlyArray<readonly [string, string]> = [
  ['index.html', 'text/html; charset=utf-8'],
  ['app.js', 'text/javascript; charset=utf-8'],
  ['app.css', 'text/css; charset=utf-8'],
];

/** Where `npm run build` puts the page. */
export function defaultWebRoot(): string {
  return join(packageRoot(), 'dist', 'client', 'web');
}

export class WebAssetsMissingError extends Error {
  override readonly name = 'WebAssetsMissingError';
}

export async function loadWebAssets(root: string): Promise<WebAssets> {
  const assets = new Map<string, WebAsset>();
  for (const [name, type] of FILES) {
    try {
      assets.set(`/${name}`, { type, body: await readFile(join(root, name)) });
    } catch (error) {
      throw new WebAssetsMissingError(
        `the chat page is not built (${join(root, name)}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}); run npm run build`,
        { cause: error },
      );
    }
  }
  return assets;
}

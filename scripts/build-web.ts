/**
 * Bundles the chat page (client/web/) into dist/client/web/: one app.js, one app.css and
 * index.html, with Preact inside. Nothing is fetched when the page runs.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { packageRoot } from '../specs/package-root.js';

const root = packageRoot();
const source = join(root, 'client', 'web');
const out = join(root, 'dist', 'client', 'web');

await mkdir(out, { recursive: true });
await build({
  entryPoints: { app: join(source, 'main.tsx') },
  outdir: out,
  bundle: true,
  format: 'esm',
  target: ['chrome111', 'firefox115', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  tsconfig: join(source, 'tsconfig.json'),
});
await copyFile(join(source, 'index.html'), join(out, 'index.html'));

/**
 * The shell every HTML report shares: one self-contained file, its styles and script inline,
 * nothing fetched when it opens (a Content-Security-Policy says so to the browser too).
 */
import { escapeMarkup } from './escape.js';
import { PAGE_SCRIPT } from './script.js';
import { PAGE_STYLE } from './style.js';

export interface PageParts {
  /** Already escaped by the caller? No: plain text, escaped here. */
  readonly title: string;
  /** The page's body, already HTML. */
  readonly body: string;
}

// No network at all: images only as data: URIs, styles and scripts only inline.
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

export function renderPage({ title, body }: PageParts): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeMarkup(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
${body}
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/** The class matrix: built once from each server's result, drawn in four formats. */
export {
  MATRIX_FORMAT,
  buildMatrix,
  type Matrix,
  type MatrixCell,
  type MatrixInput,
  type MatrixRow,
  type MatrixServer,
} from './build.js';
export { renderMatrixHtml } from './html.js';
export { csvField, renderMatrixCsv, renderMatrixJson, renderMatrixMarkdown } from './text.js';

/** Files a class run or `chatspec compare` writes into its output folder. */
export const MATRIX_FILES = {
  html: 'index.html',
  markdown: 'matrix.md',
  csv: 'matrix.csv',
  json: 'matrix.json',
} as const;

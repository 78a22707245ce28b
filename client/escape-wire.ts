/** Wire text with its control characters shown as escapes; specs/text.ts is its one home. */
export { escapeControls as escapeWire } from '../specs/text.js';

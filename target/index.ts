/** target/: the server a run judges, whatever its kind, and the dialer that reaches it. */
export type { Target, TargetKind } from './target.js';
export { addressTarget } from './address.js';
export {
  embeddedTarget,
  describeEmbedded,
  type EmbeddedOptions,
  type EmbeddedTarget,
} from './embedded.js';
export { openTarget } from './open.js';

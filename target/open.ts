/**
 * The target a command runs against: the server at the address given, or, with none, the
 * embedded reference server started with the command's options.
 */
import type { HostPort } from '../net/index.js';
import { addressTarget } from './address.js';
import { embeddedTarget, type EmbeddedOptions } from './embedded.js';
import type { Target } from './target.js';

export function openTarget(
  address: HostPort | undefined,
  embedded: EmbeddedOptions = {},
): Promise<Target> {
  return address === undefined ? embeddedTarget(embedded) : Promise.resolve(addressTarget(address));
}

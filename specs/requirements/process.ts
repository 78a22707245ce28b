/** The server's process, when chatspec launched it: the PROCESS-n requirements. */
import { r, type Requirement } from './requirement.js';

export const PROCESS_REQUIREMENTS: readonly Requirement[] = [
  r(
    'PROCESS-1',
    'SHOULD',
    'With no client connected, the server uses no CPU: its whole process tree stays below 0.1 CPU-second over a 2-second quiet window.',
    'a handler spinning on recv() after its client left; 5% of a core, which a quiet server never reaches on a loaded machine while a spinning one does (PROTOCOL.md §11.2)',
    'process',
  ),
];

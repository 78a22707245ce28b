/** The agent's own process (see agent.ts), started by launch/launcher.ts. */
import { runAgent } from './agent.js';

runAgent();

/**
 * `npm run bench -- load-knee`: the knee of the reference server, and of the reference server
 * with its capacity capped on purpose (`slow-replies=5`: every reply waits 5 ms, so 10
 * connections at one request each cannot pass 10 × 1000 / 5 = 2,000 requests/s), found by
 * `chatspec load --find-knee` side by side, rounds alternating. The capped knee checks the
 * search (it must land under the cap); the plain one is the server's own, on this machine.
 */
import type { BenchResult, BenchSection } from '../section.js';
import { median, round } from '../figures.js';
import { CLI_PATH, portOf, runToEnd, scriptPath, startNode } from './load-support/processes.js';
import type { RampResult } from '../../results/index.js';

const CONNECTIONS = 10;
const DELAY_MS = 5;
const CAP_PER_SEC = (CONNECTIONS * 1000) / DELAY_MS;
// Generous: the machine may be shared, and a busy scheduler alone costs tens of ms.
const SLO = 'p99=100';
const ROUNDS = 2;

async function findKnee(port: number): Promise<RampResult> {
  const child = startNode(CLI_PATH, [
    'load',
    `127.0.0.1:${port}`,
    '--find-knee',
    '--slo',
    SLO,
    '--ramp',
    '200:1000000',
    '-c',
    String(CONNECTIONS),
    '-d',
    '1',
    '-w',
    'chat',
    '--seed',
    '1',
    '--json',
    '--no-progress',
  ]);
  return JSON.parse(await runToEnd(child, 5 * 60_000)) as RampResult;
}

export const loadKneeSection: BenchSection = {
  name: 'load-knee',
  description: `knee (--find-knee --slo ${SLO}, ${CONNECTIONS} connections) of the reference server and of it with slow-replies=${DELAY_MS}`,
  async run(): Promise<BenchResult> {
    const plain = startNode(scriptPath('reference-server'), []);
    const capped = startNode(scriptPath('reference-server'), [`slow-replies=${DELAY_MS}`]);
    try {
      const plainPort = await portOf(plain);
      const cappedPort = await portOf(capped);
      const plainKnees: number[] = [];
      const cappedKnees: number[] = [];
      const steps: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        for (const [port, into] of [
          [plainPort, plainKnees],
          [cappedPort, cappedKnees],
        ] as const) {
          const result = await findKnee(port);
          into.push(result.knee.ratePerSec ?? 0);
          steps.push(result.steps.length);
        }
      }
      const plainKnee = median(plainKnees);
      const cappedKnee = median(cappedKnees);
      return {
        section: 'load-knee',
        figures: [
          { name: 'reference server knee (median)', value: Math.round(plainKnee), unit: 'req/s' },
          {
            name: `slow-replies=${DELAY_MS} knee (median)`,
            value: Math.round(cappedKnee),
            unit: 'req/s',
          },
          { name: 'capped knee / cap', value: round(cappedKnee / CAP_PER_SEC), unit: 'x' },
        ],
        summary: [
          `chatspec load --find-knee --slo ${SLO} --ramp 200:1000000 -c ${CONNECTIONS} -d 1 -w chat; ${ROUNDS} alternating rounds, each server in its own process`,
          `reference server knees:  ${plainKnees.join(', ')} req/s`,
          `slow-replies=${DELAY_MS} knees: ${cappedKnees.join(', ')} req/s (cap ${CAP_PER_SEC} req/s)`,
          `steps per search: ${steps.join(', ')}`,
          'aim: both knees found, the capped one under its cap',
        ],
        metAim:
          plainKnees.every((k) => k > 0) && cappedKnees.every((k) => k > 0 && k <= CAP_PER_SEC),
      };
    } finally {
      await Promise.all([plain.stop(), capped.stop()]);
    }
  },
};

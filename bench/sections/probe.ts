/**
 * `npm run bench -- probe`: what `chatspec probe` finds against the reference server
 * speaking each built-in dialect, the requests and time it needs, and the same against a
 * server that hangs on every other request (each hung connection costs one per-request
 * timeout, then is abandoned). The baseline, measured side by side, is the probe of the
 * canonical server: each dialect's cost is given as a ratio to it. Aim: every dialect found
 * setting by setting, each in under 100 requests; the hanging server's probe within budget.
 */
import { tcpDialer } from '../../net/index.js';
import { connect, createServer, type Socket } from 'node:net';
import { startServer } from '../../reference-server/index.js';
import { probeDialect, probeMisses } from '../../harness/index.js';
import { BUILTIN_DIALECT_NAMES, SEED_FIXTURE, builtinSpec } from '../../specs/index.js';
import type { BenchFigure, BenchResult, BenchSection } from '../section.js';

const HANG_TIMEOUT_MS = 200;
const HANG_BUDGET_MS = 10_000;

async function probeOne(name: string): Promise<{ requests: number; ms: number; misses: string[] }> {
  const spec = builtinSpec(name);
  // A server whose groups are made before use has none in advance: users only, as in the wild.
  const fixture =
    spec.groups?.create === undefined ? SEED_FIXTURE : { users: SEED_FIXTURE.users, groups: [] };
  const server = await startServer({ host: '127.0.0.1', port: 0, dialect: name, fixture });
  try {
    const started = performance.now();
    const found = await probeDialect({ dialer: tcpDialer('127.0.0.1', server.port), fixture });
    return {
      requests: found.requests,
      ms: performance.now() - started,
      misses: probeMisses(found.spec, builtinSpec(name)),
    };
  } finally {
    await server.close();
  }
}

/** A proxy before `port` that stops answering a connection at every other request line. */
export async function hangingProxy(
  port: number,
): Promise<{ port: number; close(): Promise<void> }> {
  let lines = 0;
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port });
    sockets.add(client).add(upstream);
    let hung = false;
    let buffered = '';
    client.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      for (let at = buffered.indexOf('\n'); at >= 0; at = buffered.indexOf('\n')) {
        const line = buffered.slice(0, at + 1);
        buffered = buffered.slice(at + 1);
        if (hung || ++lines % 2 === 0) hung = true;
        else upstream.write(line);
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    for (const s of [client, upstream]) {
      s.on('error', () => undefined);
      s.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        proxy.close(() => resolve());
      }),
  };
}

export const probeSection: BenchSection = {
  name: 'probe',
  description: 'chatspec probe against every built-in dialect, and against a server that hangs',
  async run(): Promise<BenchResult> {
    const figures: BenchFigure[] = [];
    const summary: string[] = [];
    let metAim = true;
    const base = await probeOne('canonical');
    for (const name of BUILTIN_DIALECT_NAMES) {
      const r = name === 'canonical' ? base : await probeOne(name);
      const found = r.misses.length === 0;
      metAim &&= found && r.requests < 100;
      summary.push(
        `${name.padEnd(20)} ${found ? 'found' : `NOT found (${r.misses.join('; ')})`}, ${r.requests} requests, ${r.ms.toFixed(0)} ms (${(r.requests / base.requests).toFixed(2)}x the canonical requests)`,
      );
      figures.push({ name: `${name} requests`, value: r.requests, unit: 'requests' });
      figures.push({ name: `${name} time`, value: Math.round(r.ms), unit: 'ms' });
    }
    const server = await startServer({ host: '127.0.0.1', port: 0, dialect: 'login' });
    const proxy = await hangingProxy(server.port);
    try {
      const started = performance.now();
      const hung = await probeDialect({
        dialer: tcpDialer('127.0.0.1', proxy.port),
        timeoutMs: HANG_TIMEOUT_MS,
        budgetMs: HANG_BUDGET_MS,
      });
      const ms = performance.now() - started;
      metAim &&= ms < HANG_BUDGET_MS + HANG_TIMEOUT_MS;
      summary.push(
        `hangs on every other request: ${hung.requests} requests, ${hung.abandoned} connections abandoned, ${ms.toFixed(0)} ms (budget ${HANG_BUDGET_MS} ms, ${HANG_TIMEOUT_MS} ms per request)${hung.stopped ? `; stopped: ${hung.stopped}` : ''}`,
      );
      figures.push({ name: 'hanging server requests', value: hung.requests, unit: 'requests' });
      figures.push({ name: 'hanging server time', value: Math.round(ms), unit: 'ms' });
    } finally {
      await proxy.close();
      await server.close();
    }
    return { section: 'probe', figures, summary, metAim };
  },
};

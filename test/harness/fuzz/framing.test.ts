/**
 * Framing fuzzing over real TCP on loopback: 200 random byte streams leave the reference
 * server answering; a server that dies on two particular bytes is reported with exactly
 * those bytes (shrinking needs the server back, which a restart hook gives), or, when it
 * stays dead, with the stream that killed it and a note that shrinking stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FramingFailureDetail, FuzzResult } from '../../../results/fuzz.js';
import { startServer, type RunningServer } from '../../../reference-server/index.js';
import { startDouble, type RunningDouble } from './support/double-server.js';
import { dieOn } from './support/defects.js';
import { fuzz } from './support/fuzz.js';

const KILLER = Buffer.from('\r\0');

function framingDetail(result: FuzzResult): FramingFailureDetail {
  const detail = result.failure?.detail;
  if (detail?.kind !== 'framing')
    throw new Error(`no framing failure: ${JSON.stringify(result.failure)}`);
  return detail;
}

describe('against the reference server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0 });
  });
  afterAll(() => server.close());

  it('passes 200 streams (the CI budget: --max-commands 8 chunks)', async () => {
    const result = await fuzz(server.port, { mode: 'framing', runs: 200, seed: 20_260_103 });
    expect(result.failure).toBeUndefined();
    expect(result.stats.runs).toBe(200);
    // Every reply to every line, and a probe after each stream.
    expect(result.notes).toEqual([]);
  });
});

describe('against a server that dies on a byte sequence', () => {
  const doubles: RunningDouble[] = [];
  afterAll(async () => {
    await Promise.all(doubles.map((d) => d.close()));
  });

  it('reports exactly the bytes that kill it, shrunk, when it can be restarted', async () => {
    const double = await startDouble(dieOn(KILLER));
    doubles.push(double);
    const result = await fuzz(double.port, {
      mode: 'framing',
      runs: 200,
      seed: 3,
      timeoutMs: 500,
      restart: () => double.restart(),
    });
    expect(result.passed).toBe(false);
    expect(result.failure!.requirement).toBe('FRAME-11');
    const detail = framingDetail(result);
    expect(detail.totalBytes).toBe(KILLER.length);
    expect(detail.hex).toBe('0d 00');
    expect(result.failure!.shrinkNote).toBeUndefined();
    expect(double.crashes).toBeGreaterThan(1);
  });

  it('reports the whole killing stream, unshrunk, when it stays dead', async () => {
    const double = await startDouble(dieOn(KILLER));
    doubles.push(double);
    const result = await fuzz(double.port, { mode: 'framing', runs: 200, seed: 3, timeoutMs: 500 });
    expect(result.passed).toBe(false);
    const detail = framingDetail(result);
    expect(result.failure!.shrinks).toBe(0);
    expect(result.failure!.shrinkNote).toMatch(/stopped answering/);
    const stream = Buffer.from(detail.base64 ?? '', 'base64');
    expect(stream.length).toBe(detail.totalBytes);
    expect(stream.includes(KILLER)).toBe(true);
    expect(double.crashes).toBe(1);
  });

  it('replays the shrunk stream from its seed and path', async () => {
    const double = await startDouble(dieOn(KILLER));
    doubles.push(double);
    const restart = (): Promise<void> => double.restart();
    const found = await fuzz(double.port, {
      mode: 'framing',
      runs: 200,
      seed: 5,
      timeoutMs: 500,
      restart,
    });
    const failure = found.failure!;
    const replayed = await fuzz(double.port, {
      mode: 'framing',
      seed: failure.seed,
      path: failure.path,
      timeoutMs: 500,
      restart,
    });
    expect(replayed.passed).toBe(false);
    expect(framingDetail(replayed).hex).toBe(framingDetail(found).hex);
  });
});

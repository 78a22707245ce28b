/**
 * --local-address: the list and range syntax with its one-line errors, the family check
 * against the target, and over real loopback that the run's connections come from the given
 * addresses, round robin, in this thread and in worker threads alike (every 127.x address is
 * this machine's on Linux loopback).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  LoadRun,
  LoadSetupError,
  LocalAddressError,
  MAX_LOCAL_ADDRESSES,
  parseLocalAddresses,
  presetWorkload,
  resolveLoadOptions,
  type LoadOptionsInput,
} from '../../load/index.js';
import { tcpDialer } from '../../net/index.js';
import { serveModel, type ModelDouble } from '../support/model-server.js';

let server: ModelDouble | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A model server that notes where each connection came from. */
async function serveNotingPeers(): Promise<{ server: ModelDouble; peers: string[] }> {
  const peers: string[] = [];
  const double = await serveModel({
    connection: (socket) => {
      peers.push(socket.remoteAddress ?? '?');
    },
  });
  return { server: double, peers };
}

function options(port: number, more: Partial<LoadOptionsInput> = {}) {
  return resolveLoadOptions({
    host: '127.0.0.1',
    port,
    connections: 6,
    durationMs: 400,
    timeoutMs: 2000,
    seed: 3,
    workload: presetWorkload('chat')!,
    ...more,
  });
}

describe('parseLocalAddresses', () => {
  it('reads a list and an IPv4 range, in order, each address once', () => {
    expect(parseLocalAddresses('127.0.0.2, 127.0.0.3')).toEqual(['127.0.0.2', '127.0.0.3']);
    expect(parseLocalAddresses('127.0.0.254-127.0.1.1,127.0.0.2,127.0.0.255')).toEqual([
      '127.0.0.254',
      '127.0.0.255',
      '127.0.1.0',
      '127.0.1.1',
      '127.0.0.2',
    ]);
    expect(parseLocalAddresses('::1')).toEqual(['::1']);
  });

  it('refuses what is not an address, a backwards or oversized range, and mixed families', () => {
    expect(() => parseLocalAddresses('localhost')).toThrow(
      new LocalAddressError('local address "localhost" is not an IP address'),
    );
    expect(() => parseLocalAddresses('127.0.0.2,')).toThrow(/empty item/);
    expect(() => parseLocalAddresses('127.0.0.9-127.0.0.2')).toThrow(/ends before it starts/);
    expect(() => parseLocalAddresses('127.0.0.1-::1')).toThrow(/from one IPv4 address to another/);
    expect(() => parseLocalAddresses('127.0.0.0-127.0.255.255')).toThrow(
      `holds 65536 addresses; at most ${MAX_LOCAL_ADDRESSES}`,
    );
    expect(() => parseLocalAddresses('127.0.0.2,::1')).toThrow(
      'local addresses mix IPv4 (127.0.0.2) and IPv6 (::1)',
    );
  });

  it('refuses local addresses of another family than the target', () => {
    expect(() =>
      resolveLoadOptions({ host: '::1', port: 9, localAddresses: ['127.0.0.2'] }),
    ).toThrow('local address 127.0.0.2 is IPv4, but the target ::1 is IPv6');
  });
});

describe('connections from the given local addresses', () => {
  it('spreads the connections over the addresses round robin, in this thread', async () => {
    const noting = await serveNotingPeers();
    server = noting.server;
    const local = ['127.0.0.2', '127.0.0.3', '127.0.0.4'];
    const run = new LoadRun(options(server.port, { localAddresses: local }));
    const { report } = await run.run();
    expect(report.connects.ok).toBeGreaterThanOrEqual(6);
    // The probe's plain connection comes first, then one from each address, then the run's.
    const fromRun = noting.peers.slice(1 + local.length);
    expect(noting.peers.slice(0, 1 + local.length)).toEqual(['127.0.0.1', ...local]);
    expect(fromRun.length).toBeGreaterThanOrEqual(6);
    for (const address of local) {
      expect(fromRun.filter((peer) => peer === address)).toHaveLength(fromRun.length / 3);
    }
  });

  it('does the same in worker threads', async () => {
    const noting = await serveNotingPeers();
    server = noting.server;
    const local = ['127.0.0.5', '127.0.0.6'];
    const run = new LoadRun(options(server.port, { localAddresses: local, workers: 2 }));
    const { report } = await run.run();
    expect(report.connects.ok).toBeGreaterThanOrEqual(6);
    const fromRun = noting.peers.slice(1 + local.length);
    expect(new Set(fromRun)).toEqual(new Set(local));
    expect(fromRun.filter((peer) => peer === '127.0.0.5')).toHaveLength(fromRun.length / 2);
  });

  it('stops at set-up with one line when an address is not this machine’s', async () => {
    const noting = await serveNotingPeers();
    server = noting.server;
    // TEST-NET-1 (RFC 5737): never an address of this machine; bind() fails before any packet.
    const run = new LoadRun(options(server.port, { localAddresses: ['192.0.2.1'] }));
    const error = await run.run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadSetupError);
    expect((error as Error).message).toBe(
      `cannot connect to 127.0.0.1:${server.port} from local address 192.0.2.1: EADDRNOTAVAIL (not an address of this machine, or out of ports)`,
    );
  });

  it('refuses a target reached only through a dialer of its own', async () => {
    const noting = await serveNotingPeers();
    server = noting.server;
    const inner = tcpDialer('127.0.0.1', server.port);
    const handedOver = { address: 'handed-over', dial: inner.dial };
    const run = new LoadRun(
      options(server.port, { localAddresses: ['127.0.0.2'] }),
      undefined,
      handedOver,
    );
    await expect(run.run()).rejects.toThrow(
      '--local-address needs a target reached over plain TCP; handed-over is reached through its launcher',
    );
  });
});

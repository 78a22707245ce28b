/**
 * `npm run bench -- server`: is the reference server's file path linear? A 5 MiB file goes
 * through send_file and download_file, and so does a 0.5 MiB one, side by side on one
 * loopback connection; the figure is the per-byte cost of the large one over the small
 * one's. Linear code gives ≈ 1; quadratic string or buffer building would give ≈ 10.
 */
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { ReplyDecoder, parseReplyJson } from '../../specs/index.js';
import { startServer } from '../../reference-server/index.js';
import { round } from '../figures.js';
import type { BenchResult, BenchSection } from '../section.js';

const SMALL_BYTES = 512 * 1024;
const LARGE_BYTES = 5 * 1024 * 1024;
const ROUNDS = 5;
/** Per-byte cost of the large file over the small one's that still counts as linear. */
const AIM_MAX_RATIO = 2;

/** A minimal client: one request, one reply, in order. */
class Client {
  readonly #socket: Socket;
  readonly #decoder = new ReplyDecoder(64 * 1024 * 1024);
  readonly #waiting: Array<(reply: Record<string, unknown>) => void> = [];

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.#decoder.push(chunk).replies) {
        const parsed = parseReplyJson(frame.text);
        this.#waiting.shift()?.(parsed.ok ? parsed.value : { status: 'UNPARSEABLE' });
      }
    });
  }

  static open(port: number): Promise<Client> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolve(new Client(socket)));
      socket.once('error', reject);
    });
  }

  request(line: string): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#socket.write(line);
    });
  }

  close(): void {
    this.#socket.destroy();
  }
}

/** Nanoseconds per file byte for one send_file + download_file round, median of ROUNDS. */
async function nsPerByte(client: Client, token: string, bytes: number): Promise<number> {
  const data = randomBytes(bytes).toString('base64');
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    const sent = await client.request(`send_file ${token} messi f${bytes}.bin ${data} \r\n`);
    const got = await client.request(`download_file ${token} messi f${bytes}.bin \r\n`);
    const elapsedNs = Number(process.hrtime.bigint() - started);
    if (sent.status !== 'OK' || got.data !== data) {
      throw new Error(`file of ${bytes} bytes did not round-trip: ${JSON.stringify(sent)}`);
    }
    samples.push(elapsedNs / bytes);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

export const serverSection: BenchSection = {
  name: 'server',
  description: 'reference server file path: per-byte cost of a 5 MiB file vs a 0.5 MiB one',
  async run(): Promise<BenchResult> {
    const server = await startServer({ port: 0 });
    const client = await Client.open(server.port);
    try {
      const auth = await client.request('auth messi surabaya \r\n');
      const token = String(auth.tokenid);
      await nsPerByte(client, token, SMALL_BYTES); // warm-up: JIT and socket buffers
      const small = await nsPerByte(client, token, SMALL_BYTES);
      const large = await nsPerByte(client, token, LARGE_BYTES);
      const ratio = large / small;
      return {
        section: 'server',
        figures: [
          { name: 'cost per byte, 0.5 MiB file', value: round(small), unit: 'ns/byte' },
          { name: 'cost per byte, 5 MiB file', value: round(large), unit: 'ns/byte' },
          { name: 'ratio 5 MiB / 0.5 MiB', value: round(ratio), unit: 'x' },
        ],
        summary: [
          `send_file + download_file, median of ${ROUNDS} rounds each, one loopback connection`,
          `aim: ratio below ${AIM_MAX_RATIO} (≈ 1 is linear; quadratic building would be ≈ 10)`,
        ],
        metAim: ratio < AIM_MAX_RATIO,
      };
    } finally {
      client.close();
      await server.close();
    }
  },
};

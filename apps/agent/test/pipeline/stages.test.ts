import { randomBytes } from 'node:crypto';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import type { CompressionAlgorithm } from '@rahatback/protocol';
import { backupObjectKey, describeObjectKey } from '../../src/pipeline/object-key.js';
import {
  createCompressStream,
  createDecompressStream,
  sniffCompression,
} from '../../src/pipeline/stages/compress.js';
import { createDeferredStage } from '../../src/pipeline/stages/deferred-stage.js';
import { FanOut } from '../../src/pipeline/stages/fan-out.js';
import { createRechunkStream } from '../../src/pipeline/stages/rechunk.js';
import { Sha256VerifyStream } from '../../src/pipeline/stages/sha256.js';
import { sha256Of } from './fakes/fake-connector.js';

// 'data' events, not the async iterator: the iterator's read() joins whatever is buffered.
function collect(stream: Readable): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(chunks));
    stream.once('error', reject);
  });
}

const pieces = (data: Buffer, size: number) =>
  Array.from({ length: Math.ceil(data.length / size) }, (_, i) =>
    data.subarray(i * size, (i + 1) * size),
  );

describe('pipeline stages', () => {
  it('gathers 8 KiB writes into 1 MiB blocks without changing a byte', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 777);
    const blocks = await collect(Readable.from(pieces(data, 8192)).pipe(createRechunkStream()));
    expect(blocks.map((b) => b.length)).toEqual([1048576, 1048576, 1048576, 777]);
    expect(Buffer.concat(blocks).equals(data)).toBe(true);
  });

  it.each<CompressionAlgorithm>(['none', 'gzip', 'zstd'])(
    '%s compresses and decompresses back',
    async (algorithm) => {
      const data = Buffer.from('row,value\n'.repeat(200_000));
      const packed = Buffer.concat(
        await collect(Readable.from([data]).pipe(createCompressStream({ algorithm, level: 1 }))),
      );
      if (algorithm !== 'none') expect(packed.length).toBeLessThan(data.length / 20);
      expect(sniffCompression(packed)).toBe(algorithm);
      const unpacked = Buffer.concat(
        await collect(Readable.from([packed]).pipe(createDecompressStream(algorithm))),
      );
      expect(unpacked.equals(data)).toBe(true);
    },
  );

  it('chooses a deferred stage from the first 8 bytes even when they arrive one at a time', async () => {
    const data = Buffer.from('hello world, chosen late');
    const zipped = Buffer.concat(
      await collect(Readable.from([data]).pipe(createCompressStream({ algorithm: 'gzip' }))),
    );
    let seen: Buffer | undefined;
    const stage = createDeferredStage((head) => {
      seen = head;
      return createDecompressStream(sniffCompression(head));
    });
    const out = await collect(Readable.from(pieces(zipped, 1)).pipe(stage));
    expect(seen?.length).toBe(8);
    expect(Buffer.concat(out).toString()).toBe(data.toString());
  });

  it('copies every chunk to each output, paced by the slowest', async () => {
    const data = randomBytes(6 * 1024 * 1024);
    const fan = new FanOut(2);
    const [fast, slow] = fan.outputs as [PassThrough, PassThrough];
    let slowMax = 0;
    const slowChunks: Buffer[] = [];
    const slowSink = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _e, callback) {
        slowChunks.push(chunk);
        slowMax = Math.max(slowMax, fast.readableLength + slow.readableLength);
        setTimeout(callback, 5);
      },
    });
    const [, fastChunks] = await Promise.all([
      pipeline(Readable.from(pieces(data, 1024 * 1024)), fan),
      collect(fast),
      pipeline(slow, slowSink),
    ]);
    expect(Buffer.concat(fastChunks).equals(data)).toBe(true);
    expect(Buffer.concat(slowChunks).equals(data)).toBe(true);
    // Bounded: never the whole stream waiting in memory for the slow reader.
    expect(slowMax).toBeLessThanOrEqual(4 * 1024 * 1024);
  });

  it('refuses to end a stream whose SHA-256 is not the expected one', async () => {
    const data = randomBytes(1000);
    await expect(
      collect(Readable.from([data]).pipe(new Sha256VerifyStream(sha256Of(data)))),
    ).resolves.toHaveLength(1);
    const wrong = pipeline(
      Readable.from([data]),
      new Sha256VerifyStream('f'.repeat(64)),
      new PassThrough().resume(),
    );
    await expect(wrong).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH' });
  });
});

describe('object keys', () => {
  it('reads as <label>/<UTC time>_<run>.<ext chain>', () => {
    const key = backupObjectKey({
      label: 'shop db/../x',
      startedAt: new Date('2026-03-04T05:06:07.890Z'),
      runId: 'run42',
      extension: 'dump',
      compression: 'zstd',
      isEncrypted: true,
    });
    expect(key).toBe('shop_db_.._x/2026-03-04T05-06-07Z_run42.dump.zst.rbk');
    expect(describeObjectKey(key)).toEqual({
      extension: 'dump',
      compression: 'zstd',
      isEncrypted: true,
    });
    expect(describeObjectKey('a/b.sql')).toEqual({
      extension: 'sql',
      compression: 'none',
      isEncrypted: false,
    });
    expect(describeObjectKey('mystery.bin')).toEqual({
      extension: undefined,
      compression: undefined,
      isEncrypted: false,
    });
  });
});

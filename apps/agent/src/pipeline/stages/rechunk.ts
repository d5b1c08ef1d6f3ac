import { Transform, type TransformCallback } from 'node:stream';

/** 1 MiB: large enough that per-chunk costs in Node vanish, small enough to keep memory flat. */
export const DEFAULT_BLOCK_SIZE = 1024 * 1024;

/**
 * Gathers small writes into blocks of about `blockSize` bytes. Dump tools write about 8 KiB at
 * a time, and every later stage pays per chunk, so gathering first makes compression and
 * encryption several times cheaper (see docs/benchmarks.md).
 */
export function createRechunkStream(blockSize = DEFAULT_BLOCK_SIZE): Transform {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  return new Transform({
    readableHighWaterMark: blockSize,
    writableHighWaterMark: blockSize,
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= blockSize) {
        this.push(pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes));
        pending = [];
        pendingBytes = 0;
      }
      callback();
    },
    flush(callback: TransformCallback) {
      if (pendingBytes > 0) this.push(Buffer.concat(pending, pendingBytes));
      pending = [];
      callback();
    },
  });
}

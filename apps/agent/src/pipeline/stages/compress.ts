import { availableParallelism } from 'node:os';
import { PassThrough, type Transform } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { CompressStream, DecompressStream } from 'zstd-napi';
import type { Compression, CompressionAlgorithm } from '@rahatback/protocol';

const DEFAULT_LEVEL: Record<Exclude<CompressionAlgorithm, 'none'>, number> = { gzip: 6, zstd: 3 };

/**
 * zstd's jobs for its worker threads default to four windows (8 MiB at level 3), several of
 * them in flight: 1 MiB jobs cut the agent's peak memory by about 25 MB at level 3 with the
 * same size and speed (measured, docs/benchmarks.md). Above level 9 the windows are larger
 * and smaller jobs would cost ratio, which is what those levels are chosen for.
 */
function zstdJobSize(level: number): { jobSize?: number } {
  return level <= 9 ? { jobSize: 1024 * 1024 } : {};
}

/** zstd's own worker threads take the compression off Node's main thread (the dump needs it). */
function zstdWorkers(): number {
  return Math.min(4, Math.max(1, availableParallelism() - 1));
}

/** The compression stage: a pass-through for `none`. */
export function createCompressStream(compression: Compression): Transform {
  switch (compression.algorithm) {
    case 'none':
      return new PassThrough();
    case 'gzip':
      return createGzip({
        level: compression.level ?? DEFAULT_LEVEL.gzip,
        chunkSize: 256 * 1024,
      });
    case 'zstd': {
      const level = compression.level ?? DEFAULT_LEVEL.zstd;
      return new CompressStream({
        compressionLevel: level,
        nbWorkers: zstdWorkers(),
        ...zstdJobSize(level),
      });
    }
  }
}

/** The decompression stage for what a backup's name or header says it holds. */
export function createDecompressStream(algorithm: CompressionAlgorithm): Transform {
  switch (algorithm) {
    case 'none':
      return new PassThrough();
    case 'gzip':
      return createGunzip({ chunkSize: 256 * 1024 });
    case 'zstd':
      return new DecompressStream();
  }
}

/** Recognises a compressed payload by its first bytes, for files whose name says nothing. */
export function sniffCompression(head: Buffer): CompressionAlgorithm {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

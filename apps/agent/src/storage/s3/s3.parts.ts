import type { Readable } from 'node:stream';
import { StorageError } from '../storage-errors.js';

const MiB = 1024 * 1024;
/** S3's limits for one multipart upload. */
export const MAX_PARTS = 10_000;
const MIN_PART_SIZE = 5 * MiB;
const MAX_PART_SIZE = 5 * 1024 * MiB;
/** Small parts keep memory low for the common case (databases of a few GB). */
export const FIRST_PART_SIZE = 8 * MiB;
/** The part size doubles after every this many parts. */
export const PARTS_PER_STEP = 1000;

export interface Part {
  number: number;
  data: Buffer;
  isLast: boolean;
}

/**
 * The size of part `number` (from 1). It doubles every 1000 parts, so the first 8 GB go in
 * 8 MiB parts and 10,000 parts reach about 8 TiB, beyond S3's 5 TiB object limit, while
 * memory stays proportional to the size actually uploaded. A known size raises the start.
 */
export function partSize(number: number, expectedSize?: number): number {
  const base = Math.max(FIRST_PART_SIZE, MIN_PART_SIZE, Math.ceil((expectedSize ?? 0) / MAX_PARTS));
  const doubled = base * 2 ** Math.floor((number - 1) / PARTS_PER_STEP);
  return Math.min(doubled, MAX_PART_SIZE);
}

/** Cuts a stream into parts of `partSize(n)` bytes; the last part is flagged and may be shorter. */
export async function* readParts(
  body: Readable,
  expectedSize?: number,
): AsyncGenerator<Part, void> {
  let number = 1;
  let buffer = Buffer.allocUnsafe(partSize(number, expectedSize));
  let filled = 0;
  for await (const received of body) {
    const chunk = typeof received === 'string' ? Buffer.from(received) : (received as Buffer);
    let offset = 0;
    while (offset < chunk.length) {
      const copied = chunk.copy(buffer, filled, offset);
      filled += copied;
      offset += copied;
      if (filled < buffer.length) continue;
      yield { number, data: buffer, isLast: false };
      number += 1;
      if (number > MAX_PARTS) throw tooLarge();
      buffer = Buffer.allocUnsafe(partSize(number, expectedSize));
      filled = 0;
    }
  }
  yield { number, data: buffer.subarray(0, filled), isLast: true };
}

function tooLarge(): StorageError {
  return new StorageError(
    'STORAGE_FULL',
    `The backup exceeds what one S3 object can hold (${MAX_PARTS} parts): split the database into several jobs.`,
  );
}

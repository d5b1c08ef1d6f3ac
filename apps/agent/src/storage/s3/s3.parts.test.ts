import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FIRST_PART_SIZE, MAX_PARTS, partSize, readParts } from './s3.parts.js';

const MiB = 1024 * 1024;
const TiB = 1024 * 1024 * MiB;

async function collect(body: Readable) {
  const parts = [];
  for await (const part of readParts(body)) parts.push({ ...part, size: part.data.length });
  return parts;
}

describe('S3 part sizes', () => {
  it('starts at 8 MiB and doubles every 1000 parts', () => {
    expect(partSize(1)).toBe(8 * MiB);
    expect(partSize(1000)).toBe(8 * MiB);
    expect(partSize(1001)).toBe(16 * MiB);
    expect(partSize(2001)).toBe(32 * MiB);
  });

  it('lets 10,000 parts hold more than S3 largest object (5 TiB), each part at most 5 GiB', () => {
    let total = 0;
    for (let n = 1; n <= MAX_PARTS; n++) {
      expect(partSize(n)).toBeLessThanOrEqual(5 * 1024 * MiB);
      total += partSize(n);
    }
    expect(total).toBeGreaterThan(5 * TiB);
  });

  it('keeps memory small for the first 8 GB', () => {
    let total = 0;
    let n = 1;
    while (total < 8e9) total += partSize(n++);
    expect(partSize(n - 1)).toBeLessThanOrEqual(16 * MiB);
  });

  it('starts larger when a huge size is announced', () => {
    expect(partSize(1, 200 * 1024 * 1024 * MiB)).toBeGreaterThan(FIRST_PART_SIZE);
  });
});

describe('cutting a stream into parts', () => {
  it('cuts full parts and a shorter last one, whatever the chunk sizes', async () => {
    const chunks = [Buffer.alloc(3 * MiB, 1), Buffer.alloc(7 * MiB, 2), Buffer.alloc(123, 3)];
    const parts = await collect(Readable.from(chunks));
    expect(parts.map((p) => [p.number, p.size, p.isLast])).toEqual([
      [1, 8 * MiB, false],
      [2, 2 * MiB + 123, true],
    ]);
    expect(Buffer.concat(parts.map((p) => p.data)).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('ends with an empty last part when the stream ends on a part boundary', async () => {
    const parts = await collect(Readable.from([Buffer.alloc(8 * MiB)]));
    expect(parts.map((p) => [p.size, p.isLast])).toEqual([
      [8 * MiB, false],
      [0, true],
    ]);
  });

  it('yields one empty last part for an empty stream', async () => {
    const parts = await collect(Readable.from([]));
    expect(parts.map((p) => [p.size, p.isLast])).toEqual([[0, true]]);
  });
});

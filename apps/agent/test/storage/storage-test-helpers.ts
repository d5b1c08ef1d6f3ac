import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { StorageDriver } from '../../src/storage/storage.types.js';

export const MiB = 1024 * 1024;

/** A stream of `size` random bytes, produced chunk by chunk, and the SHA-256 it will have. */
export function randomPayload(size: number, chunkSize = 256 * 1024) {
  const chunks: Buffer[] = [];
  for (let left = size; left > 0; left -= chunkSize)
    chunks.push(randomBytes(Math.min(chunkSize, left)));
  const sha256 = chunks.reduce((h, c) => h.update(c), createHash('sha256')).digest('hex');
  return { sha256, stream: () => Readable.from(chunks) };
}

/**
 * A stream that yields `before` bytes, then never ends until destroyed: for aborts and
 * server failures in the middle of an upload.
 */
export function stallingStream(before: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= before) return;
      const chunk = randomBytes(Math.min(MiB, before - sent));
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

export async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected a rejection, but the call succeeded');
}

/** The round trip every driver must pass: put a multi-MiB stream, list, get, delete. */
export async function roundTrip(driver: StorageDriver, size: number) {
  const payload = randomPayload(size);
  const key = `${uniqueName('db')}/2026-11-27T06-00-00Z_run1.dump.zst.rbk`;
  const { size: written } = await driver.put(key, payload.stream());
  const listed = await driver.list(key.split('/')[0] + '/');
  const readBack = await sha256Of(await driver.get(key));
  await driver.delete(key);
  const afterDelete = await driver.list(key.split('/')[0] + '/');
  return { key, written, listed, readBack, afterDelete, sha256: payload.sha256 };
}

import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import type { StorageTestResult } from '@rahatback/protocol';
import { toFailure } from './storage-errors.js';
import type { StorageDriver } from './storage.types.js';

/** Where test() writes; a reader of the destination can tell it is not a backup. */
export const PROBE_FOLDER = '.rahatback-probe';
const PROBE_SIZE = 4096;

/**
 * Writes a small random object, reads it back, compares and deletes it: proof that the
 * destination accepts, returns and removes data with the credentials given. Never throws.
 */
export async function probeStorage(
  driver: Pick<StorageDriver, 'put' | 'get' | 'delete'>,
): Promise<StorageTestResult> {
  const started = performance.now();
  const key = `${PROBE_FOLDER}/${randomUUID()}`;
  const payload = randomBytes(PROBE_SIZE);
  let isWritten = false;
  try {
    await driver.put(key, Readable.from([payload]), { expectedSize: PROBE_SIZE });
    isWritten = true;
    const readBack = await readAll(await driver.get(key));
    if (!readBack.equals(payload)) {
      return {
        ok: false,
        code: 'STORAGE_FAILED',
        message: `The probe object read back differs from what was written (${readBack.length} of ${PROBE_SIZE} bytes): the storage does not return what it stores; check the server.`,
      };
    }
    await driver.delete(key);
    isWritten = false;
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, ...toFailure(error) };
  } finally {
    if (isWritten) await driver.delete(key).catch(() => undefined);
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

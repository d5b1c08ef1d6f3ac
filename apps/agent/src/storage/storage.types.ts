import type { Readable } from 'node:stream';
import type { StorageKind, StorageTarget, StorageTestResult } from '@rahatback/protocol';

export interface PutOptions {
  signal?: AbortSignal;
  /** Size hint when known; lets S3 pick its part size. */
  expectedSize?: number;
}

export interface StoredObject {
  key: string;
  size: number;
  lastModified: Date;
}

/**
 * One storage destination. `put` writes under a temporary name (or an S3 multipart upload)
 * and makes the object visible only once the stream ended without error: a failed or
 * aborted put leaves nothing that looks like a backup.
 */
/**
 * Keys are relative to the destination (its folder or bucket prefix), like
 * `mydb/2026-11-27T06-00-00Z_run1.dump.zst.rbk`; a key with a `..` or empty segment or a
 * leading `/` is refused. Every method fails with a `StorageError` (storage-errors.ts) whose
 * code comes from the protocol's ErrorCode and whose message names the cause and the fix,
 * never a secret.
 */
export interface StorageDriver {
  readonly kind: StorageKind;
  /** Consumes `body`; resolves with the bytes stored. Aborting `signal` fails it with CANCELLED. */
  put(key: string, body: Readable, options?: PutOptions): Promise<{ size: number }>;
  /** The object's bytes; OBJECT_NOT_FOUND when there is none. */
  get(key: string, options?: { signal?: AbortSignal }): Promise<Readable>;
  /** Removes the object; deleting one that is already gone succeeds (retention may retry). */
  delete(key: string): Promise<void>;
  /** Complete objects whose key starts with `prefix` (`''` = all), sorted by key. */
  list(prefix: string): Promise<StoredObject[]>;
  /** Writes, reads back and deletes a probe object; never throws. */
  test(): Promise<StorageTestResult>;
  /** Releases connections; the driver reconnects if used again. */
  close(): Promise<void>;
}

export type StorageDriverFactory = (target: StorageTarget) => StorageDriver;

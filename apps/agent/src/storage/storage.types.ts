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
export interface StorageDriver {
  readonly kind: StorageKind;
  put(key: string, body: Readable, options?: PutOptions): Promise<{ size: number }>;
  get(key: string, options?: { signal?: AbortSignal }): Promise<Readable>;
  delete(key: string): Promise<void>;
  list(prefix: string): Promise<StoredObject[]>;
  /** Writes, reads back and deletes a probe object; never throws. */
  test(): Promise<StorageTestResult>;
  close(): Promise<void>;
}

export type StorageDriverFactory = (target: StorageTarget) => StorageDriver;

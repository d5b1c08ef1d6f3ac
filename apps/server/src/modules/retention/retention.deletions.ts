import type { DeleteObjectsResult, Failure } from '@rahatback/protocol';

/** One stored copy of a backup: a run's object on one destination. */
export interface StoredCopy {
  runId: string;
  storageId: string;
  objectKey: string;
}

/** What to ask one destination's agent to delete in one `storage:delete` command. */
export interface DeletionBatch {
  storageId: string;
  copies: StoredCopy[];
}

/** The protocol's limit of keys per `storage:delete`. */
export const MAX_KEYS_PER_BATCH = 1000;

/** Groups the copies of expired runs by destination, in batches the agent accepts. */
export function planDeletions(
  copies: readonly StoredCopy[],
  expiredRunIds: readonly string[],
): DeletionBatch[] {
  const expired = new Set(expiredRunIds);
  const byStorage = new Map<string, Map<string, StoredCopy>>();
  for (const copy of copies) {
    if (!expired.has(copy.runId)) continue;
    const keys = byStorage.get(copy.storageId) ?? new Map<string, StoredCopy>();
    keys.set(copy.objectKey, copy);
    byStorage.set(copy.storageId, keys);
  }
  const batches: DeletionBatch[] = [];
  for (const [storageId, keys] of byStorage) {
    const all = [...keys.values()];
    for (let i = 0; i < all.length; i += MAX_KEYS_PER_BATCH)
      batches.push({ storageId, copies: all.slice(i, i + MAX_KEYS_PER_BATCH) });
  }
  return batches;
}

export interface SettledDeletions {
  /** Gone from storage: mark the copies deleted. */
  deleted: StoredCopy[];
  /** Still there or unknown: keep them listed and retry on the next pass. */
  failed: { copy: StoredCopy; error: Failure }[];
}

const NOT_REPORTED: Failure = {
  code: 'UNKNOWN',
  message: 'The agent did not report this object; it will be retried on the next retention pass.',
};

/**
 * Reads an agent's answer to one batch. An object already missing counts as deleted (the
 * goal is reached); anything the agent did not mention counts as failed, so it is retried
 * rather than forgotten.
 */
export function settleDeletions(
  batch: DeletionBatch,
  result: DeleteObjectsResult,
): SettledDeletions {
  const deletedKeys = new Set(result.deleted);
  const failures = new Map(result.failed.map((f) => [f.key, f.error]));
  const settled: SettledDeletions = { deleted: [], failed: [] };
  for (const copy of batch.copies) {
    const error = failures.get(copy.objectKey);
    if (deletedKeys.has(copy.objectKey) || error?.code === 'OBJECT_NOT_FOUND')
      settled.deleted.push(copy);
    else settled.failed.push({ copy, error: error ?? NOT_REPORTED });
  }
  return settled;
}

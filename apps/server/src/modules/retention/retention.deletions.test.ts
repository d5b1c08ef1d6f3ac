import { describe, expect, it } from 'vitest';
import { type StoredCopy, planDeletions, settleDeletions } from './retention.deletions.js';

const copy = (runId: string, storageId: string): StoredCopy => ({
  runId,
  storageId,
  objectKey: `db/${runId}.rbk`,
});

describe('planDeletions', () => {
  it('asks each destination to delete only the copies of expired runs', () => {
    const copies = [copy('r1', 'nas'), copy('r1', 's3'), copy('r2', 'nas'), copy('r3', 's3')];
    expect(planDeletions(copies, ['r1', 'r3'])).toEqual([
      { storageId: 'nas', copies: [copy('r1', 'nas')] },
      { storageId: 's3', copies: [copy('r1', 's3'), copy('r3', 's3')] },
    ]);
    expect(planDeletions(copies, [])).toEqual([]);
  });

  it('splits a large destination into batches of at most 1000 keys', () => {
    const copies = Array.from({ length: 2500 }, (_, i) => copy(`r${i}`, 's3'));
    const batches = planDeletions(
      copies,
      copies.map((c) => c.runId),
    );
    expect(batches.map((b) => b.copies.length)).toEqual([1000, 1000, 500]);
  });
});

describe('settleDeletions', () => {
  const batch = {
    storageId: 's3',
    copies: [copy('r1', 's3'), copy('r2', 's3'), copy('r3', 's3'), copy('r4', 's3')],
  };

  it('marks deleted and already-missing objects done and keeps failures for a retry', () => {
    const denied = {
      code: 'STORAGE_PERMISSION_DENIED' as const,
      message: 'The key may not delete.',
    };
    const settled = settleDeletions(batch, {
      deleted: ['db/r1.rbk'],
      failed: [
        { key: 'db/r2.rbk', error: { code: 'OBJECT_NOT_FOUND', message: 'gone' } },
        { key: 'db/r3.rbk', error: denied },
      ],
    });
    expect(settled.deleted.map((c) => c.runId)).toEqual(['r1', 'r2']);
    expect(settled.failed).toEqual([
      { copy: copy('r3', 's3'), error: denied },
      { copy: copy('r4', 's3'), error: expect.objectContaining({ code: 'UNKNOWN' }) as unknown },
    ]);
  });
});

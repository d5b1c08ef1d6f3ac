import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupRequest, StorageTarget, TaskProgress } from '@rahatback/protocol';
import { createLocalDriver } from '../../src/storage/local/local.driver.js';
import { runBackup } from '../../src/pipeline/backup-runner.js';
import { runRestore } from '../../src/pipeline/restore-runner.js';
import { dumpBytes, FakeConnector, sha256Of, type FakeDumpPlan } from './fakes/fake-connector.js';
import { tempFolder, type TempFolder } from './helpers/temp-folder.js';

const MiB = 1024 * 1024;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.allSettled(cleanups.splice(0).map((c) => c()));
});

async function folder(label: string, options?: { tmpfsBytes?: number }): Promise<TempFolder> {
  const made = await tempFolder(label, options);
  cleanups.push(() => made.remove());
  return made;
}

function backupRequest(
  targets: StorageTarget[],
  overrides: Partial<BackupRequest> = {},
): BackupRequest {
  return {
    runId: `run${Math.random().toString(36).slice(2, 8)}`,
    label: 'shop',
    database: {
      engine: 'postgresql',
      host: '127.0.0.1',
      port: 5432,
      username: 'u',
      password: '',
      database: 'shop',
      options: {},
    },
    destinations: targets.map((target, i) => ({ storageId: `dest${i}`, target })),
    compression: { algorithm: 'zstd', level: 1 },
    encryption: { passphrase: 'correct horse' },
    ...overrides,
  };
}

function deps(
  connector: FakeConnector,
  extra: { signal?: AbortSignal; onProgress?: (p: TaskProgress) => void } = {},
) {
  const storage = (target: StorageTarget) => {
    if (target.config.kind !== 'local') throw new Error('these tests use local folders only');
    return createLocalDriver(target.config);
  };
  return { connectors: () => connector, storage, ...extra };
}

describe('backup and restore runners (fake dump, real local storage)', () => {
  it('stores the dump once per destination with a sidecar, and restores the same bytes', async () => {
    const [a, b] = [await folder('a'), await folder('b')];
    const plan: FakeDumpPlan = { size: 3 * MiB + 123 };
    const progress: TaskProgress[] = [];
    const request = backupRequest([a.target, b.target]);
    const result = await runBackup(
      request,
      deps(new FakeConnector(plan), { onProgress: (p) => progress.push(p) }),
    );

    expect(result.status).toBe('success');
    expect(result.rawSize).toBe(plan.size);
    expect(result.objectKey).toMatch(
      /^shop\/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ_run\w+\.dump\.zst\.rbk$/,
    );
    expect(result.destinations.map((d) => d.ok)).toEqual([true, true]);
    for (const f of [a, b]) {
      expect(await f.files()).toEqual([result.objectKey, `${result.objectKey}.meta.json`]);
      const stored = await readFile(join(f.path, result.objectKey ?? ''));
      expect(sha256Of(stored)).toBe(result.sha256);
      const meta = JSON.parse(
        await readFile(join(f.path, `${result.objectKey}.meta.json`), 'utf8'),
      ) as Record<string, unknown>;
      expect(meta).toMatchObject({
        sha256: result.sha256,
        rawSize: plan.size,
        encrypted: true,
        storedSize: stored.length,
      });
    }
    expect(progress.at(-1)).toMatchObject({
      bytesRead: plan.size,
      bytesWritten: result.storedSize,
    });

    const restorer = new FakeConnector(plan);
    const restored = await runRestore(
      {
        restoreId: 'r1',
        source: { target: b.target, objectKey: result.objectKey ?? '' },
        passphrase: 'correct horse',
        database: request.database,
        dropExisting: false,
        mode: 'restore',
      },
      deps(restorer),
    );
    expect(restored).toMatchObject({ status: 'success', sha256: result.sha256 });
    expect(sha256Of(restorer.restored ?? Buffer.alloc(0))).toBe(sha256Of(dumpBytes(0, plan.size)));
  });

  it('reports progress at least every 2 seconds while a slow dump runs', async () => {
    const a = await folder('progress');
    const seen: TaskProgress[] = [];
    const result = await runBackup(
      backupRequest([a.target]),
      deps(new FakeConnector({ size: 4 * MiB, delayMs: 8 }), { onProgress: (p) => seen.push(p) }),
    );
    expect(result.status).toBe('success');
    expect(result.durationMs).toBeGreaterThan(2500);
    const gaps = seen.slice(1).map((p, i) => p.elapsedMs - (seen[i]?.elapsedMs ?? 0));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2000);
    const read = seen.map((p) => p.bytesRead);
    expect(read).toEqual([...read].sort((x, y) => x - y));
    expect(seen.some((p) => p.bytesRead > 0 && p.bytesRead < 4 * MiB && p.bytesPerSecond > 0)).toBe(
      true,
    );
  });

  it('fails a dump that exits non-zero midway with its cause, and leaves no object', async () => {
    const a = await folder('crash');
    const result = await runBackup(
      backupRequest([a.target]),
      deps(new FakeConnector({ size: 4 * MiB, failAfter: 2 * MiB })),
    );
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('DUMP_FAILED');
    expect(result.error?.message).toContain('server closed the connection');
    expect(result.logTail).toContain('pg_dump: error: server closed the connection unexpectedly');
    expect(await a.files()).toEqual([]);
  });

  it('ends a cancelled run as cancelled and leaves no object', async () => {
    const a = await folder('cancel');
    const controller = new AbortController();
    const running = runBackup(
      backupRequest([a.target]),
      deps(new FakeConnector({ size: 64 * MiB, delayMs: 2 }), { signal: controller.signal }),
    );
    setTimeout(() => controller.abort(), 300);
    const result = await running;
    expect(result.status).toBe('cancelled');
    expect(result.error?.code).toBe('CANCELLED');
    expect(await a.files()).toEqual([]);
  });

  it('fails when the destination disk fills, names the cause, and leaves nothing on either destination', async () => {
    const [full, roomy] = [await folder('full', { tmpfsBytes: MiB }), await folder('roomy')];
    const result = await runBackup(
      backupRequest([roomy.target, full.target], {
        compression: { algorithm: 'none' },
        encryption: null,
      }),
      deps(new FakeConnector({ size: 8 * MiB })),
    );
    expect(result.status).toBe('failed');
    expect(result.error?.code, JSON.stringify(result)).toBe('STORAGE_FULL');
    expect(result.destinations[1]?.error?.code).toBe('STORAGE_FULL');
    expect(result.destinations[0]).toMatchObject({ ok: false });
    expect(await full.files()).toEqual([]);
    expect(await roomy.files()).toEqual([]);
  });

  it('refuses a wrong passphrase before feeding the database a byte', async () => {
    const a = await folder('wrongpass');
    const backup = await runBackup(
      backupRequest([a.target]),
      deps(new FakeConnector({ size: MiB })),
    );
    const restorer = new FakeConnector({ size: 0 });
    const result = await runRestore(
      {
        restoreId: 'r2',
        source: { target: a.target, objectKey: backup.objectKey ?? '' },
        passphrase: 'wrong horse',
        database: backupRequest([]).database,
        dropExisting: false,
        mode: 'restore',
      },
      deps(restorer),
    );
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('WRONG_PASSPHRASE');
    expect(restorer.restored).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain('wrong horse');
  });

  it('refuses a backup whose checksum differs from the recorded one, before the client sees its end', async () => {
    const a = await folder('checksum');
    const backup = await runBackup(
      backupRequest([a.target], { encryption: null }),
      deps(new FakeConnector({ size: MiB })),
    );
    const restorer = new FakeConnector({ size: 0 });
    const result = await runRestore(
      {
        restoreId: 'r3',
        source: {
          target: a.target,
          objectKey: backup.objectKey ?? '',
          expectedSha256: '0'.repeat(64),
        },
        database: backupRequest([]).database,
        dropExisting: false,
        mode: 'verify',
      },
      deps(restorer),
    );
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('CHECKSUM_MISMATCH');
    expect(restorer.restored).toBeUndefined();
    expect(restorer.scratchDropped).toEqual(['shop_scratch']);
  });
});

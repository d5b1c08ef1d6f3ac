import { PassThrough, type Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type {
  CompressionAlgorithm,
  DatabaseConnection,
  DatabaseEngine,
  RestoreRequest,
  RestoreResult,
  TableCount,
  TaskPhase,
} from '@rahatback/protocol';
import type { Connector } from '../connectors/connector.types.js';
import type { StorageDriver } from '../storage/storage.types.js';
import { logTailOf, silentLogger, type PipelineDeps } from './deps.js';
import { describeObjectKey, type KeyDescription } from './object-key.js';
import { PipelineError, toFailure } from './pipeline-error.js';
import { startProgress } from './progress.js';
import { RunControl } from './run-control.js';
import { readSidecarSha256 } from './sidecar.js';
import { createDecompressStream, sniffCompression } from './stages/compress.js';
import { ByteCounter } from './stages/count.js';
import { createDeferredStage } from './stages/deferred-stage.js';
import { createDecryptStage, isRbkFile } from './stages/encrypt.js';
import { Sha256VerifyStream } from './stages/sha256.js';

const DEFAULT_EXTENSION: Record<DatabaseEngine, string> = {
  postgresql: 'dump',
  mysql: 'sql',
  mariadb: 'sql',
  sqlite: 'sqlite',
};

interface RestoreState {
  startedAt: number;
  bytesRead: number;
  sha256?: string;
  phase: TaskPhase;
}

/**
 * Restores one backup: storage → SHA-256 check → decrypt → decompress → database client.
 * Success only after the last chunk verified, the checksum matched and the client exited 0.
 * In `verify` mode the data goes into a scratch database that is counted and always dropped.
 */
export async function runRestore(
  request: RestoreRequest,
  deps: PipelineDeps,
): Promise<RestoreResult> {
  const state: RestoreState = { startedAt: Date.now(), bytesRead: 0, phase: 'starting' };
  const control = new RunControl(deps.signal);
  const logger = deps.logger ?? silentLogger;
  let driver: StorageDriver | undefined;
  let scratch: DatabaseConnection | undefined;
  let connector: Connector | undefined;
  try {
    connector = deps.connectors(request.database.engine);
    driver = deps.storage(request.source.target);
    let target = request.database;
    if (request.mode === 'verify')
      target = scratch = await connector.createScratch(request.database);
    await streamRestore(request, deps, { connector, driver, target, control, state });
    let tableCounts: TableCount[] | undefined;
    if (scratch !== undefined) {
      state.phase = 'verifying';
      tableCounts = await connector.countRows(scratch);
    }
    logger.info({ restoreId: request.restoreId, bytes: state.bytesRead }, 'restore finished');
    return {
      restoreId: request.restoreId,
      status: 'success',
      durationMs: Date.now() - state.startedAt,
      bytesRead: state.bytesRead,
      sha256: state.sha256,
      ...(tableCounts === undefined ? {} : { tableCounts }),
      logTail: [],
    };
  } catch (error) {
    control.fail(error);
    const failure = control.isCancelled
      ? { code: 'CANCELLED' as const, message: 'The restore was cancelled before it finished.' }
      : toFailure(control.cause, 'RESTORE_FAILED', secretsOf(request));
    logger.warn({ restoreId: request.restoreId, code: failure.code }, 'restore failed');
    return {
      restoreId: request.restoreId,
      status: control.isCancelled ? 'cancelled' : 'failed',
      durationMs: Date.now() - state.startedAt,
      bytesRead: state.bytesRead,
      error: failure,
      logTail: logTailOf(control.cause),
    };
  } finally {
    if (scratch !== undefined && connector !== undefined) {
      const dropping = scratch;
      await connector.dropScratch(dropping).catch((error: unknown) => {
        logger.warn({ restoreId: request.restoreId, error: String(error) }, 'scratch drop failed');
      });
    }
    await driver?.close().catch(() => undefined);
  }
}

async function streamRestore(
  request: RestoreRequest,
  deps: PipelineDeps,
  run: {
    connector: Connector;
    driver: StorageDriver;
    target: DatabaseConnection;
    control: RunControl;
    state: RestoreState;
  },
): Promise<void> {
  const { control, state } = run;
  const key = request.source.objectKey;
  const described = describeObjectKey(key);
  const expected =
    request.source.expectedSha256 ?? (await readSidecarSha256(run.driver, key, control.signal));
  const body = await run.driver.get(key, { signal: control.signal });
  const restore = await run.connector
    .restore(run.target, {
      signal: control.signal,
      dropExisting: request.dropExisting,
      extension: described.extension ?? DEFAULT_EXTENSION[request.database.engine],
    })
    .catch((error: unknown) => {
      body.destroy();
      throw error;
    });
  const restoreDone = control.watch(restore.done);
  const verify = new Sha256VerifyStream(expected);
  const fed = new ByteCounter();
  let headerCompression: CompressionAlgorithm | undefined;
  const decrypt = createDeferredStage((head) =>
    openEncryption(head, described, request.passphrase, (c) => (headerCompression = c)),
  );
  const decompress = createDeferredStage((head) =>
    createDecompressStream(headerCompression ?? described.compression ?? sniffCompression(head)),
  );
  state.phase = request.mode === 'verify' ? 'verifying' : 'restoring';
  const stopProgress = startProgress(
    {
      taskId: request.restoreId,
      startedAt: state.startedAt,
      phase: () => state.phase,
      bytesRead: () => verify.bytes,
      bytesWritten: () => fed.bytes,
    },
    deps.onProgress,
  );
  const flow = control.watch(
    pipeline([body, verify, decrypt, decompress, fed, restore.stream], { signal: control.signal }),
  );
  try {
    const settled = await Promise.allSettled([flow, restoreDone]);
    state.bytesRead = verify.bytes;
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed !== undefined) throw control.cause ?? failed.reason;
    state.sha256 = verify.digest();
  } finally {
    stopProgress();
  }
}

function openEncryption(
  head: Buffer,
  described: KeyDescription,
  passphrase: string | undefined,
  onCompression: (compression: CompressionAlgorithm) => void,
): Duplex {
  if (!isRbkFile(head)) {
    if (described.isEncrypted)
      throw new PipelineError(
        'NOT_A_BACKUP',
        'The file is named .rbk but does not start like a RahatBack encrypted backup; it is damaged or not a backup.',
      );
    return new PassThrough();
  }
  if (passphrase === undefined || passphrase === '')
    throw new PipelineError(
      'WRONG_PASSPHRASE',
      'This backup is encrypted and no passphrase was given; give the passphrase it was made with.',
    );
  return createDecryptStage({ passphrase, onCompression });
}

function secretsOf(request: RestoreRequest): string[] {
  const secrets = [request.database.password, request.passphrase ?? ''];
  secrets.push(...Object.values(request.source.target.secrets).filter((s) => s !== undefined));
  return secrets.filter((s) => s !== '');
}

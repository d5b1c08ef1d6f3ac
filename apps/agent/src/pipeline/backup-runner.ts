import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type {
  BackupRequest,
  BackupResult,
  DestinationResult,
  TaskPhase,
} from '@rahatback/protocol';
import type { DumpHandle } from '../connectors/connector.types.js';
import type { StorageDriver } from '../storage/storage.types.js';
import { logTailOf, silentLogger, type PipelineDeps } from './deps.js';
import { backupObjectKey, sidecarKey } from './object-key.js';
import { isAbortEcho, PipelineError, toFailure } from './pipeline-error.js';
import { startProgress } from './progress.js';
import { RunControl } from './run-control.js';
import { writeSidecar } from './sidecar.js';
import { createCompressStream } from './stages/compress.js';
import { ByteCounter } from './stages/count.js';
import { createEncryptStage } from './stages/encrypt.js';
import { FanOut } from './stages/fan-out.js';
import { createRechunkStream } from './stages/rechunk.js';
import { Sha256Stream } from './stages/sha256.js';

/** What a run learned so far; the failure path reports and cleans up from it. */
export interface BackupState {
  startedAt: Date;
  dump?: DumpHandle;
  key?: string;
  rawSize: number;
  sha256?: string;
  /** Per destination: the stored size once its put committed. */
  stored: (number | undefined)[];
  /** Per destination: its own error, when it was the one that failed. */
  errors: unknown[];
}

/**
 * Backs up one database to every destination in one pass: dump → rechunk → count → compress
 * → encrypt → SHA-256 → fan-out → storage, under one AbortSignal. Never throws: a failure
 * becomes the result's `error`. A run succeeds only when every destination holds the copy
 * (the 3-2-1 rule); a failed run removes what it committed anywhere, because an object the
 * server has no record of would never be pruned by retention.
 */
export async function runBackup(request: BackupRequest, deps: PipelineDeps): Promise<BackupResult> {
  const state: BackupState = { startedAt: new Date(), rawSize: 0, stored: [], errors: [] };
  const control = new RunControl(deps.signal);
  const logger = deps.logger ?? silentLogger;
  let drivers: StorageDriver[] = [];
  try {
    drivers = request.destinations.map((d) => deps.storage(d.target));
    await streamBackup(request, deps, drivers, control, state);
    await Promise.all(drivers.map((driver, i) => writeSidecar(driver, request, state, i)));
    logger.info({ runId: request.runId, key: state.key, bytes: state.rawSize }, 'backup stored');
    return successResult(request, state);
  } catch (error) {
    control.fail(error);
    await removeCommitted(drivers, state);
    const result = failedResult(request, state, control);
    logger.warn({ runId: request.runId, code: result.error?.code }, 'backup failed');
    return result;
  } finally {
    await Promise.allSettled(drivers.map((driver) => driver.close()));
  }
}

async function streamBackup(
  request: BackupRequest,
  deps: PipelineDeps,
  drivers: StorageDriver[],
  control: RunControl,
  state: BackupState,
): Promise<void> {
  // Made first: its key derivation (scrypt, 32 MB for a moment) runs while the dump tool
  // connects, and is over before the stream's buffers fill, which keeps peak memory lower.
  const encrypt = encryptStage(request);
  const dump = await deps.connectors(request.database.engine).dump(request.database, {
    signal: control.signal,
  });
  state.dump = dump;
  const key = backupObjectKey({
    label: request.label,
    startedAt: state.startedAt,
    runId: request.runId,
    extension: dump.extension,
    compression: request.compression.algorithm,
    isEncrypted: request.encryption !== null,
  });
  state.key = key;
  const dumpDone = control.watch(dump.done);
  const raw = new ByteCounter();
  const sha = new Sha256Stream();
  // The outputs end only after the dump exited 0, so no driver commits a failed dump.
  const fanOut = new FanOut(drivers.length, () => dumpDone);
  let phase: TaskPhase = 'dumping';
  const stopProgress = startProgress(
    {
      taskId: request.runId,
      startedAt: state.startedAt.getTime(),
      phase: () => phase,
      bytesRead: () => raw.bytes,
      bytesWritten: () => sha.bytes,
    },
    deps.onProgress,
  );
  const puts = drivers.map((driver, i) =>
    control.watch(driver.put(key, fanOut.outputs[i] as Readable, { signal: control.signal })).then(
      ({ size }) => {
        state.stored[i] = size;
        // A driver must read to the end; one that "succeeded" earlier stored a torn copy.
        if (!fanOut.hasEndedOutputs)
          control.fail(
            new PipelineError(
              'STORAGE_FAILED',
              'A destination stopped reading before the backup ended.',
            ),
          );
      },
      (error: unknown) => {
        state.errors[i] = error;
        throw error;
      },
    ),
  );
  const stages = [
    dump.stream,
    createRechunkStream(),
    raw,
    createCompressStream(request.compression),
    ...encrypt,
    sha,
    fanOut,
  ] as const;
  const flow = control.watch(pipeline(stages, { signal: control.signal }));
  try {
    const settled = await Promise.allSettled([flow, dumpDone, ...puts]);
    phase = 'finishing';
    state.rawSize = raw.bytes;
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed !== undefined) throw control.cause ?? failed.reason;
    state.sha256 = sha.digest();
  } finally {
    stopProgress();
  }
}

function encryptStage(request: BackupRequest) {
  if (request.encryption === null) return [];
  return [
    createEncryptStage({
      passphrase: request.encryption.passphrase,
      compression: request.compression.algorithm,
      content: {
        engine: request.database.engine,
        ...(request.database.options.dumpFormat === undefined
          ? {}
          : { dumpFormat: request.database.options.dumpFormat }),
        label: request.label,
        runId: request.runId,
        ...(request.jobId === undefined ? {} : { jobId: request.jobId }),
      },
    }),
  ];
}

async function removeCommitted(drivers: StorageDriver[], state: BackupState): Promise<void> {
  const key = state.key;
  if (key === undefined) return;
  await Promise.allSettled(
    drivers.map(async (driver, i) => {
      if (state.stored[i] === undefined) return;
      await Promise.allSettled([driver.delete(key), driver.delete(sidecarKey(key))]);
    }),
  );
}

function baseResult(request: BackupRequest, state: BackupState) {
  return {
    runId: request.runId,
    durationMs: Date.now() - state.startedAt.getTime(),
    encrypted: request.encryption !== null,
    compression: request.compression.algorithm,
    rawSize: state.rawSize,
    clientToolVersion: state.dump?.clientToolVersion,
    serverVersion: state.dump?.serverVersion,
  };
}

function successResult(request: BackupRequest, state: BackupState): BackupResult {
  const key = state.key ?? '';
  const sha256 = state.sha256 ?? '';
  const storedSize = state.stored[0] ?? 0;
  const destinations: DestinationResult[] = request.destinations.map((d, i) => ({
    storageId: d.storageId,
    ok: true,
    objectKey: key,
    storedSize: state.stored[i] ?? 0,
    sha256,
  }));
  return {
    ...baseResult(request, state),
    status: 'success',
    objectKey: key,
    storedSize,
    sha256,
    destinations,
    logTail: [],
  };
}

function failedResult(
  request: BackupRequest,
  state: BackupState,
  control: RunControl,
): BackupResult {
  const secrets = secretsOf(request);
  const isStorageCause = state.errors.includes(control.cause);
  const finalError = control.isCancelled
    ? {
        code: 'CANCELLED' as const,
        message: 'The run was cancelled before it finished; nothing was kept.',
      }
    : toFailure(control.cause, isStorageCause ? 'STORAGE_FAILED' : 'DUMP_FAILED', secrets);
  const destinations: DestinationResult[] = request.destinations.map((d, i) => {
    const own: unknown = state.errors[i];
    const hasOwnError = own !== undefined && !isAbortEcho(own);
    return {
      storageId: d.storageId,
      ok: false,
      objectKey: state.key ?? '',
      storedSize: 0,
      sha256: '',
      error: hasOwnError ? toFailure(own, 'STORAGE_FAILED', secrets) : finalError,
    };
  });
  return {
    ...baseResult(request, state),
    status: control.isCancelled ? 'cancelled' : 'failed',
    storedSize: 0,
    destinations,
    error: finalError,
    logTail: logTailOf(control.cause),
  };
}

/** Every secret of the request, scrubbed from any message before it leaves the agent. */
export function secretsOf(request: BackupRequest): string[] {
  const secrets = [request.database.password, request.encryption?.passphrase ?? ''];
  for (const destination of request.destinations) {
    secrets.push(...Object.values(destination.target.secrets).filter((s) => s !== undefined));
  }
  return secrets.filter((s) => s !== '');
}

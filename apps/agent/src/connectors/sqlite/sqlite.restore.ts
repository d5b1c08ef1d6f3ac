import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import type { DatabaseConnection } from '@rahatback/protocol';
import type { RestoreHandle, RestoreOptions } from '../connector.types.js';
import { EngineError } from '../engine-error.js';
import { explainSqliteError } from './sqlite.errors.js';

const SIDE_FILES = ['-wal', '-shm', '-journal'];

async function removeWithSideFiles(path: string): Promise<void> {
  await Promise.all(['', ...SIDE_FILES].map((s) => rm(`${path}${s}`, { force: true })));
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Refuses to put a file that is not a sound SQLite database in place of the target. */
function checkDatabase(path: string): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    if (rows[0]?.quick_check !== 'ok') throw new Error(rows.map((r) => r.quick_check).join('; '));
  } catch (error) {
    throw new EngineError(
      'RESTORE_FAILED',
      `the backup did not hold a sound SQLite database (${error instanceof Error ? error.message : String(error)}): the target was left as it was`,
      { cause: error },
    );
  } finally {
    db.close();
  }
}

/**
 * Puts the written file in place of the target in one rename, after fsync, so that the
 * target is at every moment either the old database or the complete new one. The old
 * database's WAL and shared-memory files are removed first: SQLite would otherwise replay
 * the old WAL onto the new file.
 */
async function putInPlace(temp: string, target: string): Promise<void> {
  checkDatabase(temp);
  await Promise.all(SIDE_FILES.map((s) => rm(`${temp}${s}`, { force: true })));
  // The restored file keeps the permissions the application gave the old one.
  const old = await stat(target).catch(() => undefined);
  if (old !== undefined) await chmod(temp, old.mode & 0o7777);
  await fsyncPath(temp);
  await Promise.all(SIDE_FILES.map((s) => rm(`${target}${s}`, { force: true })));
  await rename(temp, target);
  await fsyncPath(dirname(target));
}

function finished(stream: Writable, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onAbort = () =>
      stream.destroy(
        new EngineError('CANCELLED', 'the SQLite restore was stopped: the task was cancelled'),
      );
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    stream.once('close', () => {
      signal.removeEventListener('abort', onAbort);
      if (stream.writableFinished && !signal.aborted) resolve();
      else
        reject(
          stream.errored ??
            new EngineError(
              'RESTORE_FAILED',
              'the SQLite file was not written to its end: see the other errors of this run',
            ),
        );
    });
  });
}

/**
 * Writes the backup to `<target>.restoring-<random>` next to the target (same file system,
 * so the final rename is atomic) and renames it over the target once it is complete,
 * synced and checked. `dropExisting` changes nothing: the whole file is replaced.
 */
export async function createSqliteRestore(
  conn: DatabaseConnection,
  options: RestoreOptions,
): Promise<RestoreHandle> {
  const target = conn.database;
  if (options.extension !== 'sqlite')
    throw new EngineError(
      'RESTORE_FAILED',
      `a SQLite backup ends in ".sqlite", not ".${options.extension}": check that the backup belongs to a SQLite database`,
    );
  const folder = await stat(dirname(target)).catch(() => undefined);
  if (folder?.isDirectory() !== true)
    throw new EngineError(
      'DATABASE_NOT_FOUND',
      `the folder ${dirname(target)} does not exist on the agent's host: create it or choose another path`,
    );
  const temp = `${target}.restoring-${randomBytes(6).toString('hex')}`;
  const stream = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
  // The failure is reported by `done`; this keeps an unwatched stream from crashing the agent.
  stream.on('error', () => undefined);
  const done = finished(stream, options.signal)
    .then(() => putInPlace(temp, target))
    .catch(async (error: unknown) => {
      await removeWithSideFiles(temp);
      throw explainSqliteError(error, target);
    });
  done.catch(() => undefined);
  return { stream, done };
}

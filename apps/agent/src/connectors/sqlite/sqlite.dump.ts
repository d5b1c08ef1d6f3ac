import { randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { DatabaseConnection } from '@rahatback/protocol';
import type { DumpHandle } from '../connector.types.js';
import { EngineError } from '../engine-error.js';
import { explainSqliteError } from './sqlite.errors.js';
import { openSqliteReadOnly, sqliteVersion } from './sqlite.client.js';

const READ_BUFFER = 1024 * 1024;

/** Resolves when the stream was read to its end; rejects if it broke off or the task was cancelled. */
function completionOf(stream: Readable, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cancelled = () =>
      new EngineError('CANCELLED', 'the SQLite copy was not sent: the task was cancelled');
    const onAbort = () => stream.destroy(cancelled());
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    stream.once('end', () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
    stream.once('close', () => {
      signal.removeEventListener('abort', onAbort);
      if (!stream.readableEnded)
        reject(
          signal.aborted
            ? cancelled()
            : new EngineError(
                'DUMP_FAILED',
                'the SQLite copy stopped before its end: see the other errors of this run',
              ),
        );
    });
  });
}

/**
 * A consistent copy made with SQLite's online backup API (other programs may keep writing),
 * into a temporary file whose name is removed as soon as it is opened: the bytes are
 * streamed from the open file and vanish with it, however the stream ends.
 */
export async function createSqliteDump(
  conn: DatabaseConnection,
  options: { signal: AbortSignal },
): Promise<DumpHandle> {
  const db = await openSqliteReadOnly(conn.database);
  const copy = join(tmpdir(), `rahatback-sqlite-dump-${randomBytes(8).toString('hex')}.sqlite`);
  let serverVersion: string;
  try {
    serverVersion = sqliteVersion(db);
    await db.backup(copy);
  } catch (error) {
    await rm(copy, { force: true });
    throw explainSqliteError(error, conn.database);
  } finally {
    db.close();
  }
  const handle = await open(copy, 'r');
  await rm(copy, { force: true });
  const stream = handle.createReadStream({ highWaterMark: READ_BUFFER });
  const done = completionOf(stream, options.signal);
  done.catch(() => undefined);
  return {
    stream,
    done,
    clientToolVersion: `better-sqlite3 (${serverVersion})`,
    serverVersion,
    extension: 'sqlite',
  };
}

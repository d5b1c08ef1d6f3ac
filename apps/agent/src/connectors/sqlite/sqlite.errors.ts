import { EngineError } from '../engine-error.js';

/**
 * Translates what better-sqlite3 or the file system throws about a database file into an
 * EngineError a person can act on. SQLite has no server: every cause is about the file.
 */
export function explainSqliteError(error: unknown, file: string): EngineError {
  if (error instanceof EngineError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ENOENT' || code === 'SQLITE_CANTOPEN')
    return new EngineError(
      'DATABASE_NOT_FOUND',
      `the SQLite file ${file} does not exist on the agent's host (or cannot be opened): check the path`,
      { cause: error },
    );
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM' || code === 'SQLITE_READONLY')
    return new EngineError(
      'AUTH_FAILED',
      `the agent may not read or write the SQLite file ${file}: give the agent's user access to it and its folder`,
      { cause: error },
    );
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
    return new EngineError(
      'DATABASE_NOT_FOUND',
      `${file} is not a SQLite database (or is damaged): check the path`,
      { cause: error },
    );
  if (code === 'ENOSPC' || code === 'SQLITE_FULL')
    return new EngineError(
      'RESTORE_FAILED',
      `the disk that holds ${file} is full: free some space and try again`,
      { cause: error },
    );
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return new EngineError(
      'UNKNOWN',
      `the SQLite file ${file} stayed locked by another program: try again when it is less busy`,
      { cause: error },
    );
  return new EngineError('UNKNOWN', `the SQLite file ${file} failed: ${message}`, {
    cause: error,
  });
}

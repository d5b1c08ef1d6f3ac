import { StorageError, systemCode } from '../storage-errors.js';

/** Turns a file-system error met while working under `folder` into a StorageError. */
export function localError(error: unknown, folder: string, path: string): StorageError {
  if (error instanceof StorageError) return error;
  const code = systemCode(error);
  const cause = { cause: error };
  switch (code ?? '') {
    case 'ENOSPC':
    case 'EDQUOT':
      return new StorageError(
        'STORAGE_FULL',
        `The disk holding ${folder} is full (${code}): free space there or choose another destination.`,
        cause,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new StorageError(
        'STORAGE_PERMISSION_DENIED',
        `The agent may not write ${path} (${code}): give the agent's user write access to ${folder}.`,
        cause,
      );
    case 'ENOENT':
      return new StorageError(
        'OBJECT_NOT_FOUND',
        `${path} does not exist in ${folder}: it was deleted or never written.`,
        cause,
      );
    default:
      return new StorageError(
        'STORAGE_FAILED',
        `Writing or reading ${path} failed (${code ?? 'unknown error'}): check the disk holding ${folder}.`,
        cause,
      );
  }
}

export function folderMissing(folder: string, cause?: unknown): StorageError {
  return new StorageError(
    'STORAGE_NOT_FOUND',
    `The folder ${folder} does not exist on the agent's host (or is not a folder): create it or fix the destination's path.`,
    { cause },
  );
}

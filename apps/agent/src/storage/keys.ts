import { randomBytes } from 'node:crypto';
import { StorageError } from './storage-errors.js';

const MAX_KEY_LENGTH = 1024;

/**
 * Refuses a key that could leave the destination or be read two ways: empty, absolute, with
 * a `.`/`..`/empty segment, a backslash or a control character. Keys are relative paths
 * like `mydb/2026-11-27T06-00-00Z_run1.dump.zst.rbk`.
 */
export function assertSafeKey(key: string): void {
  const problem = keyProblem(key);
  if (problem) {
    throw new StorageError(
      'VALIDATION_FAILED',
      `The object key "${key.slice(0, 200)}" is refused: ${problem}.`,
    );
  }
}

/** Like assertSafeKey, but `''` (everything) and a trailing `/` are allowed. */
export function assertSafePrefix(prefix: string): void {
  if (prefix === '') return;
  assertSafeKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
}

function keyProblem(key: string): string | undefined {
  if (key.length === 0) return 'it is empty';
  if (key.length > MAX_KEY_LENGTH) return `it is longer than ${MAX_KEY_LENGTH} characters`;
  if (key.startsWith('/')) return 'it must be relative (no leading "/")';
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(key)) return 'it contains a backslash or a control character';
  const segments = key.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return 'it contains a "." or ".." segment';
  if (segments.some((s) => s === ''))
    return 'it contains an empty segment ("//" or a trailing "/")';
  return undefined;
}

const PARTIAL_SUFFIX = /\.partial-[0-9a-f]{12}$/;

/** The temporary name a file is written under until it is complete. */
export function partialName(path: string): string {
  return `${path}.partial-${randomBytes(6).toString('hex')}`;
}

/** True for a file still being written (or left by a crash): never listed as a backup. */
export function isPartialName(path: string): boolean {
  return PARTIAL_SUFFIX.test(path);
}

/** Joins a destination prefix (`''`, `a/b` or `a/b/`) and a relative key. */
export function joinPrefix(prefix: string, key: string): string {
  if (prefix === '') return key;
  return prefix.endsWith('/') ? `${prefix}${key}` : `${prefix}/${key}`;
}

/** The folder part of a list prefix: `mydb/2026` → `mydb`, `mydb/` → `mydb`, `x` → ``. */
export function prefixFolder(prefix: string): string {
  const slash = prefix.lastIndexOf('/');
  return slash < 0 ? '' : prefix.slice(0, slash);
}

import { execFile } from 'node:child_process';
import { realpath, stat } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Versions by resolved path and modification time: asking costs a process start each time. */
const versionCache = new Map<string, string | undefined>();

/**
 * `toolVersion`, remembered until the binary changes (an upgrade replaces the file), so a
 * backup does not start several processes only to learn what it learnt last time.
 */
export async function cachedToolVersion(path: string): Promise<string | undefined> {
  const real = await realpath(path).catch(() => path);
  const info = await stat(real).catch(() => undefined);
  if (info === undefined) return undefined;
  const key = `${real}\0${info.mtimeMs}\0${path}`;
  if (!versionCache.has(key)) versionCache.set(key, await toolVersion(path));
  return versionCache.get(key);
}

/** The first line a tool prints for `--version`, or undefined when it cannot be run. */
export async function toolVersion(path: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(path, ['--version'], { timeout: 10_000 });
    return stdout.split('\n')[0]?.trim();
  } catch {
    return undefined;
  }
}

/** The folders of a PATH-like `searchPath`, in order. */
export function pathDirs(searchPath: string): string[] {
  return searchPath.split(':').filter((dir) => dir !== '');
}

import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { StorageTarget } from '@rahatback/protocol';

const run = promisify(execFile);

export interface TempFolder {
  path: string;
  target: StorageTarget;
  /** Every file under the folder, relative, sorted: what a user would see with `find`. */
  files(): Promise<string[]>;
  remove(): Promise<void>;
}

export async function tempFolder(
  label: string,
  options: { tmpfsBytes?: number } = {},
): Promise<TempFolder> {
  const path = await mkdtemp(join(tmpdir(), `rb-pipe-${label}-`));
  if (options.tmpfsBytes !== undefined)
    await run('mount', ['-t', 'tmpfs', '-o', `size=${options.tmpfsBytes}`, 'tmpfs', path]);
  return {
    path,
    target: { config: { kind: 'local', path }, secrets: {} },
    files: () => listFiles(path),
    remove: async () => {
      if (options.tmpfsBytes !== undefined) await run('umount', [path]);
      await rm(path, { recursive: true, force: true });
    },
  };
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}
